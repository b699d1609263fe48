//! Month names of the four Arabic systems (ARABIC.md §2.3, from CLDR): Gregorian (يناير …),
//! Levantine/Syriac (كانون الثاني …), Algerian-Tunisian (جانفي …) and Moroccan (يوليوز، غشت …),
//! and a reader that finds them in a document's tokens, with the dual patterns (أيلول/سبتمبر,
//! يوليو (تموز), مايو أيار) that newsrooms use to name one month in two systems.
//!
//! Several names belong to more than one system (مارس is Gregorian, Algerian and Moroccan), so a
//! name carries a set of systems. Some names are also ordinary words (مارس "practised", ماي as in
//! Theresa May, نيسان the car maker, آب written without its madda is أب "father"): those count as
//! months only in a date context (a number next to them, شهر before them, or a dual pattern).

use crate::document::{Document, Token, TokenKind};
use crate::source::Span;

/// A month-name system, as a bit in a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum System {
    Gregorian = 1,
    Levant = 2,
    Maghreb = 4,
    Morocco = 8,
}

pub const SYSTEMS: [System; 4] = [System::Gregorian, System::Levant, System::Maghreb, System::Morocco];

impl System {
    pub fn bit(self) -> u8 {
        self as u8
    }

    /// The name used in configuration (`style.months`, `prefer`).
    pub fn key(self) -> &'static str {
        match self {
            System::Gregorian => "gregorian",
            System::Levant => "levant",
            System::Maghreb => "maghreb",
            System::Morocco => "morocco",
        }
    }

    pub fn from_key(s: &str) -> Option<System> {
        SYSTEMS.into_iter().find(|x| x.key() == s)
    }

    /// A readable name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            System::Gregorian => "Gregorian (يناير، فبراير …)",
            System::Levant => "Levantine (كانون الثاني، شباط …)",
            System::Maghreb => "Algerian-Tunisian (جانفي، فيفري …)",
            System::Morocco => "Moroccan (يوليوز، غشت …)",
        }
    }

    /// The usual name of month `m` (1–12) in this system.
    pub fn name(self, m: u8) -> &'static str {
        let i = (m.clamp(1, 12) - 1) as usize;
        match self {
            System::Gregorian => GREGORIAN[i],
            System::Levant => LEVANT[i],
            System::Maghreb => MAGHREB[i],
            System::Morocco => MOROCCO[i],
        }
    }
}

const GREGORIAN: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const LEVANT: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const MAGHREB: [&str; 12] = [
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const MOROCCO: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];

const G: u8 = 1;
const L: u8 = 2;
const M: u8 = 4;
const R: u8 = 8;

/// One-word names by folded form: (month, systems, also an ordinary word).
const ONE_WORD: &[(&str, u8, u8, bool)] = &[
    ("يناير", 1, G | R, false),
    ("فبراير", 2, G | R, false),
    ("مارس", 3, G | M | R, true),
    ("ابريل", 4, G | R, false),
    ("مايو", 5, G, false),
    ("يونيو", 6, G | R, false),
    ("يونيه", 6, G, false),
    ("يوليو", 7, G, false),
    ("يوليه", 7, G, false),
    ("اغسطس", 8, G, false),
    ("سبتمبر", 9, G | M, false),
    ("اكتوبر", 10, G | M | R, false),
    ("نوفمبر", 11, G | M, false),
    ("ديسمبر", 12, G | M, false),
    ("شباط", 2, L, false),
    ("اذار", 3, L, false),
    ("نيسان", 4, L, true),
    ("ايار", 5, L, false),
    ("حزيران", 6, L, false),
    ("تموز", 7, L, true),
    ("اب", 8, L, true),
    ("ايلول", 9, L, false),
    ("جانفي", 1, M, false),
    ("جانفييه", 1, M, false),
    ("فيفري", 2, M, false),
    ("افريل", 4, M, false),
    ("ماي", 5, M | R, true),
    ("جوان", 6, M, true),
    ("جويليه", 7, M, false),
    ("اوت", 8, M, true),
    ("يوليوز", 7, R, false),
    ("غشت", 8, R, false),
    ("شتنبر", 9, R, false),
    ("نونبر", 11, R, false),
    ("دجنبر", 12, R, false),
];

/// A month name found in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub first_token: usize,
    pub last_token: usize,
    /// The name as written, without a proclitic (و، ب، ل، ف) in front.
    pub span: Span,
    pub month: u8,
    pub systems: u8,
    /// The name is also an ordinary word and stands in no date context.
    pub doubtful: bool,
    /// A proclitic was split off the name.
    pub prefixed: bool,
}

impl Mention {
    pub fn has(&self, s: System) -> bool {
        self.systems & s.bit() != 0
    }

    /// The system that names this mention best: its only one, or the first of its set.
    pub fn main_system(&self) -> System {
        if self.has(System::Levant) {
            return System::Levant;
        }
        if self.systems == M || self.systems == M | R {
            return System::Maghreb;
        }
        if self.systems == R {
            return System::Morocco;
        }
        System::Gregorian
    }
}

/// Two names of one month in two systems, written together: أيلول/سبتمبر, يوليو (تموز), مايو أيار.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub first: Mention,
    pub second: Mention,
    /// From the first name to the second (a closing bracket included).
    pub span: Span,
}

/// Every month name of a document, in order, and the dual pairs among them. Mentions inside a
/// pair are listed in `pairs` only.
#[derive(Clone, Debug, Default)]
pub struct Months {
    pub single: Vec<Mention>,
    pub pairs: Vec<Pair>,
}

fn is_number(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Number) || (t.kind == TokenKind::Mixed)
}

fn ordinal_key(folded: &str) -> Option<u8> {
    match folded {
        "الاول" | "اول" => Some(1),
        "الثاني" | "ثاني" => Some(2),
        _ => None,
    }
}

/// The month name starting at token `i`, if any (one token, or كانون/تشرين and an ordinal).
fn name_at(doc: &Document<'_>, i: usize, para_end: usize) -> Option<Mention> {
    let tok = &doc.tokens[i];
    if tok.kind != TokenKind::Arabic {
        return None;
    }
    let folded = doc.folded(tok);
    // The name itself, or the name after one proclitic.
    let (key, skip) = if let Some(hit) = lookup_folded(folded, doc, tok, 0) {
        (hit, 0)
    } else {
        let rest = crate::text::clitics::strip_one_proclitic(folded)?;
        // The lookup rules most words out on their bytes; then at least four letters after the
        // proclitic.
        let key = lookup_folded(rest, doc, tok, folded.len() - rest.len())?;
        rest.chars().nth(3)?;
        (key, folded.len() - rest.len())
    };
    let prefix_bytes = if skip == 0 {
        0
    } else {
        // One proclitic letter: its surface is that letter and any marks on it.
        let s = doc.surface(tok);
        let mut chars = s.char_indices().skip(1);
        chars
            .find(|(_, c)| !crate::text::chars::is_arabic_mark(*c))
            .map_or(0, |(j, _)| j)
    };
    let start = tok.span.start as usize + prefix_bytes;
    match key {
        Key::One(month, systems, ordinary) => Some(Mention {
            first_token: i,
            last_token: i,
            span: Span::new(start, tok.span.end as usize),
            month,
            systems,
            doubtful: ordinary,
            prefixed: skip > 0,
        }),
        Key::Kanun | Key::Tishrin => {
            let next = doc.tokens.get(i + 1).filter(|_| i + 1 < para_end)?;
            let ord = ordinal_key(doc.folded(next))?;
            let month = match (key, ord) {
                (Key::Kanun, 2) => 1,
                (Key::Kanun, _) => 12,
                (Key::Tishrin, 1) => 10,
                _ => 11,
            };
            Some(Mention {
                first_token: i,
                last_token: i + 1,
                span: Span::new(start, next.span.end as usize),
                month,
                systems: L,
                doubtful: false,
                prefixed: skip > 0,
            })
        }
    }
}

#[derive(Clone, Copy)]
enum Key {
    One(u8, u8, bool),
    Kanun,
    Tishrin,
}

/// The folded words a month name can start with (a one-word name, or كانون and تشرين), as
/// [`read`] looks them up.
pub fn name_starts() -> impl Iterator<Item = &'static str> {
    ONE_WORD.iter().map(|&(k, ..)| k).chain(["كانون", "تشرين"])
}

fn lookup_folded(folded: &str, doc: &Document<'_>, tok: &Token, skip: usize) -> Option<Key> {
    match folded {
        "كانون" => return Some(Key::Kanun),
        "تشرين" => return Some(Key::Tishrin),
        _ => {}
    }
    static BY_NAME: std::sync::LazyLock<crate::text::wordset::WordMap<(u8, u8, bool)>> =
        std::sync::LazyLock::new(|| {
            ONE_WORD
                .iter()
                .map(|&(k, m, s, o)| (k.to_string(), (m, s, o)))
                .collect()
        });
    let &(month, systems, ordinary) = BY_NAME.get(folded)?;
    if folded == "اب" {
        // Only آب with its madda is August; أب and اب are "father".
        let _ = skip;
        if !crate::text::fold::bare(doc.surface(tok)).ends_with("آب") {
            return None;
        }
    }
    Some(Key::One(month, systems, ordinary))
}

/// Words before a month name that make it one (شهر أيار).
fn month_word(folded: &str) -> bool {
    matches!(folded, "شهر" | "الشهر" | "لشهر" | "بشهر" | "وشهر" | "شهري" | "وشهري")
}

/// Words after a month name that make it one (نيسان الماضي).
fn relative_word(folded: &str) -> bool {
    matches!(folded, "الماضي" | "المقبل" | "القادم" | "المنصرم" | "الجاري" | "الفاءت")
}

/// Whether a mention stands in a date context: a number just before or after it, or شهر before.
fn in_date_context(doc: &Document<'_>, m: &Mention, para: std::ops::Range<usize>) -> bool {
    let before = m.first_token.checked_sub(1).filter(|&j| j >= para.start);
    let after = Some(m.last_token + 1).filter(|&j| j < para.end);
    before.is_some_and(|j| is_number(&doc.tokens[j]) || month_word(doc.folded(&doc.tokens[j])))
        || after.is_some_and(|j| is_number(&doc.tokens[j]) || relative_word(doc.folded(&doc.tokens[j])))
}

/// Reads every month name in a document and the dual pairs among them. `may_start(i)` tells
/// whether token `i` may start a name (its folded form, or the form after one proclitic, is one
/// of [`name_starts`]): the other tokens are passed over.
pub fn read(doc: &Document<'_>, may_start: impl Fn(usize) -> bool) -> Months {
    let mut out = Months::default();
    for para in &doc.paragraphs {
        let range = para.tokens.clone();
        let mut found: Vec<Mention> = Vec::new();
        let mut i = range.start;
        while i < range.end {
            if !may_start(i) {
                i += 1;
            } else if let Some(m) = name_at(doc, i, range.end) {
                i = m.last_token + 1;
                found.push(m);
            } else {
                i += 1;
            }
        }
        let mut k = 0;
        while k < found.len() {
            let a = found[k];
            if let Some(&b) = found.get(k + 1)
                && let Some(span) = pair_span(doc, &a, &b)
                && (!a.doubtful || !b.doubtful)
            {
                let mut first = a;
                let mut second = b;
                first.doubtful = false;
                second.doubtful = false;
                out.pairs.push(Pair { first, second, span });
                k += 2;
                continue;
            }
            let mut m = a;
            if m.doubtful && in_date_context(doc, &m, range.clone()) {
                m.doubtful = false;
            }
            out.single.push(m);
            k += 1;
        }
    }
    out
}

/// The span of a dual pattern `a SEP b` when `a` and `b` name months of different systems,
/// with nothing but a separator between them: none, `/`, `-`, or `(` … `)`.
fn pair_span(doc: &Document<'_>, a: &Mention, b: &Mention) -> Option<Span> {
    if a.systems & b.systems != 0 || b.prefixed {
        return None;
    }
    let between = &doc.tokens[a.last_token + 1..b.first_token];
    let end = b.span.end as usize;
    match between {
        [] => Some(Span::new(a.span.start as usize, end)),
        [sep] if matches!(doc.surface(sep), "/" | "-" | "–" | "\\") => Some(Span::new(a.span.start as usize, end)),
        [open] if doc.surface(open) == "(" => {
            let close = doc.tokens.get(b.last_token + 1).filter(|t| doc.surface(t) == ")");
            let end = close.map_or(end, |t| t.span.end as usize);
            Some(Span::new(a.span.start as usize, end))
        }
        _ => None,
    }
}

/// English month names for messages.
pub fn english(m: u8) -> &'static str {
    const N: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    N[(m.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn months(text: &str) -> (Vec<(String, u8)>, Vec<String>) {
        let src = SourceFile::new("t", text.to_string());
        let doc = Document::plain(&src);
        let m = read(&doc, |_| true);
        (
            m.single
                .iter()
                .filter(|x| !x.doubtful)
                .map(|x| (doc.slice(x.span).to_string(), x.month))
                .collect(),
            m.pairs.iter().map(|p| doc.slice(p.span).to_string()).collect(),
        )
    }

    #[test]
    fn pairs_in_every_pattern() {
        let (single, pairs) =
            months("في 16 أيلول/سبتمبر ثم 15 سبتمبر/ أيلول و3 يوليو (تموز) و5 مايو أيار و1 كانون الثاني/يناير.");
        assert!(single.is_empty(), "{single:?}");
        assert_eq!(
            pairs,
            [
                "أيلول/سبتمبر",
                "سبتمبر/ أيلول",
                "يوليو (تموز)",
                "مايو أيار",
                "كانون الثاني/يناير"
            ]
        );
    }

    #[test]
    fn single_names_and_doubtful_words() {
        let (single, pairs) = months("مارس ضغوطا كبيرة في شهر آذار، ثم وصل في 3 مارس وفي نيسان الماضي.");
        assert!(pairs.is_empty());
        assert_eq!(
            single,
            [
                ("آذار".to_string(), 3),
                ("مارس".to_string(), 3),
                ("نيسان".to_string(), 4)
            ]
        );
    }

    #[test]
    fn father_is_not_august() {
        let (single, _) = months("قال الأب إن 12 آب موعد.");
        assert_eq!(single, [("آب".to_string(), 8)]);
        let (single, _) = months("زار أب وابنه 12 اب.");
        assert!(single.is_empty(), "{single:?}");
    }

    #[test]
    fn ranges_of_one_system_are_not_pairs() {
        let (single, pairs) = months("بين يونيو وأغسطس 2015 وفي سبتمبر/أكتوبر.");
        assert!(pairs.is_empty(), "{pairs:?}");
        assert_eq!(single.len(), 4);
    }
}
