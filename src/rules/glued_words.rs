//! glued-words: two words written without the space between them, seen where a word-final letter
//! (ة, ى) or a plural ending and the article (ات + ال) stand inside one token.

use super::{Context, Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::TokenKind;
use crate::text::chars::{is_arabic_letter, is_arabic_mark};

pub struct GluedWords;

static META: RuleMeta = RuleMeta::builtin(
    "glued-words",
    "orthography",
    Severity::Warning,
    "Two words run together (الولاياتالمتحدةالأمريكية, حتىالآن)",
    r#"## What it does
Reports a token that holds two or more words run together, recognised by letters that only end
a word: ة followed by another letter (المتحدةالأمريكية), ى followed by a letter other than ء
(حتىالآن; شىء and أرجىء are old spellings, not glue), and a plural ات followed by the article
(الولاياتالمتحدة). The unsafe fix puts a space at each join.

## Why it matters
A lost space is the most common trace of copy taken from a PDF or a broken page; the run-together
words are not found by search and read as a typo.

## Example
```text
زار الوزير الولاياتالمتحدةالأمريكية حتىالآن مرتين.
```

## Use instead
```text
زار الوزير الولايات المتحدة الأمريكية حتى الآن مرتين، ولم يتغير شىء في كاتالونيا.
```

## Options
None.
"#,
);

/// Whether a word may hold a join: ة (D8 A9), ى (D9 89) or ت (D8 AA) with something after it.
/// Most words end with their only ة or ت, or have none.
fn may_join(b: &[u8]) -> bool {
    b.len() >= 4
        && b[..b.len() - 2]
            .windows(2)
            .any(|w| matches!(w, [0xD8, 0xA9] | [0xD8, 0xAA] | [0xD9, 0x89]))
}

/// Byte offsets (in `word`) where a space belongs.
#[cfg(test)]
fn joins(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    joins_into(word, &mut Vec::new(), &mut out);
    out
}

/// [`joins`] into `out` (cleared first), with `letters` as scratch space reused from word to word.
fn joins_into(word: &str, letters: &mut Vec<(usize, char, usize)>, out: &mut Vec<usize>) {
    out.clear();
    letters.clear();
    if !may_join(word.as_bytes()) {
        return;
    }
    // Letters with the offset just past their marks.
    for (i, c) in word.char_indices() {
        if is_arabic_mark(c) || c == crate::text::chars::TATWEEL {
            if let Some(last) = letters.last_mut() {
                last.2 = i + c.len_utf8();
            }
            continue;
        }
        letters.push((i, c, i + c.len_utf8()));
    }
    for k in 0..letters.len().saturating_sub(1) {
        let (_, c, end) = letters[k];
        let next = letters[k + 1].1;
        if !is_arabic_letter(next) {
            continue;
        }
        let glued = match c {
            'ة' => true,
            'ى' => next != 'ء',
            // ات + ال, with a stem of at least three letters before ات (its own article aside:
            // الكاتالوني is one word) and two after the article.
            'ت' => {
                let own_article = usize::from(letters.len() > 2 && letters[0].1 == 'ا' && letters[1].1 == 'ل') * 2;
                k >= 4 + own_article
                    && letters[k - 1].1 == 'ا'
                    && next == 'ا'
                    && letters.get(k + 2).is_some_and(|l| l.1 == 'ل')
                    && letters.len() >= k + 5
            }
            _ => false,
        };
        if glued {
            out.push(end);
        }
    }
}

impl Rule for GluedWords {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let (mut letters, mut at) = (Vec::new(), Vec::new());
        for tok in &doc.tokens {
            if tok.kind != TokenKind::Arabic || !tok.may_be_glued() {
                continue;
            }
            let word = doc.surface(tok);
            joins_into(word, &mut letters, &mut at);
            if at.is_empty() || super::mojibake::looks_garbled(word) {
                continue;
            }
            let mut fixed = String::with_capacity(word.len() + at.len());
            let mut cursor = 0;
            for &j in &at {
                fixed.push_str(&word[cursor..j]);
                fixed.push(' ');
                cursor = j;
            }
            fixed.push_str(&word[cursor..]);
            out.push(
                self.diag(
                    tok.span,
                    format!("{} runs words together; write {}", quote(word), quote(&fixed)),
                )
                .with_fix(Fix::unsafe_(tok.span, fixed)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(w: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cursor = 0;
        for j in joins(w) {
            out.push(&w[cursor..j]);
            cursor = j;
        }
        out.push(&w[cursor..]);
        out
    }

    #[test]
    fn joins_are_found() {
        assert_eq!(split("الولاياتالمتحدةالأمريكية"), ["الولايات", "المتحدة", "الأمريكية"]);
        assert_eq!(split("حتىالآن"), ["حتى", "الآن"]);
        assert_eq!(split("المدينةَالمنورة"), ["المدينةَ", "المنورة"]);
        assert_eq!(split("شىء"), ["شىء"]);
        assert_eq!(split("كاتالونيا"), ["كاتالونيا"]);
        assert_eq!(split("الكاتالوني"), ["الكاتالوني"]);
        assert_eq!(split("المحطاتالكبرى"), ["المحطات", "الكبرى"]);
        assert_eq!(split("الحكومةً"), ["الحكومةً"]);
    }
}
