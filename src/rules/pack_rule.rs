//! How each pack kind turns matches into findings, shared by the built-in rules that read packs
//! and by house rules (a pack whose `rule` is a new id).

use super::packs::{EntryBody, FixKind, Pack, PackKind, PhraseMatch};
use super::{Context, Rule, RuleMeta, quote, quote_span, variants};
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use crate::source::Span;
use crate::text::chars::{TATWEEL, is_arabic_mark, is_invisible};

/// A rule defined by a house pack alone.
pub struct PackRule {
    pub meta: RuleMeta,
}

impl Rule for PackRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for pack in cx.packs.for_rule(&self.meta.id) {
            check_pack(&self.meta, cx, pack, out);
        }
    }
}

/// The findings of one pack of the context in its document, whatever its kind.
pub fn check_pack(meta: &RuleMeta, cx: &Context<'_>, pack: &Pack, out: &mut Vec<Diagnostic>) {
    let matches = match pack.kind {
        PackKind::Pattern => Vec::new(),
        _ => cx.packs.find(cx.doc, pack),
    };
    check_pack_matches(meta, cx.doc, pack, &matches, out);
}

/// As [`check_pack`], given the pack's matches in the document (`pack.find(doc)`; unused for
/// pattern packs), for a rule that needs them for more than findings.
pub fn check_pack_matches(
    meta: &RuleMeta,
    doc: &Document<'_>,
    pack: &Pack,
    matches: &[PhraseMatch],
    out: &mut Vec<Diagnostic>,
) {
    match pack.kind {
        PackKind::Variants => variants::pack_match_findings(meta, doc, pack, matches, out),
        PackKind::Substitution => substitution_match_findings(meta, doc, pack, matches, out),
        PackKind::Existence => {
            for m in matches {
                let entry = &pack.entries[m.entry];
                let why = entry.message.as_deref().unwrap_or("phrase not to be used");
                out.push(Diagnostic::new(
                    &meta.id,
                    meta.severity,
                    m.span,
                    format!("{} ({why})", quote_span(doc, m.span)),
                ));
            }
        }
        PackKind::Pattern => pattern_findings(meta, doc, pack, out),
    }
}

/// The tokens of the context's document that a substitution pack in force rewrites, true by
/// token index: common-misspelling's wrong forms, and the spellings a profile or the house's
/// `[preferred]` table replaces. The variant rules leave them out. Counted, a misspelling
/// written three times against one right form would be the majority, the rule would tell the
/// writer to spell the right one like it, and `--fix` would go from one to the other and back.
/// Empty when no token is rewritten (most articles).
pub fn rewritten_tokens(cx: &Context<'_>) -> Vec<bool> {
    let doc = cx.doc;
    let mut out = Vec::new();
    let in_force = cx.packs.packs.iter().filter(|p| p.kind == PackKind::Substitution);
    let mut mark = |pack: &Pack, matches: &[PhraseMatch]| {
        // A wrong form the same as its right one (a table that maps a word to itself) rewrites
        // nothing; telling the rest apart as `rewrite` does would build each replacement.
        let rewrites = |m: &&PhraseMatch| match pack.entries.get(m.entry).map(|e| &e.body) {
            Some(EntryBody::Substitution { right, wrong, .. }) => wrong.get(m.form).is_some_and(|w| w != right),
            _ => false,
        };
        for m in matches.iter().filter(rewrites) {
            out.resize(doc.tokens.len(), false);
            if let Some(tokens) = out.get_mut(m.first_token..=m.last_token) {
                tokens.fill(true);
            }
        }
    };
    for pack in in_force {
        mark(pack, &cx.packs.find(doc, pack));
    }
    if let Some(pack) = cx.preferred {
        mark(pack, &pack.find(doc));
    }
    out
}

/// A pack's matches in the context's document, but those that cover a token of `rewritten`
/// ([`rewritten_tokens`]): what the variant rules group.
pub fn matches_not_rewritten(cx: &Context<'_>, pack: &Pack, rewritten: &[bool]) -> Vec<PhraseMatch> {
    let mut matches = cx.packs.find(cx.doc, pack);
    matches.retain(|m| {
        !rewritten
            .get(m.first_token..=m.last_token)
            .is_some_and(|r| r.contains(&true))
    });
    matches
}

/// The findings of a substitution pack in the context's document, each with the index of its
/// entry in the pack (a rule that groups them by entry).
pub fn substitution_findings_by_entry(meta: &RuleMeta, cx: &Context<'_>, pack: &Pack) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    substitution_each(meta, cx.doc, pack, &cx.packs.find(cx.doc, pack), |entry, d| {
        out.push((entry, d))
    });
    out
}

/// The findings of a substitution pack, given its matches in the document.
pub fn substitution_match_findings(
    meta: &RuleMeta,
    doc: &Document<'_>,
    pack: &Pack,
    matches: &[PhraseMatch],
    out: &mut Vec<Diagnostic>,
) {
    substitution_each(meta, doc, pack, matches, |_, d| out.push(d));
}

/// The finding of each match of a substitution pack, given to `found` with its entry's index.
fn substitution_each(
    meta: &RuleMeta,
    doc: &Document<'_>,
    pack: &Pack,
    matches: &[PhraseMatch],
    mut found: impl FnMut(usize, Diagnostic),
) {
    for m in matches {
        let entry = &pack.entries[m.entry];
        let EntryBody::Substitution { fix, .. } = &entry.body else {
            continue;
        };
        let Some(replacement) = rewrite(doc, pack, m) else {
            continue;
        };
        // The finding covers the whole word, clitics included (what an editor selects); the
        // fix rewrites the word and keeps its clitics as written.
        let word = Span::new(doc.tokens[m.first_token].span.start as usize, m.span.end as usize);
        let clitics = &doc.text()[word.start as usize..m.span.start as usize];
        let word_fixed = format!("{clitics}{replacement}");
        let why = entry.message.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
        let mut d = Diagnostic::new(
            &meta.id,
            meta.severity,
            word,
            format!(
                "{} should be written {}{why}",
                quote_span(doc, word),
                quote(&word_fixed)
            ),
        );
        match fix {
            FixKind::Safe => d = d.with_fix(Fix::safe(word, word_fixed)),
            FixKind::Unsafe => d = d.with_fix(Fix::unsafe_(word, word_fixed)),
            FixKind::None => {}
        }
        found(m.entry, d);
    }
}

/// What a substitution pack's match is rewritten to: its right form, in the letters and marks
/// the text wrote it with (None when that is what the text says already).
fn rewrite(doc: &Document<'_>, pack: &Pack, m: &PhraseMatch) -> Option<String> {
    let EntryBody::Substitution { right, wrong, .. } = &pack.entries.get(m.entry)?.body else {
        return None;
    };
    let matched = doc.slice(m.span);
    let replacement = transfer_stem(matched, wrong.get(m.form)?, right);
    (replacement != matched).then_some(replacement)
}

fn pattern_findings(meta: &RuleMeta, doc: &Document<'_>, pack: &Pack, out: &mut Vec<Diagnostic>) {
    for para in &doc.paragraphs {
        let text = doc.slice(para.span);
        for entry in &pack.entries {
            let EntryBody::Pattern { regex, replacement } = &entry.body else {
                continue;
            };
            for caps in regex.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                if m.is_empty() {
                    continue;
                }
                let span = Span::new(para.span.start as usize + m.start(), para.span.start as usize + m.end());
                // A Markdown paragraph's span covers its markup (link targets, `**`): match prose.
                if !doc.in_prose(span.start as usize) || !doc.in_prose(span.end as usize - 1) {
                    continue;
                }
                let why = entry.message.as_deref().unwrap_or("pattern");
                let mut d = Diagnostic::new(&meta.id, meta.severity, span, format!("{} ({why})", quote(m.as_str())));
                if let Some(rep) = replacement {
                    let mut expanded = String::new();
                    caps.expand(rep, &mut expanded);
                    d = d.with_fix(Fix::unsafe_(span, expanded));
                }
                out.push(d);
            }
        }
    }
}

/// Builds the replacement for `text`, which matched `wrong`: where both spellings have the same
/// number of letters, the letters of `right` are written over those of `text` and its marks
/// stay where they were (ايضاً → أيضاً, ايضا → أيضا); otherwise `right` as given.
pub fn transfer_letters(text: &str, wrong: &str, right: &str) -> String {
    let is_letter = |c: &char| !is_arabic_mark(*c) && *c != TATWEEL && !c.is_whitespace() && !is_invisible(*c);
    let right_letters: Vec<char> = right.chars().filter(is_letter).collect();
    let text_letters = text.chars().filter(is_letter).count();
    let wrong_letters = wrong.chars().filter(is_letter).count();
    if text_letters != right_letters.len() || wrong_letters != right_letters.len() || text.contains(char::is_whitespace)
    {
        return right.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut next = right_letters.into_iter();
    for c in text.chars() {
        if is_letter(&c) {
            out.push(next.next().unwrap_or(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// As [`transfer_letters`], for a text that may run on past the matched form (a `prefix` or
/// `inflected` match: الأمريكية matched by أمريكي): the letters of the form are rewritten and the
/// ending is kept as written.
pub fn transfer_stem(text: &str, wrong: &str, right: &str) -> String {
    let is_letter = |c: char| !is_arabic_mark(c) && c != TATWEEL && !c.is_whitespace() && !is_invisible(c);
    let n = wrong.chars().filter(|&c| is_letter(c)).count();
    if n == 0 || text.contains(char::is_whitespace) || wrong.contains(char::is_whitespace) {
        return transfer_letters(text, wrong, right);
    }
    let mut seen = 0;
    let mut cut = text.len();
    for (i, c) in text.char_indices() {
        if is_letter(c) {
            if seen == n {
                cut = i;
                break;
            }
            seen += 1;
        }
    }
    let (head, tail) = text.split_at(cut);
    format!("{}{tail}", transfer_letters(head, wrong, right))
}

/// Documentation for a house rule, with the fixed headings, built from its pack.
pub fn house_doc(pack: &Pack) -> String {
    let first = pack.entries.first().and_then(|e| e.examples.first());
    let (wrong, right) = first.map_or(("", ""), |e| (e.wrong.as_str(), e.right.as_str()));
    format!(
        "## What it does\n{}\n\n## Why it matters\nIt is the house's own rule, from `{}`.\n\n## Example\n```text\n{wrong}\n```\n\n## Use instead\n```text\n{right}\n```\n\n## Options\nNone.\n",
        pack.description
            .as_deref()
            .unwrap_or("A house rule defined by a rule pack."),
        pack.path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_move_marks_stay() {
        assert_eq!(transfer_letters("ايضاً", "ايضا", "أيضا"), "أيضاً");
        assert_eq!(transfer_letters("ايضا", "ايضا", "أيضا"), "أيضا");
        assert_eq!(
            transfer_letters("إنشاء الله", "إنشاء الله", "إن شاء الله"),
            "إن شاء الله"
        );
    }

    #[test]
    fn stem_transfer_keeps_the_ending() {
        assert_eq!(transfer_stem("أمريكيّة", "أمريكي", "أميركي"), "أميركيّة");
        assert_eq!(transfer_stem("أمريكيين", "أمريك", "أميرك"), "أميركيين");
        assert_eq!(transfer_stem("الثلثاء", "الثلثاء", "الثلاثاء"), "الثلاثاء");
        assert_eq!(transfer_stem("جوجل", "جوجل", "غوغل"), "غوغل");
    }
}

/// Whether entry `entry` of `pack` fires on a document: the test of a pack's examples (the wrong
/// sentence must make it fire, the right one must not).
pub fn entry_fires(pack: &Pack, entry: usize, doc: &Document<'_>) -> bool {
    match &pack.entries[entry].body {
        EntryBody::Variants { .. } => {
            let mut forms: Vec<usize> = pack
                .find(doc)
                .into_iter()
                .filter(|m| m.entry == entry)
                .map(|m| m.form)
                .collect();
            forms.sort_unstable();
            forms.dedup();
            forms.len() > 1
        }
        EntryBody::Substitution { wrong, right, .. } => pack
            .find(doc)
            .into_iter()
            .filter(|m| m.entry == entry)
            .any(|m| transfer_stem(doc.slice(m.span), &wrong[m.form], right) != doc.slice(m.span)),
        EntryBody::Existence { .. } => pack.find(doc).iter().any(|m| m.entry == entry),
        EntryBody::Pattern { regex, .. } => doc.paragraphs.iter().any(|p| regex.is_match(doc.slice(p.span))),
    }
}

/// One failed example of a pack entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub path: std::path::PathBuf,
    pub line: usize,
    pub which: &'static str,
    pub text: String,
}

/// Runs every example of a pack. Where the pack feeds a built-in rule that filters its matches
/// (web-residue only reports chrome where chrome sits), the rule must fire too, on a span that
/// overlaps one of the entry's matches. Returns (examples run, failures).
pub fn run_examples(pack: &Pack, registry: &super::Registry) -> (usize, Vec<ExampleFailure>) {
    let mut run = 0;
    let mut failures = Vec::new();
    let rule = registry.get(&pack.rule).filter(|r| r.meta().family != "house");
    let only_this = super::packs::CompiledPacks::of(vec![std::sync::Arc::new(
        Pack::parse(&pack.path, &pack.source).expect("parsed once already"),
    )]);
    let options = crate::config::RuleOptions::default();
    for (ei, entry) in pack.entries.iter().enumerate() {
        for ex in &entry.examples {
            for (which, text, should_fire) in [("wrong", &ex.wrong, true), ("right", &ex.right, false)] {
                run += 1;
                let src = crate::source::SourceFile::new("example", text.clone());
                let doc = Document::plain(&src);
                let mut fires = entry_fires(pack, ei, &doc);
                if let (true, Some(rule)) = (fires, rule) {
                    let matches: Vec<Span> = pack
                        .find(&doc)
                        .into_iter()
                        .filter(|m| m.entry == ei)
                        .map(|m| Span::new(doc.tokens[m.first_token].span.start as usize, m.span.end as usize))
                        .collect();
                    let cx = Context {
                        doc: &doc,
                        options: &options,
                        packs: &only_this,
                        preferred: None,
                    };
                    let mut out = Vec::new();
                    rule.check(&cx, &mut out);
                    fires = out.iter().any(|d| {
                        d.rule == pack.rule && matches.iter().any(|m| m.start < d.span.end && d.span.start < m.end)
                    });
                }
                if fires != should_fire {
                    failures.push(ExampleFailure {
                        path: pack.path.clone(),
                        line: entry.line,
                        which,
                        text: text.clone(),
                    });
                }
            }
        }
    }
    (run, failures)
}
