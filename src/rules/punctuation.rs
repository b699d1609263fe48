//! latin-punctuation and punctuation-spacing: the comma, semicolon and question mark of the
//! wrong script, and spaces on the wrong side of punctuation.

use super::spacing::{HABIT, Occurrence, habit_finding, take_suppressed};
use super::{Context, Rule, RuleMeta, quote_span};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, Token, TokenKind};
use crate::source::Span;
use crate::text::chars::{is_arabic_letter, is_space};
use crate::text::letter_names;

pub struct LatinPunctuation;
pub struct PunctuationSpacing;

static LATIN: RuleMeta = RuleMeta::builtin(
    "latin-punctuation",
    "punctuation",
    Severity::Warning,
    "A Latin comma, semicolon or question mark between Arabic words (الصهيوني, مشدداً)",
    r#"## What it does
Reports the Latin comma `,`, semicolon `;` and question mark `?` where they punctuate Arabic
text: after an Arabic word (or a number in an Arabic sentence) and before an Arabic word, or a `?`
ending an Arabic sentence. The safe fix writes the Arabic mark (، ؛ ؟). Numbers (1,5 and
1,000), Latin text and URLs keep their marks. When the article does it five times or more it
gets one finding for all of them, whose fix covers them all.

## Why it matters
The Latin marks face the wrong way in right-to-left text, sit at the wrong height, and tell the
reader the copy was typed on a Latin keyboard.

## Example
```text
وقال الوزير, مشدداً على الحل; إن الحكومة مستعدة. فهل تنجح?
```

## Use instead
```text
وقال الوزير، مشدداً على الحل؛ إن الحكومة مستعدة. فهل تنجح؟ ارتفع 1,5 في المئة (Reuters, AFP).
```

## Options
None.
"#,
);

static SPACING: RuleMeta = RuleMeta::builtin(
    "punctuation-spacing",
    "punctuation",
    Severity::Warning,
    "A space before ، ؛ : . ؟ ! or none after them (يفطر ، وفرحة; المئة،وقال)",
    r#"## What it does
Reports a space before the marks ، ؛ : . ؟ ! (they attach to the word before them), and a
missing space after them before the next Arabic word. Numbers (1.5, 10:30), abbreviations
(د.محمد, أ.ف.ب, and Latin letters spelled out: بي.بي.سي, إل.جي) and marks followed by a
quotation mark or bracket are left alone.

The safe fix deletes the space before, or puts a space after ، ؛ ؟ (after : . ! the fix is
unsafe: the mark may belong to an abbreviation or a time). When the article has the same habit
five times or more (wire copy that writes ` ، ` throughout) it gets one finding for it, whose fix
covers them all.

## Why it matters
A space before a comma lets the line break between the word and its comma; a missing space
after one glues two words together for search and for the reader.

## Example
```text
وقال الوزير ، في المؤتمر،إن الحكومة مستعدة .
```

## Use instead
```text
وقال الوزير، في المؤتمر، إن الحكومة مستعدة. ارتفع 1.5 في المئة عند الساعة 10:30 وقال د.محمد: «نعم».
```

## Options
None.
"#,
);

fn word_has_arabic(doc: &crate::document::Document<'_>, t: &Token) -> bool {
    match t.kind {
        TokenKind::Arabic => true,
        TokenKind::Mixed => doc.surface(t).chars().any(is_arabic_letter),
        _ => false,
    }
}

impl Rule for LatinPunctuation {
    fn meta(&self) -> &RuleMeta {
        &LATIN
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        // Nine articles in ten have none of the three marks: their tokens are not read.
        if memchr::memchr3(b',', b';', b'?', text.as_bytes()).is_none() {
            return;
        }
        let mut found: Vec<(Occurrence, String)> = Vec::new();
        for para in &doc.paragraphs {
            let toks = &doc.tokens[para.tokens.clone()];
            for (k, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Punct {
                    continue;
                }
                let s = doc.surface(t);
                let Some(mark) = s.chars().next() else { continue };
                if !matches!(mark, ',' | ';' | '?') {
                    continue;
                }
                // The words on either side, past quotation marks and brackets.
                let skip =
                    |x: &&Token| x.kind == TokenKind::Punct && !matches!(doc.surface(x), "," | ";" | "?" | "." | "،");
                let left = toks[..k].iter().rev().find(|x| !skip(x));
                let right = toks[k + 1..].iter().find(|x| !skip(x));
                let l = left.filter(|x| x.is_word());
                let r = right.filter(|x| x.is_word());
                let latin = |x: Option<&Token>| x.is_some_and(|x| x.kind == TokenKind::Latin);
                if latin(l) || latin(r) || l.is_none() {
                    continue;
                }
                let arabic_l = l.is_some_and(|x| word_has_arabic(doc, x));
                let arabic_r = r.is_some_and(|x| word_has_arabic(doc, x));
                let ok = match mark {
                    '?' => arabic_l && (r.is_none() || arabic_r || right.is_none_or(|x| !x.is_word())),
                    _ => (arabic_l || arabic_r) && r.is_some(),
                };
                if !ok {
                    continue;
                }
                // The semicolon that ends an HTML character reference (`&#8220;`, `&laquo;`) is
                // part of it: the reference is the fault, not the punctuation.
                if mark == ';' && ends_char_reference(&text[..t.span.start as usize]) {
                    continue;
                }
                // Inside a number (1,5 and 1,000): digits on both sides with no space.
                let before = text[..t.span.start as usize].chars().next_back();
                let after = text[t.span.end as usize..].chars().next();
                if before.is_some_and(|c| c.is_numeric()) && after.is_some_and(|c| c.is_numeric()) {
                    continue;
                }
                let arabic: String = s
                    .chars()
                    .map(|c| match c {
                        ',' => '،',
                        ';' => '؛',
                        _ => '؟',
                    })
                    .collect();
                let (name, ar_name) = match mark {
                    ',' => ("comma", "،"),
                    ';' => ("semicolon", "؛"),
                    _ => ("question mark", "؟"),
                };
                let ctx_span = Span::new(
                    l.map_or(t.span.start, |x| x.span.start) as usize,
                    r.map_or(t.span.end, |x| x.span.end).max(t.span.end) as usize,
                );
                found.push((
                    Occurrence {
                        span: t.span,
                        fix: Fix::safe(t.span, arabic),
                    },
                    format!(
                        "Latin {name} in Arabic text {}; write {ar_name}",
                        quote_span(doc, ctx_span)
                    ),
                ));
            }
        }
        for (o, message) in take_suppressed(cx.doc, self.meta(), &mut found, |f| f.0.span) {
            out.push(self.diag(o.span, message).with_fix(o.fix));
        }
        if found.len() >= HABIT {
            let base = self.diag(
                found[0].0.span,
                format!(
                    "Latin punctuation in Arabic text, {} times in this article (first: {})",
                    found.len(),
                    found[0].1
                ),
            );
            let occs: Vec<Occurrence> = found.into_iter().map(|(o, _)| o).collect();
            out.push(habit_finding(doc, base, &occs, "and here"));
            return;
        }
        for (o, message) in found {
            out.push(self.diag(o.span, message).with_fix(o.fix));
        }
    }
}

/// The marks whose spacing is checked.
fn spaced_mark(c: char) -> bool {
    matches!(c, '،' | '؛' | ':' | '.' | '؟' | '!')
}

impl Rule for PunctuationSpacing {
    fn meta(&self) -> &RuleMeta {
        &SPACING
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        // Space-before occurrences by mark, and missing-space-after ones.
        let mut before: Vec<(char, Occurrence, Span)> = Vec::new();
        let mut after: Vec<(Occurrence, Span)> = Vec::new();
        let mut mark_counts: Vec<(char, usize)> = Vec::new();
        for para in &doc.paragraphs {
            let toks = &doc.tokens[para.tokens.clone()];
            let pstart = para.span.start as usize;
            for (k, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Punct {
                    continue;
                }
                let s = doc.surface(t);
                let mut cs = s.chars();
                let (Some(mark), None) = (cs.next(), cs.next()) else {
                    continue;
                };
                if !spaced_mark(mark) {
                    continue;
                }
                match mark_counts.iter_mut().find(|m| m.0 == mark) {
                    Some(m) => m.1 += 1,
                    None => mark_counts.push((mark, 1)),
                }
                let start = t.span.start as usize;
                let end = t.span.end as usize;
                // What follows the mark as the reader sees it: past Markdown's emphasis or link
                // marks (`،**إن**`), which are not prose.
                let seen_next = past_markup(doc, end);
                let next_char = text[seen_next..].chars().next();
                let prev_tok = k.checked_sub(1).map(|j| &toks[j]);
                let next_tok = toks.get(k + 1);
                // A space before: whitespace between the previous token and the mark. A mark that
                // starts a line has none (as in plain text), whatever Markdown puts before it
                // there: a block quote's `> `, a list item's indent.
                let ws_start = pstart + text[pstart..start].trim_end_matches(is_space).len();
                let after_a_word = |p: &Token| {
                    (p.is_word() || matches!(doc.surface(p), "»" | "”" | "\"" | ")" | "]"))
                        && !text[p.span.end as usize..ws_start].contains('\n')
                };
                let space_before =
                    (ws_start < start && prev_tok.is_some_and(after_a_word)).then(|| Span::new(ws_start, start));
                if let Some(ws) = space_before
                    && let Some(p) = prev_tok
                    && !(mark == ':' && p.kind == TokenKind::Number)
                    && !(mark == '.' && next_char.is_some_and(|c| !is_space(c) && c != '\n' && c != '\r'))
                {
                    let shown = Span::new(p.span.start as usize, end);
                    before.push((
                        mark,
                        Occurrence {
                            span: Span::new(ws_start, end),
                            fix: Fix::safe(ws, ""),
                        },
                        shown,
                    ));
                }
                // No space after: the mark runs into an Arabic letter.
                if next_char.is_some_and(is_arabic_letter)
                    && let Some(n) = next_tok
                    && n.span.start as usize == seen_next
                {
                    let abbreviation = mark == '.'
                        && prev_tok.is_some_and(|p| p.span.end as usize == start)
                        && match prev_tok.and_then(|p| abbreviation_piece(doc, p)) {
                            Some(Piece::Letter) => true,
                            // A spelled-out letter ends sentences as a word too (كي، أو): only a
                            // letter or another spelled-out one after the stop makes it a piece.
                            Some(Piece::LetterName) => abbreviation_piece(doc, n).is_some(),
                            None => false,
                        };
                    let numeric = prev_tok.is_some_and(|p| p.kind == TokenKind::Number && p.span.end as usize == start)
                        && matches!(mark, ':' | '.');
                    if !abbreviation && !numeric {
                        let safe = matches!(mark, '،' | '؛' | '؟');
                        let ins = Edit::new(Span::new(end, end), " ");
                        // A full stop spaced from the word before it (عناصره .وأبان) is not
                        // reported for that space: the fix moves the space to after it, both
                        // edits one unit.
                        let moved = (mark == '.')
                            .then_some(space_before)
                            .flatten()
                            .map(|ws| Edit::new(ws, ""));
                        let Some(fix) = Fix::combined(text, moved.into_iter().chain([ins]).collect(), safe) else {
                            continue;
                        };
                        let shown = Span::new(prev_tok.map_or(start, |p| p.span.start as usize), n.span.end as usize);
                        after.push((Occurrence { span: t.span, fix }, shown));
                    }
                }
            }
        }
        // Space-before habits, by mark.
        let mut marks: Vec<char> = before.iter().map(|b| b.0).collect();
        marks.dedup();
        marks.sort_unstable();
        marks.dedup();
        let mut singles: Vec<Diagnostic> = Vec::new();
        let single_before = |mark: char, o: &Occurrence, shown: Span| {
            self.diag(o.span, format!("space before «{mark}» in {}", quote_span(doc, shown)))
                .with_fix(o.fix.clone())
        };
        for mark in marks {
            let mut occs: Vec<&(char, Occurrence, Span)> = before.iter().filter(|b| b.0 == mark).collect();
            for (_, o, shown) in take_suppressed(doc, self.meta(), &mut occs, |b| b.1.span) {
                singles.push(single_before(mark, o, *shown));
            }
            let total = mark_counts.iter().find(|m| m.0 == mark).map_or(0, |m| m.1);
            if occs.len() >= HABIT && occs.len() * 2 >= total {
                let list: Vec<Occurrence> = occs
                    .iter()
                    .map(|(_, o, _)| Occurrence {
                        span: o.span,
                        fix: o.fix.clone(),
                    })
                    .collect();
                let base = self.diag(
                    list[0].span,
                    format!(
                        "a space before «{mark}» throughout this article ({} of {total} times, first in {})",
                        occs.len(),
                        quote_span(doc, occs[0].2)
                    ),
                );
                out.push(habit_finding(doc, base, &list, "and here"));
            } else {
                for (_, o, shown) in occs {
                    singles.push(single_before(mark, o, *shown));
                }
            }
        }
        out.extend(singles);
        let single_after = |o: Occurrence, shown: Span| {
            let mark = doc.slice(o.span).to_string();
            self.diag(o.span, format!("no space after «{mark}» in {}", quote_span(doc, shown)))
                .with_fix(o.fix)
        };
        for (o, shown) in take_suppressed(doc, self.meta(), &mut after, |a| a.0.span) {
            out.push(single_after(o, shown));
        }
        if after.len() >= HABIT {
            let list: Vec<Occurrence> = after
                .iter()
                .map(|(o, _)| Occurrence {
                    span: o.span,
                    fix: o.fix.clone(),
                })
                .collect();
            let base = self.diag(
                list[0].span,
                format!(
                    "no space after punctuation, {} times in this article (first in {})",
                    after.len(),
                    quote_span(doc, after[0].1)
                ),
            );
            out.push(habit_finding(doc, base, &list, "and here"));
        } else {
            for (o, shown) in after {
                out.push(single_after(o, shown));
            }
        }
    }
}

/// What a word can be in a dotted abbreviation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Piece {
    /// One Arabic letter: د.محمد, أ.ف.ب.
    Letter,
    /// A Latin letter spelled out: بي.بي.سي, إل.جي.
    LetterName,
}

/// The piece of a dotted abbreviation the Arabic word `t` can be, after a leading و (ود.محمد,
/// وبي.جي).
fn abbreviation_piece(doc: &Document<'_>, t: &Token) -> Option<Piece> {
    if t.kind != TokenKind::Arabic {
        return None;
    }
    let folded = doc.folded(t);
    // واي (Y) begins with و itself.
    [Some(folded), folded.strip_prefix('و')]
        .into_iter()
        .flatten()
        .find_map(|w| {
            let mut letters = w.chars();
            match (letters.next(), letters.next()) {
                (Some(_), None) => Some(Piece::Letter),
                _ if letter_names::is_letter_name(w) => Some(Piece::LetterName),
                _ => None,
            }
        })
}

/// The first byte at or after `at` that is not markup: Markdown's punctuation outside the prose
/// (`**`, `_`, `[`, `](…)` has letters and stops it). In plain text, `at` itself.
fn past_markup(doc: &Document<'_>, at: usize) -> usize {
    let rest = &doc.text()[at..];
    rest.char_indices()
        .find(|&(i, c)| c.is_whitespace() || !doc.is_markup(at + i, c))
        .map_or(doc.text().len(), |(i, _)| at + i)
}

/// Whether `before` ends with the name of an HTML character reference without its `;`: `&#8220`,
/// `&#x201C` or `&laquo`.
fn ends_char_reference(before: &str) -> bool {
    let b = before.as_bytes();
    let name_len = b.iter().rev().take_while(|c| c.is_ascii_alphanumeric()).count();
    let (rest, name) = b.split_at(b.len() - name_len);
    match (rest, name) {
        (_, []) => false,
        ([.., b'&', b'#'], [b'x' | b'X', hex @ ..]) => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        ([.., b'&', b'#'], digits) => digits.iter().all(u8::is_ascii_digit),
        ([.., b'&'], [first, ..]) => first.is_ascii_alphabetic(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
        let (mut out, src) = crate::rules::testing::run(rule, text);
        out.sort_by_key(|d| d.span.start);
        out.into_iter()
            .map(|d| {
                let f = d.fix.expect("every finding here has a fix");
                (
                    src.slice(d.span).to_string(),
                    format!("{}→{}", src.slice(f.span), f.replacement),
                )
            })
            .collect()
    }

    #[test]
    fn latin_marks_between_arabic_words() {
        assert_eq!(
            run(&LatinPunctuation, "قال الوزير, مشدداً. هل تنجح?"),
            [
                (",".to_string(), ",→،".to_string()),
                ("?".to_string(), "?→؟".to_string())
            ]
        );
        assert!(
            run(
                &LatinPunctuation,
                "ارتفع 1,5 في المئة و1,000 دولار (Reuters, AFP) وwww.x.com/?a=1"
            )
            .is_empty()
        );
        assert_eq!(run(&LatinPunctuation, "في عام 2015, قال").len(), 1);
        // Each mark alone in an article, with nothing else to make it worth reading.
        for (text, mark) in [
            ("هل تنجح الخطة?", "?"),
            ("قال الوزير; ثم غادر", ";"),
            ("قال الوزير, ثم غادر", ","),
        ] {
            let found = run(&LatinPunctuation, text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0, mark, "{text}");
        }
    }

    #[test]
    fn spacing_before_and_after() {
        assert_eq!(
            run(&PunctuationSpacing, "قال الوزير ، في المؤتمر،إن الحكومة مستعدة ."),
            [
                (" ،".to_string(), " →".to_string()),
                ("،".to_string(), "→ ".to_string()),
                (" .".to_string(), " →".to_string()),
            ]
        );
        assert!(
            run(
                &PunctuationSpacing,
                "ارتفع 1.5 عند 10:30 وقال د.محمد إن أ.ف.ب نقلت: «نعم»."
            )
            .is_empty()
        );
    }

    #[test]
    fn spelled_out_latin_letters_joined_by_full_stops_are_an_abbreviation() {
        for text in [
            "وقال لشبكة إن.بي.سي الأمريكية إن الاتفاق قائم.",
            "طرحت شركة إل.جي هاتفها.",
            "وتسيطر بي.بي، وبي.جي على الحقل.",
            "للتحقيق في وكالة بي.ئي.إيه الفرنسية.",
            "قال الشاعران أحمد ود.عبدالله إن القصيدة جديدة.",
            "وقالت إذاعة بِي.بِي.سِي إن الخبر صحيح.",
        ] {
            assert!(run(&PunctuationSpacing, text).is_empty(), "{text}");
        }
        // A spelled-out letter is a word too: after it a sentence can begin without its space,
        // and so can one that follows a full stop glued to an ordinary word.
        for (text, found) in [
            ("ولم يحدد متى أو.كيف سيتم ذلك", "."),
            ("وقال إن الأمر انتهى.بي بي سي نقلت الخبر", "."),
        ] {
            let out = run(&PunctuationSpacing, text);
            assert_eq!(out.len(), 1, "{text}: {out:?}");
            assert_eq!(out[0].0, found, "{text}");
        }
    }

    #[test]
    fn a_full_stop_spaced_from_its_word_moves_back_to_it() {
        let text = "وتابع عناصره .وأبان المتحدث أن الأمر انتهى.";
        let (out, src) = crate::rules::testing::run(&PunctuationSpacing, text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            crate::rules::testing::with_fixes(&src, &out),
            "وتابع عناصره. وأبان المتحدث أن الأمر انتهى."
        );
        // A comma so spaced has both faults reported, and both fixes give the same.
        let (out, src) = crate::rules::testing::run(&PunctuationSpacing, "وتابع عناصره ،وأبان المتحدث.");
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(
            crate::rules::testing::with_fixes(&src, &out),
            "وتابع عناصره، وأبان المتحدث."
        );
    }

    #[test]
    fn a_mark_that_starts_a_markdown_line_is_left_alone() {
        let flagged = |text: &str| crate::rules::testing::flagged_markdown(&PunctuationSpacing, text);
        for text in [
            "> وقال الوزير إن الحكومة مستعدة\n> ، في حين قال آخرون غير ذلك.\n",
            "- وقال الوزير إن الحكومة مستعدة\n  ، في حين قال آخرون غير ذلك.\n",
            "وقال الوزير إن الحكومة مستعدة\n، في حين قال آخرون غير ذلك.\n",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
        // Inside a line, markup before the space does not hide it.
        assert_eq!(flagged("قال **الوزير** ، في المؤتمر.\n"), [" ،"]);
        assert_eq!(flagged("> قال الوزير ، في المؤتمر.\n"), [" ،"]);
    }

    #[test]
    fn the_semicolon_of_an_html_character_reference_is_left_alone() {
        for text in [
            "وقال إن الوزارة &#8220;صحية&#8221; تماما.",
            "وقال إن الوزارة &#x201C;صحية&#x201D; تماما.",
            "وقال إن الوزارة &laquo;صحية&raquo; تماما.",
        ] {
            assert!(
                crate::rules::testing::flagged(&LatinPunctuation, text).is_empty(),
                "{text}"
            );
        }
        // Not a reference: a semicolon after a word, a bare ampersand, a number alone.
        for text in ["وقال إن الوزارة &;صحية تماما.", "وقال إن الوزارة 8220; صحية تماما."]
        {
            assert_eq!(crate::rules::testing::flagged(&LatinPunctuation, text), [";"], "{text}");
        }
    }

    #[test]
    fn markup_after_a_mark_is_looked_past() {
        let found = |text: &str| {
            let (out, src) = crate::rules::testing::run_markdown(&PunctuationSpacing, text);
            let fixed = crate::rules::testing::with_fixes(&src, &out);
            (
                out.iter().map(|d| src.slice(d.span).to_string()).collect::<Vec<_>>(),
                fixed,
            )
        };
        // No space after, the next word in bold or a link: the space goes after the mark.
        assert_eq!(
            found("وقال الوزير،**إن** الحكومة مستعدة.\n"),
            (
                vec!["،".to_string()],
                "وقال الوزير، **إن** الحكومة مستعدة.\n".to_string()
            )
        );
        assert_eq!(found("وقال الوزير،[إن](https://x.com) الحكومة مستعدة.\n").0, ["،"]);
        // A space before a full stop that closes the emphasis.
        assert_eq!(found("*إن الحكومة مستعدة .*\n").0, [" ."]);
        // A mark followed by a space, or by markup and then a space, is right.
        assert!(found("وقال الوزير، **إن** الحكومة مستعدة.\n").0.is_empty());
        assert!(found("**وقال الوزير،** إن الحكومة مستعدة.\n").0.is_empty());
    }

    #[test]
    fn a_habit_is_one_finding_with_one_fix() {
        let text = "أ ، ب ، ج ، د ، هـ ، و ، ز.";
        let got = run(&PunctuationSpacing, text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, " ، ب ، ج ، د ، هـ ، و →، ب، ج، د، هـ، و");
        // The finding keeps each of its six occurrences (a baseline records each).
        let (out, src) = crate::rules::testing::run(&PunctuationSpacing, text);
        let places: Vec<&str> = out[0].places().iter().map(|s| src.slice(*s)).collect();
        assert_eq!(places, [" ،"; 6]);
    }
}
