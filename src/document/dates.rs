//! The date reader: finds the dates written in a document's tokens, once per document, for the
//! date rules and for the dateline.
//!
//! It reads `[weekday] day month[/month] [year][م|هـ]` with month names of every system (one or two
//! words: كانون الثاني, ذي الحجة), dual forms (أيلول/سبتمبر, سبتمبر/ أيلول, مايو أيار,
//! أيلول (سبتمبر)), digits of both systems (they fold to ASCII), and numeric dates (16/9/2015,
//! 24 /10 / 1436, 1436/10/15 هـ, 2015-09-16). A Hijri date and a Gregorian one printed side by side
//! (… الموافق …) are paired.

use super::{Document, TokenKind};
use crate::source::Span;
use crate::text::dates::{self as cal, Calendar, GREGORIAN_YEARS, HIJRI_YEARS, MonthName};
use jiff::civil::{Date, Weekday};
use std::ops::Range;

/// A date written in the text.
#[derive(Clone, Debug)]
pub struct DateMention {
    /// From the weekday (when there is one) to the last token of the date.
    pub span: Span,
    /// From the day to the last token (the weekday left out).
    pub date_span: Span,
    /// Global token indices covered by `span`.
    pub tokens: Range<usize>,
    pub weekday: Option<(Weekday, Span)>,
    pub day: u32,
    /// 1–12 for a month name; whatever was written for a numeric date (which may be 13).
    pub month: u32,
    /// The year as written (with its era mark, if any, left out).
    pub year: Option<i32>,
    pub calendar: Calendar,
    /// Written with digits only (16/9/2015).
    pub numeric: bool,
    /// The other date of a Hijri–Gregorian pair, as an index into `Document::dates()`.
    pub partner: Option<usize>,
}

impl DateMention {
    /// The Gregorian date, with the year as written or, when none is, the year that puts it
    /// nearest to `near` (the article's date), so a December article's "2 January" is next year's.
    pub fn gregorian(&self, near: Option<Date>) -> Option<(Date, bool)> {
        if self.calendar != Calendar::Gregorian {
            return None;
        }
        let (day, month) = (u8::try_from(self.day).ok()?, u8::try_from(self.month).ok()?);
        match self.year {
            Some(y) => GREGORIAN_YEARS
                .contains(&y)
                .then(|| cal::gregorian(y, month, day))
                .flatten()
                .map(|d| (d, false)),
            None => {
                let near = near?;
                let y = i32::from(near.year());
                nearest((y - 1..=y + 1).filter_map(|y| cal::gregorian(y, month, day)), near).map(|d| (d, true))
            }
        }
    }

    /// The Hijri (year, month, day), the year as written or the one whose Umm al-Qura date lies
    /// nearest to `near`. `None` for a Gregorian date, a month outside 1–12, or a year outside
    /// the Umm al-Qura table.
    pub fn hijri(&self, near: Option<Date>) -> Option<(i32, u8, u8, bool)> {
        if self.calendar != Calendar::Hijri {
            return None;
        }
        let (day, month) = (u8::try_from(self.day).ok()?, u8::try_from(self.month).ok()?);
        if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
            return None;
        }
        match self.year {
            Some(y) => cal::UMM_AL_QURA_YEARS.contains(&y).then_some((y, month, day, false)),
            None => {
                let near = near?;
                let (hy, _, _) = cal::gregorian_to_umm_al_qura(near)?;
                let best = (hy - 1..=hy + 1)
                    .filter_map(|y| cal::umm_al_qura_to_gregorian(y, month, day).map(|d| (y, d)))
                    .min_by_key(|&(_, d)| (cal::day_number(d) - cal::day_number(near)).abs())?;
                Some((best.0, month, day, true))
            }
        }
    }
}

fn nearest(candidates: impl Iterator<Item = Date>, near: Date) -> Option<Date> {
    candidates.min_by_key(|&d| (cal::day_number(d) - cal::day_number(near)).abs())
}

/// Every date in the document, in text order, with Hijri–Gregorian pairs linked.
pub fn read(doc: &Document<'_>) -> Vec<DateMention> {
    read_mentions(doc, true)
}

/// The dates of a document, looked for `near_numbers` only or at every token (what the tests
/// compare the first with). Every date holds a number (alone, or glued to letters), and a
/// mention starts at most [`MAX_LEAD`] tokens before its first one (`mention_at`): the tokens
/// further from the next number start none, and a sentence without one has none.
fn read_mentions(doc: &Document<'_>, near_numbers: bool) -> Vec<DateMention> {
    let mut out = Vec::new();
    let holds_number = |t: &crate::document::Token| matches!(t.kind, TokenKind::Number | TokenKind::Mixed);
    for sent in &doc.sentences {
        let r = Reader {
            doc,
            lo: sent.tokens.start,
            hi: sent.tokens.end,
        };
        let mut next_number = r.lo;
        let mut i = r.lo;
        while i < r.hi {
            if near_numbers {
                next_number = next_number.max(i);
                while next_number < r.hi && !holds_number(&doc.tokens[next_number]) {
                    next_number += 1;
                }
                if next_number == r.hi {
                    break;
                }
                i = i.max(next_number.saturating_sub(MAX_LEAD));
            }
            match r.mention_at(i) {
                Some(m) => {
                    i = m.tokens.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
    }
    link_pairs(doc, &mut out);
    out
}

/// How many tokens a mention can start before its first number: a weekday, then up to three
/// words or marks between it and the date (الأربعاء، الموافق 16), as `mention_at` reads them.
const MAX_LEAD: usize = 4;

/// Words that may stand between a weekday and its date: الأربعاء الموافق 16, الخميس الماضي 30.
const WEEKDAY_GAP_WORDS: &[&str] = &["الموافق", "المقبل", "القادم", "الماضي", "المنصرم", "الفائت", "المنقضي"];
const WEEKDAY_GAP_PUNCT: &[&str] = &["،", ",", "-", "–", "—", "(", ":"];
/// What may stand between the two dates of a pair: 1436هـ الموافق 16 …, (…) الموافق (…), 1436هـ - 2015م.
const PAIR_GAP_WORDS: &[&str] = &["الموافق", "الموافقة", "موافق", "ل", "م", "ه", "و"];
const PAIR_GAP_PUNCT: &[&str] = &["(", ")", "-", "–", "—", "،", ",", "/", "[", "]"];
const ERA_WORDS: &[&str] = &["م", "ه", "ميلادي", "ميلاديه", "هجري", "هجريه"];
const NUMERIC_SEPARATORS: &[&str] = &["/", "-", "."];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Era {
    Gregorian,
    Hijri,
}

struct Reader<'a, 'd> {
    doc: &'a Document<'d>,
    lo: usize,
    hi: usize,
}

impl Reader<'_, '_> {
    fn folded(&self, i: usize) -> &str {
        if i < self.hi {
            self.doc.folded(&self.doc.tokens[i])
        } else {
            ""
        }
    }

    fn punct(&self, i: usize) -> Option<&str> {
        (i < self.hi && self.doc.tokens[i].kind == TokenKind::Punct).then(|| self.doc.surface(&self.doc.tokens[i]))
    }

    fn is_punct_in(&self, i: usize, set: &[&str]) -> bool {
        self.punct(i).is_some_and(|p| set.contains(&p))
    }

    fn is_word_in(&self, i: usize, set: &[&str]) -> bool {
        i < self.hi && self.doc.tokens[i].kind == TokenKind::Arabic && set.contains(&self.folded(i))
    }

    fn span(&self, a: usize, b_exclusive: usize) -> Span {
        let t = &self.doc.tokens;
        Span {
            start: t[a].span.start,
            end: t[b_exclusive - 1].span.end,
        }
    }

    /// A number of `min..=max` digits (a Number token).
    fn number(&self, i: usize, digits: Range<usize>) -> Option<u32> {
        if i >= self.hi || self.doc.tokens[i].kind != TokenKind::Number {
            return None;
        }
        let f = self.folded(i);
        if !digits.contains(&f.len()) || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        f.parse().ok()
    }

    /// A year: four digits, alone or with a glued era mark (2015م, 1436هـ), optionally followed by
    /// an era word (م, هـ, ميلادية). Returns the year, its era mark, and the index after it.
    fn year(&self, i: usize) -> Option<(i32, Option<Era>, usize)> {
        if i >= self.hi {
            return None;
        }
        let tok = &self.doc.tokens[i];
        let f = self.folded(i);
        let (digits, glued) = match tok.kind {
            TokenKind::Number => (f, None),
            TokenKind::Mixed => {
                let end = f.find(|c: char| !c.is_ascii_digit()).unwrap_or(f.len());
                let era = match &f[end..] {
                    "م" => Era::Gregorian,
                    "ه" => Era::Hijri,
                    _ => return None,
                };
                (&f[..end], Some(era))
            }
            _ => return None,
        };
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = digits.parse().ok()?;
        let mut next = i + 1;
        let mut era = glued;
        if era.is_none() && self.is_word_in(next, ERA_WORDS) {
            era = Some(if self.folded(next).starts_with('م') {
                Era::Gregorian
            } else {
                Era::Hijri
            });
            next += 1;
        }
        Some((y, era, next))
    }

    /// A month name of one or two words at `i`: the name and the index after it.
    fn month_name(&self, i: usize) -> Option<(MonthName, usize)> {
        if i >= self.hi || self.doc.tokens[i].kind != TokenKind::Arabic {
            return None;
        }
        let f = self.folded(i);
        if cal::starts_two_word_month(f)
            && i + 1 < self.hi
            && let Some(m) = cal::month_two(f, self.folded(i + 1))
        {
            return Some((m, i + 2));
        }
        cal::month_one(f).map(|m| (m, i + 1))
    }

    fn mention_at(&self, i: usize) -> Option<DateMention> {
        let tok = &self.doc.tokens[i];
        if tok.kind == TokenKind::Arabic
            && let Some(w) = cal::weekday(self.folded(i))
        {
            let mut j = i + 1;
            while j < self.hi.min(i + MAX_LEAD)
                && (self.is_punct_in(j, WEEKDAY_GAP_PUNCT) || self.is_word_in(j, WEEKDAY_GAP_WORDS))
            {
                j += 1;
            }
            let mut m = self.date_at(j)?;
            m.weekday = Some((w, tok.span));
            m.span.start = tok.span.start;
            m.tokens.start = i;
            return Some(m);
        }
        self.date_at(i)
    }

    fn date_at(&self, j: usize) -> Option<DateMention> {
        match self.doc.tokens.get(j).filter(|_| j < self.hi)?.kind {
            TokenKind::Number => self.numeric_at(j).or_else(|| self.named_at(j)),
            TokenKind::Mixed => self.named_at(j),
            _ => None,
        }
    }

    /// The day of a named date: one or two digits, alone or glued after Arabic letters (الـ16,
    /// بـ3, and the missing space of SPA's `الدمام25 شوال`).
    fn day(&self, i: usize) -> Option<u32> {
        if let Some(d) = self.number(i, 1..3) {
            return Some(d);
        }
        if i >= self.hi || self.doc.tokens[i].kind != TokenKind::Mixed {
            return None;
        }
        let f = self.folded(i);
        let split = f.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = f.split_at(split);
        let arabic = !letters.is_empty() && letters.chars().all(crate::text::chars::is_arabic_letter);
        (arabic && (1..3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    }

    /// 16/9/2015, 24 /10 / 1436, 1436/10/15 هـ, 2015-09-16.
    fn numeric_at(&self, j: usize) -> Option<DateMention> {
        let sep = self.punct(j + 1).filter(|p| NUMERIC_SEPARATORS.contains(p))?;
        if self.punct(j + 3) != Some(sep) {
            return None;
        }
        // Not the tail of a longer run of numbers (1/2/3/2015), nor its head.
        if j > self.lo && self.punct(j - 1) == Some(sep) {
            return None;
        }
        let (day, month, year, era, end) = if let Some(y) = self.number(j, 4..5) {
            let month = self.number(j + 2, 1..3)?;
            let day = self.number(j + 4, 1..3)?;
            let mut end = j + 5;
            let mut era = None;
            if self.is_word_in(end, ERA_WORDS) {
                era = Some(if self.folded(end).starts_with('م') {
                    Era::Gregorian
                } else {
                    Era::Hijri
                });
                end += 1;
            }
            (day, month, y as i32, era, end)
        } else {
            let day = self.number(j, 1..3)?;
            let month = self.number(j + 2, 1..3)?;
            let (y, era, end) = self.year(j + 4)?;
            (day, month, y, era, end)
        };
        if self.punct(end) == Some(sep) && self.number(end + 1, 1..5).is_some() {
            return None;
        }
        let calendar = match era {
            Some(Era::Hijri) if HIJRI_YEARS.contains(&year) => Calendar::Hijri,
            Some(Era::Gregorian) | None if GREGORIAN_YEARS.contains(&year) => Calendar::Gregorian,
            None if HIJRI_YEARS.contains(&year) => Calendar::Hijri,
            // 2015هـ: the era mark is wrong, the year says Gregorian.
            Some(Era::Hijri) if GREGORIAN_YEARS.contains(&year) => Calendar::Gregorian,
            _ => return None,
        };
        let span = self.span(j, end);
        Some(DateMention {
            span,
            date_span: span,
            tokens: j..end,
            weekday: None,
            day,
            month,
            year: Some(year),
            calendar,
            numeric: true,
            partner: None,
        })
    }

    /// 16 سبتمبر 2015م, 02 ذي الحجة 1436هـ, 16 أيلول/سبتمبر, 5 من شهر رمضان, 10/شوال / 1436هـ.
    fn named_at(&self, j: usize) -> Option<DateMention> {
        let day = self.day(j)?;
        let mut k = j + 1;
        if self.is_punct_in(k, &["/"]) {
            k += 1;
        } else {
            if self.is_word_in(k, &["من"]) {
                k += 1;
            }
            if self.is_word_in(k, &["شهر"]) {
                k += 1;
            }
        }
        let (month, mut k) = self.month_name(k)?;
        // A second name of the same month: أيلول/سبتمبر, مايو أيار, أيلول (سبتمبر).
        if self.is_punct_in(k, &["/", "-", "\\"]) {
            if let Some((m2, after)) = self.month_name(k + 1)
                && m2.number == month.number
            {
                k = after;
            }
        } else if self.is_punct_in(k, &["("]) {
            if let Some((m2, after)) = self.month_name(k + 1)
                && m2.number == month.number
                && self.is_punct_in(after, &[")"])
            {
                k = after + 1;
            }
        } else if let Some((m2, after)) = self.month_name(k)
            && m2.number == month.number
            && m2.system != month.system
        {
            k = after;
        }
        let calendar = month.system.calendar();
        let mut year = None;
        let mut y_at = k;
        if self.is_punct_in(y_at, &["،", ",", "/"]) {
            y_at += 1;
        }
        if self.is_word_in(y_at, &["من"]) && self.is_word_in(y_at + 1, &["عام", "العام", "سنه"]) {
            y_at += 2;
        } else if self.is_word_in(y_at, &["عام", "العام", "لعام", "سنه"]) {
            y_at += 1;
        }
        if let Some((y, _, end)) = self.year(y_at) {
            let fits = match calendar {
                Calendar::Gregorian => GREGORIAN_YEARS.contains(&y),
                Calendar::Hijri => HIJRI_YEARS.contains(&y),
            };
            if !fits {
                // 16 سبتمبر 1436: not a date the rules can reason about.
                return None;
            }
            year = Some(y);
            k = end;
        }
        // صفر is also the number zero ("فاز 1 صفر"): take it as a month only with a year.
        if calendar == Calendar::Hijri && month.number == 2 && year.is_none() {
            return None;
        }
        let span = self.span(j, k);
        Some(DateMention {
            span,
            date_span: span,
            tokens: j..k,
            weekday: None,
            day,
            month: u32::from(month.number),
            year,
            calendar,
            numeric: false,
            partner: None,
        })
    }
}

/// Links a Hijri date and a Gregorian one printed side by side in one sentence.
fn link_pairs(doc: &Document<'_>, dates: &mut [DateMention]) {
    for a in 0..dates.len().saturating_sub(1) {
        let b = a + 1;
        if dates[a].calendar == dates[b].calendar || dates[a].partner.is_some() || dates[b].weekday.is_some() {
            continue;
        }
        let gap = dates[a].tokens.end..dates[b].tokens.start;
        if gap.len() > 4 || doc.sentence_of_token(dates[a].tokens.start) != doc.sentence_of_token(dates[b].tokens.start)
        {
            continue;
        }
        let fillers = gap.clone().all(|i| {
            let t = &doc.tokens[i];
            match t.kind {
                TokenKind::Punct => PAIR_GAP_PUNCT.contains(&doc.surface(t)),
                TokenKind::Arabic => PAIR_GAP_WORDS.contains(&doc.folded(t)),
                _ => false,
            }
        });
        if fillers && !in_range(doc, dates, a) && !in_range(doc, dates, b) {
            dates[a].partner = Some(b);
            dates[b].partner = Some(a);
        }
    }
}

/// Whether a date is one end of a range (من 6 ذو القعدة إلى 1 ذو الحجة، 21 أغسطس - 14 سبتمبر): a
/// range printed beside another pairs its ends, not its neighbours, so it is not paired.
fn in_range(doc: &Document<'_>, dates: &[DateMention], i: usize) -> bool {
    let connects = |gap: Range<usize>| {
        !gap.is_empty()
            && gap.len() <= 2
            && gap.clone().all(|k| {
                let t = &doc.tokens[k];
                match t.kind {
                    TokenKind::Punct => matches!(doc.surface(t), "-" | "–" | "—"),
                    TokenKind::Arabic => matches!(doc.folded(t), "الي" | "حتي" | "و"),
                    _ => false,
                }
            })
    };
    let m = &dates[i];
    let before = i
        .checked_sub(1)
        .map(|p| &dates[p])
        .is_some_and(|p| p.calendar == m.calendar && connects(p.tokens.end..m.tokens.start));
    let after = dates
        .get(i + 1)
        .is_some_and(|n| n.calendar == m.calendar && connects(m.tokens.end..n.tokens.start));
    before || after
}

/// Words that open a line giving a date that is not the publication's.
const NOT_DATELINE: &[&str] = &["تحديث", "اخر", "تاريخ"];
/// Words a title or sentence has and a dateline does not.
const SENTENCE_WORDS: &[&str] = &[
    "في",
    "منذ",
    "حتي",
    "الي",
    "قبل",
    "بعد",
    "خلال",
    "حتى",
    "عن",
    "علي",
    "يوم",
    "اليوم",
    "امس",
    "غدا",
    "ان",
];

/// The dateline: the first line, or the first line after the title, when it is a date with little
/// else (an issue number, a place, an agency): `العدد 4758 - الأربعاء 16 سبتمبر 2015م الموافق 02
/// ذي الحجة 1436هـ`, or SPA's `الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس`. To be a
/// dateline the line must carry a year and a weekday, a Hijri–Gregorian pair, or start with
/// العدد. Returns the paragraph index, its span, and the publication date.
pub fn dateline(doc: &Document<'_>, dates: &[DateMention]) -> Option<(usize, Span, Date)> {
    for (pi, para) in doc.paragraphs.iter().enumerate().take(2) {
        let toks = doc.paragraph_tokens(para);
        // A dateline is one short line, not a sentence that ends with a full stop.
        let ends_like_prose = toks.last().is_some_and(|t| {
            t.kind == TokenKind::Punct && doc.surface(t).chars().all(crate::text::chars::is_sentence_end)
        });
        if para.tokens.len() > 30 || para.sentences.len() > 1 || ends_like_prose {
            continue;
        }
        let first = toks.iter().find(|t| t.is_word()).map(|t| doc.folded(t)).unwrap_or("");
        if NOT_DATELINE.contains(&first) {
            continue;
        }
        let inside: Vec<&DateMention> = dates
            .iter()
            .filter(|m| para.tokens.contains(&m.tokens.start) && m.year.is_some())
            .collect();
        if inside.is_empty() {
            continue;
        }
        let marked = first == "العدد" || inside.iter().any(|m| m.weekday.is_some() || m.partner.is_some());
        let others: Vec<&str> = para
            .tokens
            .clone()
            .filter(|&i| !inside.iter().any(|m| m.tokens.contains(&i)))
            .map(|i| &doc.tokens[i])
            .filter(|t| t.kind == TokenKind::Arabic || t.kind == TokenKind::Latin || t.kind == TokenKind::Mixed)
            .map(|t| doc.folded(t))
            .filter(|f| !PAIR_GAP_WORDS.contains(f))
            .collect();
        if !marked || others.len() > 5 || others.iter().any(|f| SENTENCE_WORDS.contains(f)) {
            continue;
        }
        let date = inside
            .iter()
            .find_map(|m| m.gregorian(None).map(|(d, _)| d))
            .or_else(|| {
                inside.iter().find_map(|m| {
                    let (y, mo, d, _) = m.hijri(None)?;
                    cal::umm_al_qura_to_gregorian(y, mo, d)
                })
            });
        if let Some(date) = date {
            return Some((pi, para.span, date));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    type Read = (String, Option<Weekday>, u32, u32, Option<i32>, Calendar, Option<usize>);

    fn read_text(text: &str) -> Vec<Read> {
        let src = SourceFile::new("t.txt", text.to_string());
        let doc = Document::plain(&src);
        doc.dates()
            .iter()
            .map(|m| {
                (
                    doc.slice(m.span).to_string(),
                    m.weekday.map(|w| w.0),
                    m.day,
                    m.month,
                    m.year,
                    m.calendar,
                    m.partner,
                )
            })
            .collect()
    }

    /// Reading only near numbers finds what asking at every token finds: the fixtures, the
    /// corpus of the lexicon's tests, and a weekday as far before its date as a mention reaches
    /// (three words and marks between them), in a sentence that starts far before it.
    #[test]
    fn mentions_read_near_numbers_are_those_read_at_every_token() {
        let far = "قال الوزير في بيان صدر عنه يوم الأربعاء ، الموافق ( 16 أيلول 2015 ) إن الوفد وصل في 3 آب";
        let mut texts = crate::rules::lexicon::sample_texts();
        texts.push(("far".into(), far.into()));
        let mut weekdays = 0;
        for (name, text) in texts {
            let src = SourceFile::new(name.clone(), text);
            let doc = crate::document::build(&src);
            let want = read_mentions(&doc, false);
            let got = read(&doc);
            let shown = |ms: &[DateMention]| {
                ms.iter()
                    .map(|m| format!("{:?}", (m.span, m.tokens.clone(), m.weekday.map(|w| w.0), m.partner)))
                    .collect::<Vec<_>>()
            };
            assert_eq!(shown(&got), shown(&want), "{name}");
            weekdays += got.iter().filter(|m| m.weekday.is_some()).count();
        }
        let got = read_text(far);
        assert_eq!(got[0].0, "الأربعاء ، الموافق ( 16 أيلول 2015");
        assert_eq!(got[0].1, Some(Weekday::Wednesday));
        assert!(weekdays > 1, "{weekdays}");
    }

    #[test]
    fn founding_dateline_reads_as_a_pair() {
        let got = read_text("العدد 4758 - الأربعاء 16 سبتمبر 2015م الموافق 02 ذي الحجة 1436هـ\n\nعنوان");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "الأربعاء 16 سبتمبر 2015م");
        assert_eq!(got[0].1, Some(Weekday::Wednesday));
        assert_eq!((got[0].2, got[0].3, got[0].4), (16, 9, Some(2015)));
        assert_eq!(got[0].6, Some(1));
        assert_eq!(got[1].0, "02 ذي الحجة 1436هـ");
        assert_eq!(
            (got[1].2, got[1].3, got[1].4, got[1].5),
            (2, 12, Some(1436), Calendar::Hijri)
        );
    }

    #[test]
    fn dual_month_forms() {
        for text in [
            "أمس الأربعاء 16 أيلول/سبتمبر",
            "الأربعاء 16 سبتمبر/ أيلول",
            "الأربعاء 16 أيلول (سبتمبر)",
            "الأربعاء 16 سبتمبر أيلول",
        ] {
            let got = read_text(text);
            assert_eq!(got.len(), 1, "{text}");
            assert!(got[0].0.starts_with("الأربعاء 16"), "{text}");
            assert!(got[0].0.ends_with("سبتمبر") || got[0].0.ends_with("أيلول") || got[0].0.ends_with(')'));
            assert_eq!((got[0].2, got[0].3), (16, 9));
        }
        let got = read_text("السبت 2 مايو أيار 2015");
        assert_eq!((got[0].3, got[0].4), (5, Some(2015)));
    }

    #[test]
    fn every_system_and_both_digit_systems() {
        let cases = [
            ("١٦ يناير ٢٠١٥", 1),
            ("16 جانفي 2016", 1),
            ("16 كانون الثاني 2016", 1),
            ("3 فيفري 2016", 2),
            ("3 شباط 2016", 2),
            ("7 أفريل 2016", 4),
            ("1 ماي 2016", 5),
            ("20 جوان 2016", 6),
            ("20 جويلية 2016", 7),
            ("20 يوليوز 2016", 7),
            ("2 أوت 2016", 8),
            ("2 غشت 2016", 8),
            ("2 أغشت 2016", 8),
            ("10 اغسطس 2015", 8),
            ("10 شتنبر 2016", 9),
            ("10 شتمبر 2016", 9),
            ("10 تشرين الأول 2016", 10),
            ("10 تشرين أول 2016", 10),
            ("10 نونبر 2016", 11),
            ("10 دجنبر 2016", 12),
            ("10 دجمبر 2016", 12),
            ("10 كانون الأول 2016", 12),
        ];
        for (text, month) in cases {
            let got = read_text(text);
            assert_eq!(got.len(), 1, "{text}");
            assert_eq!(got[0].0, text);
            assert_eq!(got[0].3, month, "{text}");
            assert_eq!(got[0].5, Calendar::Gregorian);
        }
        let got = read_text("١٦ يناير ٢٠١٥");
        assert_eq!((got[0].2, got[0].4), (16, Some(2015)));
    }

    #[test]
    fn numeric_dates() {
        let got = read_text("الثلاثاء 16/9/2015 و الأحد 24 /10 / 1436 والجمعة الموافق 1436/10/15 هـ ثم 2015-09-16");
        let spans: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            spans,
            [
                "الثلاثاء 16/9/2015",
                "الأحد 24 /10 / 1436",
                "والجمعة الموافق 1436/10/15 هـ",
                "2015-09-16"
            ]
        );
        assert_eq!((got[1].2, got[1].3, got[1].5), (24, 10, Calendar::Hijri));
        assert_eq!((got[2].2, got[2].3, got[2].4), (15, 10, Some(1436)));
        assert_eq!((got[3].2, got[3].3, got[3].4), (16, 9, Some(2015)));
        // A run of numbers or a two-part date is not read.
        assert!(read_text("الأرقام 1/2/3/2015 والأيام 10/13").is_empty());
    }

    #[test]
    fn spa_dateline_pair_and_mixed_forms() {
        let got = read_text("الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "26 شوال 1436 هـ");
        assert_eq!(got[1].0, "11 اغسطس 2015 م");
        assert_eq!((got[0].6, got[1].6), (Some(1), Some(0)));
        let got = read_text("اعتباراً من يوم الأحد (10/شوال / 1436هـ) الموافق (26/7/2015م) الساعة");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "الأحد (10/شوال / 1436هـ");
        assert_eq!(got[1].0, "26/7/2015م");
        assert_eq!(got[0].6, Some(1));
    }

    #[test]
    fn not_dates() {
        assert!(read_text("واوقع الثلاثاء 32 قتيلا ومئة جريح").is_empty());
        assert!(read_text("انتهت المباراة 1 صفر لصالح الفريق").is_empty());
        assert!(read_text("في 16 سبتمبر 1436 كان").is_empty());
        // Two days share a month: only the second reads as a date, and without a weekday.
        let got = read_text("الأربعاء والخميس 16 و17 سبتمبر");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1), ("و17 سبتمبر", None));
        assert!(read_text("بلغت COVID19 مارس").is_empty());
    }

    #[test]
    fn ranges_are_not_paired() {
        let got = read_text("في الفترة من 6 ذو القعدة إلى 1 ذو الحجة، الموافق 21 أغسطس - 14 سبتمبر، استعدادا");
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|g| g.6.is_none()), "{got:?}");
    }

    #[test]
    fn days_glued_to_letters() {
        let got = read_text("الدمام25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس");
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].2, got[0].3, got[0].4), (25, 10, Some(1436)));
        let got = read_text("في الـ16 من سبتمبر 2015");
        assert_eq!(got[0].0, "الـ16 من سبتمبر 2015");
        assert_eq!(got[0].2, 16);
    }

    #[test]
    fn dateline_sets_the_article_date() {
        let src = SourceFile::new(
            "t.txt",
            "العدد 4758 - الأربعاء 16 سبتمبر 2015م الموافق 02 ذي الحجة 1436هـ\n\nالعنوان\n\nنص".to_string(),
        );
        let doc = Document::plain(&src);
        assert_eq!(doc.meta.date, Some(Date::constant(2015, 9, 16)));
        assert_eq!(
            doc.meta.dateline.map(|s| doc.slice(s).len()),
            Some(doc.slice(doc.paragraphs[0].span).len())
        );
        assert_eq!(doc.meta.title.map(|s| doc.slice(s)), Some("العنوان"));

        let src = SourceFile::new(
            "t.txt",
            "عام / خبر\n\nالرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس\n قال".to_string(),
        );
        let doc = Document::plain(&src);
        assert_eq!(doc.meta.date, Some(Date::constant(2015, 8, 11)));
        assert_eq!(doc.meta.title.map(|s| doc.slice(s)), Some("عام / خبر"));

        for text in [
            "الانتخابات في 16 سبتمبر 2015\n\nنص",
            "تحديث: الأربعاء 12 مايو 2017\n\nنص",
            "زار الوزير المدينة أمس\n\nنص",
            "افتتح الأمير المعرض الخميس 17 سبتمبر 2015.\n\nنص",
            "العنوان\n\nالفقرة الأولى\n\nالعدد 4758 - الأربعاء 16 سبتمبر 2015م",
        ] {
            let src = SourceFile::new("t.txt", text.to_string());
            assert_eq!(Document::plain(&src).meta.date, None, "{text}");
        }
    }
}
