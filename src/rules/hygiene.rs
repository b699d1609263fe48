//! Hygiene: what pasted and crawled copy leaves behind that a reader never meant to see.

use super::packs::PackKind;
use super::{Context, Rule, RuleMeta, quote, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, Token, TokenKind};
use crate::source::Span;
use crate::text::chars::{
    invisible_name, is_alphanumeric, is_arabic_letter, is_arabic_mark, is_bidi_control, is_invisible, is_space,
};

pub struct TrailingWhitespace;
pub struct InvisibleChar;
pub struct WebResidue;

static TRAILING: RuleMeta = RuleMeta::builtin(
    "trailing-whitespace",
    "hygiene",
    Severity::Info,
    "Spaces, tabs or NBSP at the end of a line, or a line of nothing but whitespace",
    r#"## What it does
Reports whitespace at the end of a line (spaces, tabs, NBSP and the other Unicode spaces), and
lines that hold nothing but whitespace, such as the NBSP-only lines a web page leaves between
paragraphs. The safe fix deletes it. Five such lines or more in one article are one finding, at
the first, with one fix for them all. In Markdown, two or more spaces that make a hard line break
are syntax and are left alone; lines of code blocks and front matter are not looked at.

## Why it matters
Invisible on screen, it still shows in diffs, breaks "is this line empty?" checks in layout tools,
and an NBSP-only line turns into an empty paragraph in print.

## Example
```text
الوسط – المحرر السياسي 
```

## Use instead
```text
الوسط – المحرر السياسي
```

## Options
None.
"#,
);

static INVISIBLE: RuleMeta = RuleMeta::builtin(
    "invisible-char",
    "hygiene",
    Severity::Warning,
    "An invisible character (ZWNJ, ZWJ, RLM, soft hyphen, bidi override…) where it does nothing",
    r#"## What it does
Reports invisible characters that do nothing useful where they stand:

- any invisible character inside an Arabic word (it breaks search and sometimes joining): error;
- a bidi embedding or override (U+202A–U+202E), which reorders everything after it;
- a zero-width space, word joiner, soft hyphen, stray BOM, or a direction mark (LRM, RLM, ALM)
  with no Latin letter or digit next to it, once past any punctuation or markup between them.

Several such characters side by side are one finding, at the gravest of their severities.

A direction mark beside Latin text, digits or neutral punctuation between them is kept: that is
what it is for. So is a zero-width joiner between emoji (it makes one of them), and, in Markdown,
an invisible character at a line's start or beside the syntax's punctuation (`#`, `-`, `*`, `[`,
`]`, `(`…), where it may be keeping that from being read as syntax. The safe fix deletes the
character.

## Why it matters
Readers cannot see these characters, but search engines, spell checkers and the site's own search
can: a word with a ZWNJ inside is not found.

## Example
```text
قال الوزير‌ إن الحكومة ستواصل الدعم.
```

## Use instead
```text
قال الوزير إن الحكومة ستواصل الدعم.
```

## Options
None.
"#,
);

static RESIDUE: RuleMeta = RuleMeta::builtin(
    "web-residue",
    "hygiene",
    Severity::Error,
    "Web-page chrome or a wire-service trailer left in the article (comment box, read-also links, // انتهى //)",
    r#"## What it does
Finds the phrases of web pages (the `existence` packs of this rule: التعليقات، أضف تعليق،
اقرأ أيضاً، طباعة، جميع الحقوق محفوظة …) and the trailers of wire copy (`// انتهى //`,
`// يتبع //`, a time stamp such as `13:26 ت م`) where page chrome sits: in the lines after the
article's last paragraph of prose (short lines that do not end like a sentence), or on a short
line of their own other than the title, or the page's tag list (سمات …). The same words inside a
sentence of the story, or as its headline (انتهى التنفيذ), are left alone. In Markdown, where
lines pasted under the last sentence with no blank line join its paragraph, such a short line is
still found on its own, and its fix deletes that line. So is chrome that a crawl or a paste ran
into the story's last line after its final full stop (… في المنافذ الجمركية. سمات جدة الجمارك):
when it is short and does not end like a sentence, it is reported alone, and its fix deletes it
and keeps the story's sentence. On a chrome line that begins with three words of the story or more
(a poem's last verse with the tags run into it), the finding and its fix start at the phrase. A
line that opens with a phrase of several words (اقرأ أيضا, مقالات أخرى, رابط الخبر) is chrome
even when its last linked title ends with ? or !, and so is such a line that ends the article; it
may hold up to 40 words, the titles it lists.

## Why it matters
The comment box or the "read also" links of the page a story was copied from, published at the
bottom of the article, tell every reader the copy was pasted without a look; so does the agency's
end-of-story marker left under a wire story.

## Example
```text
وقال الوزير إن الحكومة ستواصل الدعم خلال العام المقبل، وإن الميزانية ستعرض على البرلمان قريباً جداً.

التعليقات
أضف تعليق
```

## Use instead
```text
وقال الوزير إن الحكومة ستواصل الدعم خلال العام المقبل، وإن الميزانية ستعرض على البرلمان قريباً جداً.
```

## Options
None.
"#,
);

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &RuleMeta {
        &TRAILING
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let src = cx.doc.source;
        let text = src.text.as_str();
        let mut found = Vec::new();
        for line in 0..src.lines.line_count() {
            let span = src.lines.line_span(text, line);
            let s = &text[span.range()];
            let trimmed = s.trim_end_matches(|c: char| is_space(c) || c == '\u{200B}');
            if trimmed.len() == s.len() {
                continue;
            }
            let mut ws = Span::new(span.start as usize + trimmed.len(), span.end as usize);
            // Markdown's two-space hard line break is syntax, not stray whitespace: what comes
            // before it (an NBSP) is reported and deleted, the break stays.
            let breaks = &cx.doc.hard_breaks;
            if let Some(hard) = breaks.get(breaks.partition_point(|h| h.end < ws.end))
                && hard.end == ws.end
                && hard.start >= ws.start
            {
                ws.end = hard.start;
            }
            // A code block is kept as written; the front matter is data (its title is linted
            // as prose, but YAML and TOML drop the space).
            let in_front_matter = cx
                .doc
                .meta
                .front_matter
                .is_some_and(|f| f.start <= ws.start && ws.end <= f.end);
            if ws.is_empty() || cx.doc.in_code_block(ws.start as usize) || in_front_matter {
                continue;
            }
            let names = whitespace_names(&text[ws.range()]);
            let message = if trimmed.trim_start_matches('\u{feff}').is_empty() {
                format!("line holds only whitespace ({names})")
            } else {
                format!("trailing whitespace ({names}) after {}", quote(last_words(trimmed)))
            };
            found.push(self.diag(ws, message).with_fix(Fix::safe(ws, "")));
        }
        // A crawl that leaves a space at the end of every line is one habit: one finding.
        let summary = |found: &[Diagnostic]| {
            format!(
                "{} lines end in whitespace or hold nothing else (first: {})",
                found.len(),
                found[0].message
            )
        };
        super::spacing::push_or_collapse(cx.doc, &TRAILING, out, found, summary);
    }
}

fn last_words(s: &str) -> &str {
    let s = s.trim_start_matches('\u{feff}');
    let mut count = 0;
    for (i, c) in s.char_indices().rev() {
        if c.is_whitespace() {
            count += 1;
            if count == 3 {
                return &s[i + c.len_utf8()..];
            }
        }
    }
    s
}

fn whitespace_names(s: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in s.chars() {
        let n = match c {
            ' ' => "space",
            '\t' => "tab",
            c => invisible_name(c),
        };
        let n = if n == "?" { "Unicode space" } else { n };
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.join(", ")
}

impl Rule for InvisibleChar {
    fn meta(&self) -> &RuleMeta {
        &INVISIBLE
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let markdown = crate::document::is_markdown(&doc.source.path);
        for region in &doc.regions {
            let s = &text[region.range()];
            if !crate::text::scan::has_invisible(s) {
                continue;
            }
            // The character before the region (a line break, or markup in Markdown).
            let mut prev: Option<char> = text[..region.start as usize].chars().next_back();
            let mut around = Around::new(text, region.start as usize);
            // Invisibles side by side (an RLM and an RLE pasted together) are one thing to delete:
            // one finding, at the gravest severity among them, with each reason once.
            let mut run: Option<InvisibleRun> = None;
            for (i, c) in s.char_indices() {
                if !is_invisible(c) {
                    around.passed(c);
                    prev = Some(c);
                    continue;
                }
                // Look past a run of invisibles to the next visible character.
                let next = around.next_visible(s, i);
                let at = region.start as usize + i;
                if at == 0 && c == '\u{feff}' {
                    prev = Some(c);
                    continue;
                }
                // A ZWJ between emoji joins them into one (👨‍👩‍👧); in Markdown, an invisible
                // character beside the syntax's punctuation may be what keeps it from being read
                // as syntax (a ZWSP before `#` at a line's start, between `]` and `(`).
                if (c == '\u{200D}' && (prev.is_some_and(is_emoji) || next.is_some_and(is_emoji)))
                    || (markdown && (prev.is_none_or(is_markdown_syntax) || next.is_some_and(is_markdown_syntax)))
                {
                    prev = Some(c);
                    continue;
                }
                // Garbled text (UTF-8 read as Windows-1256 turns ح into ط and a soft hyphen): the
                // mark is part of the garbling, which mojibake reports; deleting it would lose
                // the letter for good.
                if c == '\u{00AD}' && around.word(s, i).garbled() {
                    prev = Some(c);
                    continue;
                }
                let span = Span::new(at, at + c.len_utf8());
                let arabic_side = |x: Option<char>| x.is_some_and(|x| is_arabic_letter(x) || is_arabic_mark(x));
                let strong_other = |x: Option<char>| {
                    x.is_some_and(|x| {
                        x.is_ascii_alphanumeric()
                            || (x.is_alphabetic() && !is_arabic_letter(x))
                            || crate::text::chars::is_digit(x)
                    })
                };
                let (severity, why) = if arabic_side(prev) && arabic_side(next) {
                    (Severity::Error, around.word(s, i).inside.clone())
                } else if matches!(c, '\u{202A}'..='\u{202E}') {
                    (
                        Severity::Warning,
                        "a bidi embedding or override reorders the text after it".to_string(),
                    )
                } else if is_bidi_control(c)
                    && (strong_other(around.strong_before) || strong_other(around.strong_after(at)))
                {
                    // A direction mark beside Latin letters or digits is doing its job, also
                    // past the punctuation it sets the direction of: `(CNN)`, `25%`, or the
                    // markup of `**CNN**`.
                    prev = Some(c);
                    continue;
                } else if matches!(c, '\u{2066}'..='\u{2069}') {
                    prev = Some(c);
                    continue;
                } else {
                    (Severity::Warning, "with nothing for it to do here".to_string())
                };
                match &mut run {
                    Some(r) if r.span.end == span.start => {
                        r.span.end = span.end;
                        r.severity = r.severity.max(severity);
                        r.chars.push(c);
                        if !r.reasons.contains(&why) {
                            r.reasons.push(why);
                        }
                    }
                    _ => {
                        out.extend(run.take().map(InvisibleRun::finding));
                        run = Some(InvisibleRun {
                            span,
                            severity,
                            reasons: vec![why],
                            chars: vec![c],
                        });
                    }
                }
                prev = Some(c);
            }
            out.extend(run.map(InvisibleRun::finding));
        }
    }
}

/// How many characters of a run of invisibles its message names.
const NAMED_IN_A_RUN: usize = 8;

/// Reported invisible characters side by side.
struct InvisibleRun {
    span: Span,
    severity: Severity,
    /// Why each is reported, each reason once, in order.
    reasons: Vec<String>,
    chars: Vec<char>,
}

impl InvisibleRun {
    fn finding(self) -> Diagnostic {
        let named = |c: &char| format!("{} (U+{:04X})", invisible_name(*c), *c as u32);
        let message = match self.chars.as_slice() {
            [c] => format!("invisible {} {}", named(c), self.reasons.join("; ")),
            chars => {
                // A long run is named by its first characters.
                let mut names: Vec<String> = chars.iter().take(NAMED_IN_A_RUN).map(named).collect();
                if chars.len() > NAMED_IN_A_RUN {
                    names.push("…".to_string());
                }
                format!(
                    "{} invisible characters side by side, {}: {}",
                    chars.len(),
                    names.join(" "),
                    self.reasons.join("; ")
                )
            }
        };
        Diagnostic::new(&INVISIBLE.id, self.severity, self.span, message).with_fix(Fix::safe(self.span, ""))
    }
}

/// Emoji and pictographs, and the variation selector and skin tones that go with them.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{FE0F}' | '\u{1F000}'..='\u{1FAFF}')
}

/// The characters Markdown reads as syntax, and a line break (an invisible character at a line's
/// start may be escaping the syntax after it).
fn is_markdown_syntax(c: char) -> bool {
    matches!(
        c,
        '#' | '>' | '-' | '+' | '*' | '_' | '`' | '[' | ']' | '(' | ')' | '|' | '!' | '~' | '<' | '=' | '\n' | '\r'
    )
}

/// Punctuation and symbols (not letters, digits, marks or spaces): what takes its direction from
/// the text around it.
fn is_neutral_mark(c: char) -> bool {
    !is_alphanumeric(c) && !c.is_whitespace() && !is_arabic_mark(c)
}

/// What invisible-char asks about the text around each invisible character of a region, kept
/// as the region is read: a megabyte of RLM RLE, or one word with thousands of ZWNJ, costs one
/// pass, not a pass for each character.
struct Around<'t> {
    text: &'t str,
    /// The nearest character before the current one that is neither invisible nor punctuation (a
    /// space counts: it stops the search).
    strong_before: Option<char>,
    /// The first strong character after the current one, in the text.
    strong_after: Ahead,
    /// The first visible character after the current run of invisibles, in the region.
    next_visible: Ahead,
    /// The last word an invisible was found in.
    word: Option<WordAround>,
}

/// The first character at or after a byte that passes a test, and where it is (the text's end if
/// none): still the answer while later questions, which never go back, start at or before it.
#[derive(Default)]
struct Ahead(Option<(usize, Option<char>)>);

impl Ahead {
    fn find(&mut self, s: &str, at: usize, test: impl Fn(char) -> bool) -> Option<char> {
        match self.0 {
            // Everything from the last question up to its answer failed the test.
            Some((found, c)) if at <= found => c,
            _ => {
                let answer = s[at..]
                    .char_indices()
                    .find(|&(_, c)| test(c))
                    .map_or((s.len(), None), |(j, c)| (at + j, Some(c)));
                self.0 = Some(answer);
                answer.1
            }
        }
    }
}

/// A word of a region that holds invisible characters, with what is asked of it worked out once.
struct WordAround {
    /// Its bounds in the region.
    start: usize,
    end: usize,
    /// "inside the word «…»", quoting its letters.
    inside: String,
    /// Whether its letters look garbled (asked for a soft hyphen only).
    garbled: Option<bool>,
    letters: String,
}

impl<'t> Around<'t> {
    /// Before the region starting at byte `start` of `text`.
    fn new(text: &'t str, start: usize) -> Self {
        let strong_before = text[..start].chars().rev().find(|&c| is_strong(c));
        Around {
            text,
            strong_before,
            strong_after: Ahead::default(),
            next_visible: Ahead::default(),
            word: None,
        }
    }

    /// The region's reading has passed the visible character `c`.
    fn passed(&mut self, c: char) {
        if is_strong(c) {
            self.strong_before = Some(c);
        }
    }

    /// The first strong character at or after byte `at` of the text.
    fn strong_after(&mut self, at: usize) -> Option<char> {
        self.strong_after.find(self.text, at, is_strong)
    }

    /// The first visible character after the run of invisibles holding byte `i` of region `s`.
    fn next_visible(&mut self, s: &str, i: usize) -> Option<char> {
        self.next_visible.find(s, i, |c| !is_invisible(c))
    }

    /// The word of region `s` holding byte `i`.
    fn word(&mut self, s: &str, i: usize) -> &mut WordAround {
        let word = match self.word.take() {
            Some(w) if w.start <= i && i < w.end => w,
            _ => {
                let start = s[..i]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let end = s[i..].find(|c: char| c.is_whitespace()).map_or(s.len(), |p| i + p);
                let letters: String = s[start..end].chars().filter(|c| !is_invisible(*c)).collect();
                WordAround {
                    start,
                    end,
                    inside: format!("inside the word {}", quote(&letters)),
                    garbled: None,
                    letters,
                }
            }
        };
        self.word.insert(word)
    }
}

impl WordAround {
    /// Whether the word's letters look garbled ([`super::mojibake::looks_garbled`]).
    fn garbled(&mut self) -> bool {
        *self
            .garbled
            .get_or_insert_with(|| super::mojibake::looks_garbled(&self.letters))
    }
}

/// Neither invisible nor punctuation: what a direction mark takes its direction from (a space
/// counts, and stops the search for one).
fn is_strong(c: char) -> bool {
    !is_invisible(c) && !is_neutral_mark(c)
}

/// Where the article's prose ends: the end of its last paragraph of at least `MIN_PROSE_WORDS`
/// words that ends like a sentence. What comes after is where page chrome sits.
const MIN_PROSE_WORDS: usize = 12;
/// A paragraph this short, mostly made of a residue phrase, is chrome wherever it stands.
const SHORT_LINE_WORDS: usize = 5;
/// Chrome lines after the prose are short: a longer paragraph there is still the story.
const TAIL_LINE_WORDS: usize = 20;
/// A chrome line that opens with a phrase of several words (مقالات أخرى للكاتب, رابط الخبر) lists
/// titles after it, and may be longer.
const LINKS_LINE_WORDS: usize = 40;
/// Arabic words before a residue phrase on a chrome line that make them the story's, not the
/// page's: a time stamp (20:26 ت م) or a word such as للمزيد goes with the chrome.
const STORY_WORDS_BEFORE: usize = 3;

/// The end of the article's prose, if it has a paragraph that looks like prose at all (a body on
/// one unpunctuated line has none, and then nothing counts as "after the prose").
fn prose_end(doc: &Document<'_>) -> Option<u32> {
    doc.paragraphs
        .iter()
        .rev()
        .find(|p| {
            let words = word_count(doc.paragraph_tokens(p));
            let last = doc.slice(p.span).trim_end().chars().last();
            words >= MIN_PROSE_WORDS && last.is_some_and(|c| matches!(c, '.' | '"' | '»' | '”' | '!' | '؟' | '?' | ')'))
        })
        .map(|p| p.span.end)
}

impl Rule for WebResidue {
    fn meta(&self) -> &RuleMeta {
        &RESIDUE
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let tail_start = prose_end(doc);
        let mut reported_paragraphs: foldhash::HashSet<usize> =
            <foldhash::HashSet<usize> as foldhash::HashSetExt>::new();
        for pack in cx.packs.for_rule(&RESIDUE.id).filter(|p| p.kind == PackKind::Existence) {
            for m in cx.packs.find(doc, pack) {
                let Some(pi) = doc.paragraph_of_token(m.first_token) else {
                    continue;
                };
                if reported_paragraphs.contains(&pi) {
                    continue;
                }
                let para = &doc.paragraphs[pi];
                // The headline (the title, with nothing above it but a dateline) is the story's
                // own words (انتهى التنفيذ), whatever its length; a Markdown heading under the
                // story may be chrome.
                // (Asked only of the title: a long article has many matches.)
                let above_is_dateline = || {
                    doc.paragraphs[..pi].iter().all(|p| {
                        doc.meta
                            .dateline
                            .is_some_and(|d| p.span.start <= d.start && d.end <= p.span.end)
                    })
                };
                if doc.meta.title == Some(para.span) && above_is_dateline() {
                    continue;
                }
                let what = pack.entries[m.entry].message.as_deref().unwrap_or("page chrome");
                let matched = word_count(&doc.tokens[m.first_token..=m.last_token]);
                // Chrome on a line of its own in a Markdown paragraph, or after the last sentence of
                // the story's last paragraph, is reported alone, whatever the paragraph's length:
                // the sentences before it are the story.
                let wrapped = wrapped_chrome_line(doc, para, m.first_token, m.last_token);
                let run_in = || chrome_after_last_sentence(doc, pi, m.first_token, matched >= 2);
                if let Some((shown, delete)) = wrapped.or_else(run_in) {
                    if wrapped.is_none() {
                        reported_paragraphs.insert(pi);
                    }
                    out.push(
                        self.diag(shown, format!("{what} left in the article: {}", quote_span(doc, shown)))
                            .with_fix(Fix::unsafe_(delete, "")),
                    );
                    continue;
                }
                let words = word_count(doc.paragraph_tokens(para));
                // A short line after the story that ends like a sentence is still the story
                // (وفي 18 سبتمبر انتهى.): chrome has no full stop. One that opens with a phrase of
                // several words may end with ? or !, as its last linked title does (مقالات أخرى …؟).
                let ends_like_a_sentence = doc
                    .slice(para.span)
                    .trim_end()
                    .ends_with(|c: char| crate::text::chars::is_sentence_end(c));
                let opens_with_a_phrase =
                    matched >= 2 && word_count(&doc.tokens[para.tokens.start..m.first_token]) == 0;
                // Such a line that ends the article may be what ends its prose, too.
                let after_prose = tail_start.is_some_and(|end| para.span.start >= end);
                let last_paragraph = pi + 1 == doc.paragraphs.len();
                let in_tail = if opens_with_a_phrase {
                    words <= LINKS_LINE_WORDS
                        && (after_prose || last_paragraph)
                        && !ends_with_full_stop(doc.slice(para.span))
                } else {
                    words <= TAIL_LINE_WORDS && after_prose && !ends_like_a_sentence
                };
                let own_line = words <= SHORT_LINE_WORDS && matched * 2 >= words;
                if !(in_tail || own_line) {
                    continue;
                }
                reported_paragraphs.insert(pi);
                // Words of the story before the phrase on its line (the last verse of a poem the
                // tags were run into) stay: the chrome is from the phrase on.
                let story_before = doc.tokens[para.tokens.start..m.first_token]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Arabic)
                    .count()
                    >= STORY_WORDS_BEFORE;
                let (shown, delete) = if story_before {
                    let from = doc.tokens[m.first_token].span.start as usize;
                    let end = para.span.start as usize + doc.slice(para.span).trim_end().len();
                    let delete_from = doc.text()[..from].trim_end().len();
                    (Span::new(from, end), Span::new(delete_from, end))
                } else {
                    (para.span, para.span)
                };
                out.push(
                    self.diag(shown, format!("{what} left in the article: {}", quote_span(doc, shown)))
                        .with_fix(Fix::unsafe_(delete, "")),
                );
            }
        }
    }
}

/// Page chrome run into the article's last paragraph after its last full stop, where a crawl
/// or a paste lost the line break before it (… عدنان العرعور. سمات اعدام الجزيرة سوريا): the
/// phrase opens a sentence after one that ends like a sentence, and from there to the end the
/// paragraph is short and does not end like a sentence (unless the phrase has several words:
/// the last title of a related-links line may end with ? or !). Gives that stretch, and what to
/// delete: it with the space before it. `first` is the phrase's first token.
fn chrome_after_last_sentence(
    doc: &Document<'_>,
    pi: usize,
    first: usize,
    several_words: bool,
) -> Option<(Span, Span)> {
    let para = &doc.paragraphs[pi];
    if pi + 1 != doc.paragraphs.len() {
        return None;
    }
    let si = doc.sentence_of_token(first)?;
    if si == para.sentences.start {
        return None;
    }
    let from = doc.sentences[si].tokens.start;
    let opens = word_count(&doc.tokens[from..first]) == 0;
    let words = word_count(&doc.tokens[from..para.tokens.end]);
    let stretch = Span::new(doc.sentences[si].span.start as usize, para.span.end as usize);
    if !opens
        || words
            > if several_words {
                LINKS_LINE_WORDS
            } else {
                TAIL_LINE_WORDS
            }
        || (crate::document::ends_sentence(doc.slice(stretch))
            && (!several_words || ends_with_full_stop(doc.slice(stretch))))
        || !crate::document::ends_sentence(doc.slice(doc.sentences[si - 1].span))
    {
        return None;
    }
    let start = stretch.start as usize;
    let shown = Span::new(start, start + doc.slice(stretch).trim_end().len());
    let delete_from = doc.text()[..start].trim_end().len();
    Some((shown, Span::new(delete_from, shown.end as usize)))
}

/// How many of `tokens` are words (not punctuation).
fn word_count(tokens: &[Token]) -> usize {
    tokens.iter().filter(|t| t.is_word()).count()
}

/// Whether `s` ends with a full stop (or an ellipsis), before any closing quote or bracket: a
/// statement, where a title may end with ? or !.
fn ends_with_full_stop(s: &str) -> bool {
    matches!(crate::document::sentence_end(s), Some('.' | '…' | '۔'))
}

/// In Markdown a paragraph's lines are wrapped text, so page chrome pasted right under the
/// story's last sentence, with no blank line, joins that paragraph. Such a line is still chrome
/// when the line before it ends like a sentence and the residue phrase is most of it (as a short
/// line of plain text is). Gives the line's text, and what to delete: the line with the line
/// break before it.
fn wrapped_chrome_line(
    doc: &Document<'_>,
    para: &crate::document::Paragraph,
    first: usize,
    last: usize,
) -> Option<(Span, Span)> {
    if !crate::document::is_markdown(&doc.source.path) {
        return None;
    }
    let (lines, text) = (&doc.source.lines, doc.text());
    let line = lines.line_of(doc.tokens[first].span.start as usize);
    if lines.line_of(doc.tokens[last].span.end as usize) != line {
        return None;
    }
    // The line's tokens, found by where they start (a paragraph can be long, and have many).
    let line_start = lines.line_start(line);
    let line_end = lines.line_span(text, line).end;
    let toks = doc.paragraph_tokens(para);
    let from = toks.partition_point(|t| (t.span.start as usize) < line_start);
    let to = toks.partition_point(|t| t.span.start < line_end);
    let (line_first, line_last) = (para.tokens.start + from, (para.tokens.start + to).checked_sub(1)?);
    let words = word_count(&doc.tokens[line_first..=line_last]);
    let matched = word_count(&doc.tokens[first..=last]);
    // The paragraph must have begun on an earlier line (a table row's cells share one line).
    if line_start <= para.span.start as usize
        || line_first == para.tokens.start
        || words > SHORT_LINE_WORDS
        || matched * 2 < words
    {
        return None;
    }
    let before = text[para.span.start as usize..line_start].trim_end();
    // Back to the line that ends the story's last sentence, over short lines only (more chrome).
    let mut after_a_sentence = false;
    for earlier in before.rsplit('\n') {
        if crate::document::ends_sentence(earlier) {
            after_a_sentence = true;
            break;
        }
        if earlier.split_whitespace().count() > SHORT_LINE_WORDS {
            break;
        }
    }
    if !after_a_sentence {
        return None;
    }
    let shown = doc.tokens[line_first].span.cover(doc.tokens[line_last].span);
    let delete = Span::new(para.span.start as usize + before.len(), line_end as usize);
    Some((shown, delete))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_chrome_wrapped_into_the_last_paragraph_is_found_on_its_line() {
        use crate::rules::testing::run_markdown;
        let story = "وقال الوزير إن الحكومة ستواصل الدعم خلال العام المقبل، وإن الميزانية ستعرض على البرلمان قريباً.";
        let text = format!("{story}\nاقرأ أيضا\nأضف تعليقك\n");
        let (out, src) = run_markdown(&WebResidue, &text);
        let found: Vec<&str> = out.iter().map(|d| src.slice(d.span)).collect();
        assert_eq!(found, ["اقرأ أيضا", "أضف تعليقك"]);
        assert_eq!(crate::rules::testing::with_fixes(&src, &out), format!("{story}\n"));
        // A wrapped sentence that goes on is not chrome, nor is a line after one that does not
        // end a sentence.
        let wrapped = format!("{story}\nاقرأ أيضا ما كتبه الوزير في مقاله الطويل عن الميزانية.\n");
        assert!(run_markdown(&WebResidue, &wrapped).0.is_empty());
        let mid = "وقال الوزير إن الحكومة ستواصل\nأضف تعليقك على الخبر\n";
        assert!(run_markdown(&WebResidue, mid).0.is_empty());
    }

    #[test]
    fn a_zwj_in_emoji_and_a_markdown_escape_are_kept() {
        use crate::rules::testing::{flagged, flagged_markdown};
        assert!(flagged(&InvisibleChar, "عائلة 👨\u{200d}👩\u{200d}👧 سعيدة.").is_empty());
        let in_markdown = |text: &str| flagged_markdown(&InvisibleChar, text);
        for text in [
            "\u{200b}# ليس عنوانا\n",
            "نص\n\u{200b}- ليس بندا\n",
            "[الوزير]\u{200b}(http://x.com) قال.\n",
            "**أ**\u{200b}**ب** هنا.\n",
        ] {
            assert!(in_markdown(text).is_empty(), "{text:?}: {:?}", in_markdown(text));
        }
        // Between words, or inside one, it is still reported.
        assert_eq!(in_markdown("كلمة \u{200b} كلمة.\n"), ["\u{200b}"]);
        assert_eq!(in_markdown("قال الو\u{200b}زير.\n"), ["\u{200b}"]);
        assert_eq!(flagged(&InvisibleChar, "كلمة \u{200d} كلمة."), ["\u{200d}"]);
    }

    #[test]
    fn a_short_sentence_after_the_story_is_not_a_trailer() {
        use crate::rules::testing::flagged;
        let story = "قال الوزير إن الحكومة مستعدة للتعاون مع جميع الأطراف في المرحلة المقبلة وأكد أهمية الحوار.\n\n";
        assert!(flagged(&WebResidue, &format!("{story}وفي 18 سبتمبر انتهى.\n")).is_empty());
        assert_eq!(flagged(&WebResidue, &format!("{story}// انتهى //\n")), ["// انتهى //"]);
        assert_eq!(flagged(&WebResidue, &format!("{story}// يتبع // 11:02 ت م\n")).len(), 1);
    }

    /// A related-links box of 27 words (Al-Jazirah's, titles glued as the crawl left them).
    const LINKS: &str = "مقالات أخرى للكاتبماذا يعني انتصار عدن في الحرب؟كشف الأكاذيب في خطب الحزب وأنصاره!مجزرة الفلوجة القادمة على الأبواب!من وراء تفجيرات سيناء الأخيرة في مصر؟المفتي وحملة السكينة.. التجارب والصعاب!";

    #[test]
    fn chrome_run_into_the_last_paragraph_after_its_full_stop_is_found_alone() {
        use crate::rules::testing::{flagged, run, with_fixes};
        let first = "قال الوزير إن الحكومة مستعدة للتعاون مع جميع الأطراف في المرحلة المقبلة وأكد أهمية الحوار.\n\n";
        let last = "وأكد أن رجال الجمارك لديهم الوسائل الكفيلة بالتصدي لكل محاولات التهريب.";
        // The tags of the page, on the story's last line: only they go, the sentence stays.
        for tail in [
            " سمات جدة الجمارك تهريب",
            " رابط الخبر بصحيفة الوئام: بالصور.. حملة الجمارك",
            " // انتهى //",
        ] {
            let text = format!("{first}{last}{tail}\n");
            let (out, src) = run(&WebResidue, &text);
            assert_eq!(out.len(), 1, "{tail}: {out:?}");
            assert_eq!(src.slice(out[0].span), tail.trim_start(), "{tail}");
            assert_eq!(with_fixes(&src, &out), format!("{first}{last}\n"), "{tail}");
        }
        // A phrase of several words opening the chrome lets its last linked title end like a
        // sentence, run in or on the article's last line; a one-word phrase does not (انتهى
        // opens sentences of the story too).
        for (text, found) in [
            (
                format!("{first}{last} رابط الخبر بصحيفة الوئام: ليتني زرتها قبل الموت!\n"),
                "رابط الخبر بصحيفة الوئام: ليتني زرتها قبل الموت!",
            ),
            (
                format!("{first}{last}\n\nمقالات أخرى للكاتبالوعي بين الإعلام واللغة؟\n"),
                "مقالات أخرى للكاتبالوعي بين الإعلام واللغة؟",
            ),
            // The author's other titles, glued together: longer than a chrome line of one word.
            (format!("{first}{last} {LINKS}\n"), LINKS),
        ] {
            assert_eq!(flagged(&WebResidue, &text), [found], "{text}");
        }
        for text in [
            format!("{first}{last} انتهى الاجتماع بالاتفاق على الخطة.\n"),
            format!("{first}{last}\n\nانتهى الاجتماع بالاتفاق على الخطة.\n"),
        ] {
            assert!(flagged(&WebResidue, &text).is_empty(), "{text}");
        }
        // On a line of its own under the story, the chrome is the whole line unless words of the
        // story come before the phrase (a poem's last verse).
        let verse = "بأجنحة من الموت الزؤام";
        let text = format!("{first}{last}\n\n{verse} سمات الحوثي القرني\n");
        let (out, src) = run(&WebResidue, &text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(src.slice(out[0].span), "سمات الحوثي القرني");
        assert_eq!(with_fixes(&src, &out), format!("{first}{last}\n\n{verse}\n"));
        assert_eq!(
            flagged(&WebResidue, &format!("{first}{last}\n\nللمزيد اقرأ أيضا\n")),
            ["للمزيد اقرأ أيضا"]
        );
        // With CRLF line ends, a BOM and tashkeel on the tags, the span is still the tags alone
        // and the line end stays.
        let text = format!("\u{feff}{}{last} سِمَات جدة الجمارك\r\n", first.replace('\n', "\r\n"));
        let (out, src) = run(&WebResidue, &text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(src.slice(out[0].span), "سِمَات جدة الجمارك");
        assert_eq!(
            with_fixes(&src, &out),
            format!("\u{feff}{}{last}\r\n", first.replace('\n', "\r\n"))
        );
        // The same words as the story's own: a sentence that ends like one, one that is not its
        // paragraph's last stretch, one in a paragraph that is not the last, or one that is too long
        // to be chrome.
        for text in [
            format!("{first}{last} سمات المرحلة المقبلة واضحة للجميع.\n"),
            format!("{first}{last} سمات المرحلة واضحة. وقال إن العمل مستمر في المنافذ كافة.\n"),
            format!("{last} سمات جدة الجمارك تهريب\n\n{first}"),
            format!(
                "{first}{last} سمات المرحلة المقبلة تتضح في تسريع الإجراءات وتطوير المنافذ الجمركية وتدريب الموظفين وتحديث الأجهزة في كل المطارات والموانئ والمنافذ البرية في جميع مناطق المملكة\n"
            ),
        ] {
            assert!(flagged(&WebResidue, &text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_headline_is_not_page_chrome() {
        use crate::rules::testing::flagged;
        let body = "قال الوزير إن الحكومة مستعدة للتعاون مع جميع الأطراف في المرحلة المقبلة وأكد أهمية الحوار.\n";
        assert!(flagged(&WebResidue, &format!("انتهى التنفيذ\n\n{body}")).is_empty());
        // The same line under the story is a trailer.
        assert_eq!(flagged(&WebResidue, &format!("العنوان\n\n{body}\nانتهى\n")), ["انتهى"]);
    }

    /// The 1-based lines trailing-whitespace reports in a Markdown text.
    fn trailing_whitespace_lines(text: &str) -> Vec<usize> {
        let (out, src) = crate::rules::testing::run_markdown(&TrailingWhitespace, text);
        out.iter()
            .map(|d| src.lines.line_col(&src.text, d.span.start as usize).line)
            .collect()
    }

    #[test]
    fn a_markdown_hard_break_stays_and_what_comes_before_it_goes() {
        use crate::rules::testing::run_markdown;
        let (out, src) = run_markdown(&TrailingWhitespace, "السطر الأول\u{a0}  \nالسطر الثاني.\n");
        let spans: Vec<&str> = out.iter().map(|d| src.slice(d.span)).collect();
        assert_eq!(spans, ["\u{a0}"]);
        assert!(trailing_whitespace_lines("السطر الأول  \nالسطر الثاني.\n").is_empty());
    }

    #[test]
    fn five_lines_of_trailing_whitespace_are_one_finding_with_one_fix() {
        use crate::rules::testing::{run, with_fixes};
        let text = "أ \nب \nج\u{a0}\nد \n\u{a0}\nه.\n";
        let (out, src) = run(&TrailingWhitespace, text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].message.starts_with("5 lines end in whitespace"),
            "{}",
            out[0].message
        );
        assert_eq!(out[0].related.len(), 4);
        // Every occurrence is kept (a baseline records each), the first being the finding's span.
        let places: Vec<&str> = out[0].places().iter().map(|s| src.slice(*s)).collect();
        assert_eq!(places, [" ", " ", "\u{a0}", " ", "\u{a0}"]);
        assert_eq!(out[0].places()[0], out[0].span);
        assert_eq!(with_fixes(&src, &out), "أ\nب\nج\nد\n\nه.\n");
        // Four stay four.
        let (out, _) = run(&TrailingWhitespace, "أ \nب \nج \nد \nه.\n");
        assert_eq!(out.len(), 4, "{out:?}");
    }

    #[test]
    fn markdown_front_matter_lines_are_not_looked_at() {
        let text = "---\ntitle: عنوان الخبر \n---\n\nنص الخبر \n";
        assert_eq!(trailing_whitespace_lines(text), [5]);
    }

    #[test]
    fn markdown_blank_lines_of_whitespace_are_reported_outside_code_blocks() {
        let text = "فقرة أولى.\n   \nفقرة ثانية.\n\n```\nكود \n  \n```\n\n<pre>\n \n</pre>\n\n[م]: http://x.com \n";
        // The blank line between paragraphs and the link definition's space; not the code
        // block's lines nor the HTML block's (a `<pre>` runs on past a blank line).
        assert_eq!(trailing_whitespace_lines(text), [2, 14]);
    }

    #[test]
    fn a_direction_mark_past_punctuation_after_latin_or_digits_is_kept() {
        use crate::rules::testing::{flagged, run_markdown};
        for text in [
            "وقالت شبكة (CNN)\u{200f} إن الحكومة مستعدة.",
            "وقالت 25%\u{200f} من العينة.",
            "وقالت شبكة «CNN»\u{200f}، إن الحكومة مستعدة.",
            "قال \u{200f}(BBC) إن الحكومة مستعدة.",
        ] {
            assert!(flagged(&InvisibleChar, text).is_empty(), "{text}");
        }
        // Markdown's markup is punctuation too.
        let (out, _) = run_markdown(&InvisibleChar, "وقالت شبكة **CNN**\u{200f} إن الحكومة مستعدة.\n");
        assert!(out.is_empty(), "{out:?}");
        // Between Arabic words, past punctuation or not, it has nothing to do.
        assert_eq!(flagged(&InvisibleChar, "كلمة \u{200f} كلمة."), ["\u{200f}"]);
        assert_eq!(flagged(&InvisibleChar, "قال (الوزير)\u{200f} إن"), ["\u{200f}"]);
    }

    #[test]
    fn invisibles_side_by_side_are_one_finding_at_the_gravest_severity() {
        use crate::rules::testing::run;
        // An RLM pasted before an RLE: two reasons, one thing to delete.
        let (out, src) = run(&InvisibleChar, "قال الوزير \u{200f}\u{202b}إن الحكومة مستعدة.");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(src.slice(out[0].span), "\u{200f}\u{202b}");
        assert!(
            out[0]
                .message
                .starts_with("2 invisible characters side by side, RLM (U+200F) RLE (U+202B):")
        );
        assert!(out[0].message.contains("nothing") && out[0].message.contains("reorders"));
        assert_eq!(out[0].fix.as_ref().map(|f| f.span), Some(out[0].span));
        // Inside a word the run is an error, whatever else it is.
        let (out, _) = run(&InvisibleChar, "قال الو\u{202d}\u{202c}زير.");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].severity, Severity::Error);
        // Apart, they stay apart.
        let (out, _) = run(&InvisibleChar, "كلمة \u{200f} كلمة \u{200f} كلمة.");
        assert_eq!(out.len(), 2, "{out:?}");
        // A long run is named by its first eight characters.
        let (out, src) = run(&InvisibleChar, &format!("قال {} إن", "\u{202b}\u{200f}".repeat(10)));
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(src.slice(out[0].span).chars().count(), 20);
        assert!(
            out[0]
                .message
                .starts_with("20 invisible characters side by side, RLE (U+202B) RLM")
        );
        assert_eq!(out[0].message.matches("(U+").count(), 8, "{}", out[0].message);
        assert!(out[0].message.contains(" …:"), "{}", out[0].message);
    }

    #[test]
    fn each_invisible_of_a_long_word_is_judged_by_that_word() {
        use crate::rules::testing::run;
        // Words with several joiners each, one after another: each finding quotes its own word.
        let (out, _) = run(&InvisibleChar, "كت\u{200c}ا\u{200c}ب قل\u{200c}م\u{200d}ي.");
        let words: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(out.len(), 4, "{words:?}");
        assert!(words[..2].iter().all(|m| m.contains("«كتاب»")), "{words:?}");
        assert!(words[2..].iter().all(|m| m.contains("«قلمي.»")), "{words:?}");
        // A direction mark between Latin words is kept past any length of punctuation.
        let (out, _) = run(
            &InvisibleChar,
            &format!("CNN{}\u{200f}{}BBC", "-".repeat(50), "-".repeat(50)),
        );
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn last_words_after_a_wide_space() {
        assert_eq!(last_words("أ\u{a0}ب ج د"), "ب ج د");
        assert_eq!(
            last_words("واحد\u{a0}اثنان\u{a0}ثلاثة\u{a0}أربعة"),
            "اثنان\u{a0}ثلاثة\u{a0}أربعة"
        );
    }
}
