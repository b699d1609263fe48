//! The one table of rule ids. Built-in rules are listed here, sorted by id; a house pack whose
//! `rule` names an id not built in becomes a rule of family `house`.

use super::packs::{Pack, PackKind};
use super::{
    Rule, RuleMeta, dates, digits, glued_words, hygiene, mojibake, months, orthography, pack_rule, preferred,
    presentation, punctuation, quote_style, quotes, spacing, suppression, tatweel, transliteration, variants,
};
use crate::config::ConfigError;
use crate::diagnostic::Severity;
use std::borrow::Cow;
use std::sync::Arc;

/// Every built-in rule, sorted by id. A test checks the order, the ids and the documentation.
pub fn builtin_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(orthography::CommonMisspelling),
        Box::new(digits::DigitStyle),
        Box::new(super::attribution::DoubledVerb),
        Box::new(super::repetition::DoubledWord),
        Box::new(super::repetition::DuplicateParagraph),
        Box::new(orthography::ForeignLetter),
        Box::new(glued_words::GluedWords),
        Box::new(dates::HijriDate),
        Box::new(dates::InvalidDate),
        Box::new(hygiene::InvisibleChar),
        Box::new(punctuation::LatinPunctuation),
        Box::new(mojibake::Mojibake),
        Box::new(months::MonthPairOrder),
        Box::new(months::MonthSystem),
        Box::new(quotes::NestedQuote),
        Box::new(preferred::PreferredSpelling),
        Box::new(presentation::PresentationForm),
        Box::new(punctuation::PunctuationSpacing),
        Box::new(super::attribution::QalaInna),
        Box::new(quote_style::QuoteStyle),
        Box::new(super::attribution::RedundantBa),
        Box::new(dates::RelativeDate),
        Box::new(super::repeated_punctuation::RepeatedPunctuation),
        Box::new(super::repetition::RepeatedSentence),
        Box::new(spacing::RepeatedSpace),
        Box::new(quotes::ReversedQuote),
        Box::new(variants::SpellingVariant),
        Box::new(tatweel::Tatweel),
        Box::new(hygiene::TrailingWhitespace),
        Box::new(transliteration::TransliterationVariant),
        Box::new(quotes::UnbalancedQuote),
        Box::new(suppression::UnusedSuppression),
        Box::new(hygiene::WebResidue),
        Box::new(dates::WeekdayDate),
    ]
}

/// Which pack kind a built-in rule reads, for rules that read packs.
pub fn builtin_pack_kind(id: &str) -> Option<PackKind> {
    match id {
        "spelling-variant" => Some(PackKind::Variants),
        "common-misspelling" => Some(PackKind::Substitution),
        "web-residue" => Some(PackKind::Existence),
        "transliteration-variant" => Some(PackKind::Variants),
        "preferred-spelling" => Some(PackKind::Substitution),
        _ => None,
    }
}

pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.rules.iter().map(|r| r.id())).finish()
    }
}

impl Registry {
    pub fn builtin() -> Self {
        Registry { rules: builtin_rules() }
    }

    /// The built-in rules plus one rule per new id that the given house packs define.
    pub fn with_packs<'a>(packs: impl IntoIterator<Item = &'a Arc<Pack>>) -> Result<Self, ConfigError> {
        let mut reg = Self::builtin();
        for pack in packs {
            if let Some(existing) = reg.get(&pack.rule) {
                let expected = builtin_pack_kind(&pack.rule);
                let is_house = existing.meta().family == "house";
                if !is_house && expected != Some(pack.kind) {
                    return Err(ConfigError {
                        path: pack.path.clone(),
                        line: Some(1),
                        key: Some("rule".into()),
                        message: match expected {
                            Some(k) => {
                                format!("rule `{}` reads {:?} packs, not {:?}", pack.rule, k, pack.kind).to_lowercase()
                            }
                            None => format!(
                                "built-in rule `{}` does not read rule packs; choose a new id",
                                pack.rule
                            ),
                        },
                    });
                }
                continue;
            }
            // A name in `--select` or a suppression comment is a rule or a family, never both.
            if pack.rule == "house" || reg.families().any(|f| f == pack.rule) {
                return Err(ConfigError {
                    path: pack.path.clone(),
                    line: Some(1),
                    key: Some("rule".into()),
                    message: format!("`{}` is the name of a rule family; choose a new id", pack.rule),
                });
            }
            let meta = RuleMeta {
                id: Cow::Owned(pack.rule.clone()),
                family: Cow::Borrowed("house"),
                severity: Severity::Warning,
                summary: Cow::Owned(
                    pack.description
                        .clone()
                        .unwrap_or_else(|| format!("House rule from {}", pack.path.display())),
                ),
                doc: Cow::Owned(pack_rule::house_doc(pack)),
                options: &[],
            };
            reg.rules.push(Box::new(pack_rule::PackRule { meta }));
        }
        reg.rules.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(reg)
    }

    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.rules.iter().find(|r| r.id() == id).map(|r| r.as_ref())
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id() == id)
    }

    pub fn families(&self) -> impl Iterator<Item = &str> {
        let mut fams: Vec<&str> = self.rules.iter().map(|r| r.meta().family.as_ref()).collect();
        fams.sort_unstable();
        fams.dedup();
        fams.into_iter()
    }

    /// Rules that run unless selected explicitly. All of them, today.
    pub fn default_enabled(&self, _id: &str) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::DOC_HEADINGS;

    const CONTRACT_FAMILIES: &[&str] = &[
        "repetition",
        "attribution",
        "consistency",
        "house-style",
        "orthography",
        "punctuation",
        "hygiene",
        "dates",
    ];

    #[test]
    fn ids_are_sorted_unique_kebab_and_documented() {
        let rules = builtin_rules();
        let ids: Vec<&str> = rules.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "builtin_rules() must be sorted by id, without duplicates");
        for r in &rules {
            let m = r.meta();
            assert!(
                m.id.split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase())),
                "{} is not kebab-case",
                m.id
            );
            assert!(
                CONTRACT_FAMILIES.contains(&m.family.as_ref()),
                "{}: family {}",
                m.id,
                m.family
            );
            let mut last = 0;
            for h in DOC_HEADINGS {
                let pos = m
                    .doc
                    .find(&format!("## {h}\n"))
                    .unwrap_or_else(|| panic!("{}: doc lacks ## {h}", m.id));
                assert!(pos >= last, "{}: heading {h} out of order", m.id);
                last = pos;
            }
            assert!(
                !CONTRACT_FAMILIES.contains(&m.id.as_ref()) && m.id != "house",
                "{}: a rule id must not be a family's name (suppress::names_rule relies on it)",
                m.id
            );
            assert!(m.doc_example("Example").is_some(), "{}: no Example block", m.id);
            assert!(m.doc_example("Use instead").is_some(), "{}: no Use instead block", m.id);
            for o in m.options {
                assert!(m.doc.contains(o.name), "{}: option {} undocumented", m.id, o.name);
            }
        }
    }
}
