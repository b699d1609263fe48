//! mojibake: text garbled by a wrong decoding, reported once per article with samples
//! (ARABIC.md §1.1, §6). Three habits are recognised:
//!
//! - UTF-8 Arabic read as Windows-1256: every letter becomes ط or ظ and a second character
//!   (ط§ظ„ط£ for الأ; ط› for ؛);
//! - Windows-1256 read as Latin-1: runs of accented Latin letters (ÇáÃãÑíßí for الأمريكي);
//! - UTF-8 read as Latin-1 or Windows-1252: Ø§Ù„ for ال, â€œ for “.
//!
//! Other rules look at the same text letter by letter (foreign-letter would see ھ and ٹ in every
//! garbled word); they skip what [`looks_garbled`] says is garbled.

use super::{Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::source::Span;

pub struct Mojibake;

static META: RuleMeta = RuleMeta::builtin(
    "mojibake",
    "hygiene",
    Severity::Error,
    "Text garbled by a wrong character encoding (ط§ظ„ for ال, ÇáÃ for الأ): one finding per article",
    r#"## What it does
Recognises text that was saved in one character encoding and read in another, and reports it
once for the whole article, with how many places are garbled and a few samples decoded back:

- UTF-8 read as Windows-1256 (`ط§ظ„ط£ظ…ط±ظٹظƒظٹ` for الأمريكي, `ط›` for ؛);
- Windows-1256 read as Latin-1 (`ÇáÃãÑíßí` for الأمريكي);
- UTF-8 read as Latin-1 or Windows-1252 (`Ø§Ù„` for ال, `â€œ` for “).

The finding points at the first garbled run; the next ones are related spans. There is no
automatic fix: the copy has to be taken again from a correctly decoded source. Other rules leave
garbled words alone, so the article does not drown in letter-by-letter findings.

## Why it matters
Readers cannot read garbled text at all; one such paragraph in a published article is the
clearest sign that nobody looked at it.

## Example
```text
قال المتحدث إن الإدارة ط§ظ„ط£ظ…ط±ظٹظƒظٹ ستواصل ط§ظ„ط¯ط¹ظ….
```

## Use instead
```text
قال المتحدث إن الحكومة ستواصل الدعم.
```

## Options
None.
"#,
);

/// Windows-1256, bytes 0x80–0xFF.
const CP1256_HIGH: &str = "€پ‚ƒ„…†‡ˆ‰ٹ‹Œچژڈگ‘’“”•–—ک™ڑ›œ\u{200c}\u{200d}ں\u{00a0}،¢£¤¥¦§¨©ھ«¬\u{00ad}®¯°±²³´µ¶·¸¹؛»¼½¾؟ہءآأؤإئابةتثجحخدذرزسشصض×طظعغـفقكàلâمنهوçèéêëىيîïًٌٍَôُِ÷ّùْûü\u{200e}\u{200f}ے";
/// Windows-1252, bytes 0x80–0x9F (NUL where the byte is unassigned); 0xA0–0xFF are Latin-1.
const CP1252_C1: &str = "€\u{0000}‚ƒ„…†‡ˆ‰Š‹Œ\u{0000}Ž\u{0000}\u{0000}‘’“”•–—˜™š›œ\u{0000}žŸ";

fn cp1256_high_index(c: char) -> Option<usize> {
    CP1256_HIGH.chars().position(|x| x == c)
}

fn cp1256_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    cp1256_high_index(c).map(|i| 0x80 + i as u8)
}

fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    CP1252_C1
        .chars()
        .position(|x| x == c && x != '\0')
        .map(|i| 0x80 + i as u8)
}

/// A character that Windows-1256 gives to a UTF-8 continuation byte (0x80–0xBF), excluding the
/// ones that are ordinary Arabic punctuation next to a ط or ظ (، ؛ ؟ « » and spaces).
fn cp1256_continuation(c: char) -> bool {
    // Asked of the letter after every ط and ظ of a text: a sorted table, not a scan of the page.
    static CONTINUATIONS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<char> = CP1256_HIGH.chars().take(0x40).collect();
        v.sort_unstable();
        v
    });
    CONTINUATIONS.binary_search(&c).is_ok() && !matches!(c, '،' | '؛' | '؟' | '«' | '»' | '\u{a0}')
}

/// A character Latin-1 or Windows-1252 gives to a UTF-8 continuation byte.
fn latin_continuation(c: char) -> bool {
    matches!(c as u32, 0x80..=0xBF) || cp1252_byte(c).is_some_and(|b| (0x80..0xA0).contains(&b) && !c.is_ascii())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Habit {
    /// UTF-8 read as Windows-1256.
    Utf8As1256,
    /// Windows-1256 read as Latin-1.
    Cp1256AsLatin1,
    /// UTF-8 read as Latin-1 / Windows-1252.
    Utf8AsLatin1,
}

impl Habit {
    fn describe(self) -> &'static str {
        match self {
            Habit::Utf8As1256 => "UTF-8 text read as Windows-1256",
            Habit::Cp1256AsLatin1 => "Windows-1256 text read as Latin-1",
            Habit::Utf8AsLatin1 => "UTF-8 text read as Latin-1",
        }
    }

    /// What a garbled run said before it was garbled, if it decodes cleanly.
    fn decode(self, s: &str) -> Option<String> {
        let bytes: Option<Vec<u8>> = match self {
            Habit::Utf8As1256 => s.chars().map(cp1256_byte).collect(),
            Habit::Utf8AsLatin1 => s.chars().map(cp1252_byte).collect(),
            Habit::Cp1256AsLatin1 => {
                let bytes: Option<Vec<u8>> = s
                    .chars()
                    .map(|c| (c as u32 <= 0xFF).then_some(c as u32 as u8))
                    .collect();
                return bytes.map(|b| {
                    b.iter()
                        .map(|&x| {
                            if x < 0x80 {
                                x as char
                            } else {
                                CP1256_HIGH.chars().nth((x - 0x80) as usize).unwrap_or('\u{fffd}')
                            }
                        })
                        .collect()
                });
            }
        };
        String::from_utf8(bytes?).ok()
    }
}

/// One garbled run: its span within the scanned text and the habit it shows.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: usize,
    end: usize,
    habit: Habit,
    /// How many garbled characters (pairs, for UTF-8 habits) it holds.
    weight: usize,
}

/// Finds the garbled runs of a text.
fn runs(s: &str) -> Vec<Run> {
    if !may_be_garbled(s) {
        return Vec::new();
    }
    // Read in place, a character or three ahead: a long text is not copied into a list of its
    // characters (16 bytes each), which for a whole file on one line was 16 times its size.
    let char_at = |i: usize| crate::text::chars::char_at(s, i).map(|c| (c, i + c.len_utf8()));
    let latin_letter = |c: char| matches!(c as u32, 0xC0..=0xFF) && c != '×' && c != '÷';
    let mut out = Vec::new();
    let mut k = 0;
    while let Some((c, after_c)) = char_at(k) {
        let next = char_at(after_c).map(|(n, _)| n);
        // UTF-8 read as Windows-1256: ط/ظ (or another lead byte's letter) and a continuation.
        if matches!(c, 'ط' | 'ظ') && next.is_some_and(cp1256_continuation) {
            let start = k;
            let mut pairs = 0;
            while let Some((a, after_a)) = char_at(k)
                && matches!(a, 'ط' | 'ظ')
                && let Some((b, after_b)) = char_at(after_a)
                && cp1256_continuation(b)
            {
                pairs += 1;
                k = after_b;
            }
            out.push(Run {
                start,
                end: k,
                habit: Habit::Utf8As1256,
                weight: pairs,
            });
            continue;
        }
        // UTF-8 read as Latin-1: Ø/Ù (and â for punctuation) with a continuation.
        if matches!(c, 'Ø' | 'Ù' | 'â' | 'Ã' | 'Â') && next.is_some_and(latin_continuation) {
            let start = k;
            let mut pairs = 0;
            while let Some((a, after_a)) = char_at(k)
                && let Some((b, after_b)) = char_at(after_a)
            {
                if matches!(a, 'Ø' | 'Ù' | 'Ã' | 'Â') && latin_continuation(b) {
                    pairs += 1;
                    k = after_b;
                } else if a == 'â'
                    && latin_continuation(b)
                    && let Some((x, after_x)) = char_at(after_b)
                    && latin_continuation(x)
                {
                    pairs += 1;
                    k = after_x;
                } else {
                    break;
                }
            }
            if pairs > 0 {
                out.push(Run {
                    start,
                    end: k,
                    habit: Habit::Utf8AsLatin1,
                    weight: pairs,
                });
                continue;
            }
            k = start;
        }
        // Windows-1256 read as Latin-1: a run of accented Latin letters.
        if latin_letter(c) {
            let start = k;
            let mut letters = 0;
            while let Some((a, after_a)) = char_at(k)
                && latin_letter(a)
            {
                letters += 1;
                k = after_a;
            }
            if letters >= 4 {
                out.push(Run {
                    start,
                    end: k,
                    habit: Habit::Cp1256AsLatin1,
                    weight: letters,
                });
            }
            continue;
        }
        k = after_c;
    }
    out
}

/// Whether [`runs`] may find anything: every run starts with ط or ظ before a continuation
/// character, or with a Latin letter of U+00C0..=U+00FF (UTF-8 C3 xx). ط and ظ are D8 B7 and
/// D8 B8: their second bytes are searched for, then checked.
fn may_be_garbled(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr(0xC3, b).is_some()
        || memchr::memchr2_iter(0xB7, 0xB8, b).any(|i| {
            i > 0
                && b[i - 1] == 0xD8
                && s.get(i + 1..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(cp1256_continuation)
        })
}

/// Whether a word looks garbled by a wrong decoding (so that letter-level rules skip it).
pub fn looks_garbled(word: &str) -> bool {
    let mut prev: Option<char> = None;
    for c in word.chars() {
        if let Some(p) = prev
            && ((matches!(p, 'ط' | 'ظ') && cp1256_continuation(c)) || (matches!(p, 'Ø' | 'Ù') && latin_continuation(c)))
        {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// The garbled runs of a document's prose, when there are enough to be sure: at least two runs,
/// or one of three garbled characters or more.
fn detect(doc: &Document<'_>) -> Vec<(Span, Habit)> {
    let text = doc.text();
    let mut found: Vec<(Span, Habit, usize)> = Vec::new();
    for region in &doc.regions {
        let s = &text[region.range()];
        for r in runs(s) {
            let base = region.start as usize;
            found.push((Span::new(base + r.start, base + r.end), r.habit, r.weight));
        }
    }
    let total: usize = found.iter().map(|f| f.2).sum();
    let sure = found.len() >= 2 && total >= 3 || found.iter().any(|f| f.2 >= 3);
    if !sure {
        return Vec::new();
    }
    found.into_iter().map(|(s, h, _)| (s, h)).collect()
}

impl Rule for Mojibake {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &super::Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let found = detect(doc);
        let Some(&(first, _)) = found.first() else { return };
        // The habit most runs show.
        let mut counts: Vec<(Habit, usize)> = Vec::new();
        for (_, h) in &found {
            match counts.iter_mut().find(|c| c.0 == *h) {
                Some(c) => c.1 += 1,
                None => counts.push((*h, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let habit = counts[0].0;
        let samples: Vec<String> = found
            .iter()
            .filter(|(_, h)| *h == habit)
            .take(3)
            .map(|(span, h)| {
                let s = doc.slice(*span);
                match h.decode(s) {
                    Some(d) if !d.trim().is_empty() => format!("{} for {}", quote(s), quote(&d)),
                    _ => quote(s),
                }
            })
            .collect();
        let mut d = Diagnostic::new(
            &META.id,
            META.severity,
            first,
            format!(
                "garbled text: {} place{} look{} like {} (e.g. {}); take the copy again from a source decoded as UTF-8",
                found.len(),
                if found.len() == 1 { "" } else { "s" },
                if found.len() == 1 { "s" } else { "" },
                habit.describe(),
                samples.join(", ")
            ),
        );
        for (span, _) in found.iter().skip(1).take(4) {
            d = d.with_related(*span, "garbled here too");
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_table_agrees_with_the_code_page() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            let by_page =
                cp1256_high_index(c).is_some_and(|i| i < 0x40) && !matches!(c, '،' | '؛' | '؟' | '«' | '»' | '\u{a0}');
            assert_eq!(cp1256_continuation(c), by_page, "{c:?}");
        }
    }
    use crate::source::SourceFile;

    fn garble_1256(s: &str) -> String {
        s.as_bytes()
            .iter()
            .map(|&b| {
                if b < 0x80 {
                    b as char
                } else {
                    CP1256_HIGH.chars().nth((b - 0x80) as usize).unwrap()
                }
            })
            .collect()
    }

    #[test]
    fn tables_round_trip() {
        assert_eq!(CP1256_HIGH.chars().count(), 128);
        assert_eq!(CP1252_C1.chars().count(), 32);
        assert_eq!(garble_1256("الأمريكي"), "ط§ظ„ط£ظ…ط±ظٹظƒظٹ");
        assert_eq!(garble_1256("؛"), "ط›");
        assert_eq!(Habit::Utf8As1256.decode("ط§ظ„ط£ظ…ط±ظٹظƒظٹ").as_deref(), Some("الأمريكي"));
        assert_eq!(Habit::Cp1256AsLatin1.decode("ÇáÃãÑíßí").as_deref(), Some("الأمريكي"));
        assert_eq!(Habit::Utf8AsLatin1.decode("Ø§Ù„").as_deref(), Some("ال"));
        assert_eq!(Habit::Utf8AsLatin1.decode("â€œ").as_deref(), Some("“"));
    }

    fn findings(text: &str) -> Vec<Diagnostic> {
        let src = SourceFile::new("t", text.to_string());
        let doc = Document::plain(&src);
        let options = crate::config::RuleOptions::default();
        let packs = crate::rules::packs::CompiledPacks::new(None, Vec::new());
        let cx = super::super::Context {
            doc: &doc,
            options: &options,
            packs: &packs,
            preferred: None,
        };
        let mut out = Vec::new();
        Mojibake.check(&cx, &mut out);
        out
    }

    #[test]
    fn one_finding_with_samples() {
        let garbled = garble_1256("قال الرئيس الأمريكي إن الحكومة ستواصل الدعم؛ وأضاف أن الوضع صعب.");
        let out = findings(&garbled);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("Windows-1256"), "{}", out[0].message);
        assert!(
            out[0].message.contains("«قال»") || out[0].message.contains("for «"),
            "{}",
            out[0].message
        );
        assert!(findings("ÇáÃãÑíßí ÇáÍßæãÉ").len() == 1);
        assert!(findings("قال Ø§Ù„Ø£Ù…Ø±ÙŠÙƒÙŠ Ø§Ù„Ø¯Ø¹Ù…").len() == 1);
    }

    #[test]
    fn letter_rules_leave_garbled_words_to_mojibake() {
        let garbled = garble_1256("قال الرئيس إن الحكومة ستواصل الدعم، وأضاف أن التعاون مهم جدا.");
        let src = SourceFile::new("t", garbled);
        let doc = Document::plain(&src);
        let options = crate::config::RuleOptions::default();
        let packs = crate::rules::packs::CompiledPacks::new(None, Vec::new());
        let cx = super::super::Context {
            doc: &doc,
            options: &options,
            packs: &packs,
            preferred: None,
        };
        let mut out = Vec::new();
        super::super::orthography::ForeignLetter.check(&cx, &mut out);
        super::super::hygiene::InvisibleChar.check(&cx, &mut out);
        super::super::glued_words::GluedWords.check(&cx, &mut out);
        assert!(out.is_empty(), "{out:#?}");
        Mojibake.check(&cx, &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn runs_of_each_habit_are_found_with_their_exact_spans() {
        let utf8_as_1256 = garble_1256("الرئيس");
        let pieces = [utf8_as_1256.as_str(), "ÇáÃãÑíßí", "Ø§Ù„Ø£Ù…"];
        let text = format!("مقدمة {} وسط، {} ثم {}", pieces[0], pieces[1], pieces[2]);
        let found = runs(&text);
        let got: Vec<(&str, Habit)> = found.iter().map(|r| (&text[r.start..r.end], r.habit)).collect();
        assert_eq!(
            got,
            [
                (pieces[0], Habit::Utf8As1256),
                (pieces[1], Habit::Cp1256AsLatin1),
                (pieces[2], Habit::Utf8AsLatin1)
            ]
        );
        assert_eq!(Habit::Utf8As1256.decode(pieces[0]).as_deref(), Some("الرئيس"));
        assert_eq!(Habit::Utf8AsLatin1.decode(pieces[2]).as_deref(), Some("الأم"));
        // Three accented letters are a name's, not a run; a garbled pair at the very end is one.
        assert!(runs("Élève à Orléans").is_empty());
        let tail = format!("نص {}", &pieces[0][..4]);
        assert_eq!(runs(&tail).len(), 1);
    }

    #[test]
    fn clean_text_and_names_are_not_garbled() {
        assert!(findings("قال الرئيس إن الحكومة ستواصل الدعم، وضبط الأمن.").is_empty());
        assert!(findings("Société Générale et Crédit Agricole à Paris").is_empty());
        assert!(!looks_garbled("الطهطاوي"));
        assert!(looks_garbled("ط§ظ„"));
        assert!(!looks_garbled("ضبط"));
    }
}
