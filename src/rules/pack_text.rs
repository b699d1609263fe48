//! A pack's text cut into pieces that TOML reads one after the other.
//!
//! The toml crate holds a whole document three times over while it reads it (its tokens, its
//! parse events, then a table of every value with its span): a house pack of 20,000 entries
//! (3 MB) peaked at 117 MB that way, for a pack that then needs some 25. Read a piece at a
//! time, the pack costs about what it keeps. A piece ends only before a `[[entry]]` header that
//! opens a line outside any string or value, so each piece is a TOML document of its own and
//! means what it meant in the whole.

use std::ops::Range;
use toml_parser::lexer::TokenKind;

/// The pieces of a pack's text: the head (the pack's own keys, up to the first `[[entry]]`
/// header, maybe empty), then runs of whole entries of about `target` bytes each. Together
/// they cover the text in order. A text of `target` bytes or less is one piece (the built-in
/// packs, which every run reads: not lexed twice).
pub fn pieces(text: &str, target: usize) -> Vec<Range<usize>> {
    if text.len() <= target {
        return std::iter::once(0..text.len()).collect();
    }
    let headers = entry_headers(text);
    let mut out = Vec::new();
    let mut start = 0;
    for &at in &headers {
        // The head always ends at the first entry; the others once they are big enough.
        if out.is_empty() || at - start >= target {
            out.push(start..at);
            start = at;
        }
    }
    out.push(start..text.len());
    out
}

/// Where each `[[entry]]` header starts a line of the pack outside strings and values, found
/// by TOML's own lexer (so that the same characters inside a multi-line string, or an array
/// of arrays, are not taken for one). Written otherwise (`[[ "entry" ]]`), a header is not
/// found, and its entry stays in the piece before it: still read right, only not apart.
fn entry_headers(text: &str) -> Vec<usize> {
    let source = toml_parser::Source::new(text);
    let mut found = Vec::new();
    // Only whitespace since the line began.
    let mut line_start = true;
    // After `key =`, until the line ends outside the brackets the value opened.
    let mut in_value = false;
    let mut depth = 0usize;
    for token in source.lex() {
        let at = token.span().start();
        match token.kind() {
            TokenKind::Eof => break,
            TokenKind::Newline => {
                in_value &= depth > 0;
                line_start = true;
                continue;
            }
            TokenKind::Whitespace => continue,
            TokenKind::Equals if !in_value => in_value = true,
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket if in_value => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket if in_value => {
                depth = depth.saturating_sub(1);
            }
            TokenKind::LeftSquareBracket if line_start && is_entry_header(&text[at..]) => found.push(at),
            _ => {}
        }
        line_start = false;
    }
    found
}

/// Whether a line opens with `[[entry]]` (spaces allowed inside the brackets), then nothing
/// but whitespace or a comment.
fn is_entry_header(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or_default();
    let inner = line
        .strip_prefix("[[")
        .map(|r| r.trim_start_matches([' ', '\t']))
        .and_then(|r| r.strip_prefix("entry"))
        .map(|r| r.trim_start_matches([' ', '\t']))
        .and_then(|r| r.strip_prefix("]]"));
    inner.is_some_and(|after| {
        let after = after.trim_start_matches([' ', '\t', '\r']);
        after.is_empty() || after.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(text: &str) -> Vec<usize> {
        entry_headers(text)
    }

    #[test]
    fn headers_are_found_at_line_starts_outside_strings_and_values() {
        let text = "kind = \"x\"\n[[entry]]\na = 1\n  [[ entry ]] # two\r\nb = \"\"\"\n[[entry]]\n\"\"\"\nc = [\n[[\"entry\"]],\n]\n[[entry]]\n";
        let at: Vec<usize> = text.match_indices("[[").map(|(i, _)| i).collect();
        // The first and second headers, the last one; not the one inside the multi-line
        // string, nor the array of arrays.
        assert_eq!(headers(text), [at[0], at[1], at[4]]);
        // Not a header: another table, a key, text after the brackets.
        assert!(headers("[[entries]]\n[entry]\nentry = 1\n[[entry]] x\n").is_empty());
        assert!(headers("").is_empty());
    }

    #[test]
    fn pieces_cover_the_text_and_end_before_headers() {
        let entry = "[[entry]]\nwrong = [\"a\"]\n";
        let text = format!("kind = \"x\"\n{}", entry.repeat(10));
        for target in [0, 1, entry.len(), 3 * entry.len(), text.len() - 1] {
            let pieces = pieces(&text, target);
            assert_eq!(pieces[0], 0..11, "the head is a piece of its own ({target})");
            let mut end = 0;
            for p in &pieces {
                assert_eq!(p.start, end, "in order, without gaps ({target})");
                end = p.end;
            }
            assert_eq!(end, text.len());
            for p in &pieces[1..] {
                assert!(text[p.clone()].starts_with("[[entry]]"), "{target}");
            }
            let expected = match target {
                0 | 1 => 11,
                t if t == text.len() - 1 => 2,
                t => 1 + 10_usize.div_ceil(t / entry.len()),
            };
            assert_eq!(pieces.len(), expected, "{target}");
        }
        assert_eq!(pieces("kind = \"x\"\n", 1).len(), 1, "no header: one piece");
        assert_eq!(
            pieces(&text, text.len()).len(),
            1,
            "a text of the target's size: one piece"
        );
    }
}
