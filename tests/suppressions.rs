//! Suppression comments against habits, through the whole engine: a rule that folds five or more
//! occurrences into one finding (at the first) must let a comment silence exactly the occurrences
//! it covers, neither the whole habit nor none of it, and the comment must count as used.

use tadqiq::config::{Config, Selection};
use tadqiq::diagnostic::Diagnostic;
use tadqiq::lint::{Engine, Loaded};
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::source::SourceFile;

fn lint(text: &str) -> Vec<Diagnostic> {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let loaded = Loaded::new(Config::default(), CompiledPacks::new(None, Vec::new()));
    let settings = engine.settings_for(&loaded, std::path::Path::new("a.md"));
    engine.lint(&SourceFile::new("a.md", text.to_string()), &loaded, &settings)
}

fn of<'d>(found: &'d [Diagnostic], rule: &str) -> Vec<&'d Diagnostic> {
    found.iter().filter(|d| d.rule == rule).collect()
}

/// Byte offset of the `n`th (0-based) occurrence of `needle`.
fn nth(text: &str, needle: &str, n: usize) -> u32 {
    text.match_indices(needle)
        .nth(n)
        .map(|(i, _)| i as u32)
        .expect("needle")
}

#[test]
fn a_comment_on_the_first_occurrence_silences_only_that_one() {
    let text = "<!-- tadqiq-disable-next-line latin-punctuation -- quoted as sent -->\n\
                قال الوزير, إن الحكومة ستواصل الدعم.\n\n\
                وأضاف, أن اللجنة, ستجتمع, غدا, لمناقشة, الخطة.\n";
    let found = lint(text);
    let latin = of(&found, "latin-punctuation");
    assert_eq!(latin.len(), 1, "{found:#?}");
    // The habit is the five commas left, found from the second comma on.
    assert_eq!(latin[0].span.start, nth(text, ",", 1), "{:?}", latin[0]);
    assert!(latin[0].message.contains("5 times"), "{}", latin[0].message);
    assert!(of(&found, "unused-suppression").is_empty(), "{found:#?}");
    // Its fix leaves the suppressed comma alone.
    let fix = latin[0].fix.as_ref().expect("a fix");
    assert!(fix.span.start >= nth(text, ",", 1), "{fix:?}");
}

#[test]
fn a_range_over_later_occurrences_is_used_and_shrinks_the_habit() {
    let text = "قال الوزير, إن الحكومة, ستواصل, الدعم, خلال, العام.\n\n\
                <!-- tadqiq-disable latin-punctuation -->\n\
                وأضاف, أن اللجنة ستجتمع.\n\n\
                <!-- tadqiq-enable -->\n";
    let found = lint(text);
    let latin = of(&found, "latin-punctuation");
    assert_eq!(latin.len(), 1, "{found:#?}");
    assert_eq!(latin[0].span.start, nth(text, ",", 0));
    assert!(latin[0].message.contains("5 times"), "{}", latin[0].message);
    assert!(of(&found, "unused-suppression").is_empty(), "{found:#?}");
}

#[test]
fn fewer_than_five_left_are_reported_one_by_one() {
    let text = "<!-- tadqiq-disable-next-line latin-punctuation -->\n\
                قال الوزير, إن الحكومة ستواصل الدعم.\n\n\
                وأضاف, أن اللجنة, ستجتمع, غدا, للنقاش.\n";
    let found = lint(text);
    let starts: Vec<u32> = of(&found, "latin-punctuation").iter().map(|d| d.span.start).collect();
    assert_eq!(
        starts,
        (1..5).map(|n| nth(text, ",", n)).collect::<Vec<_>>(),
        "{found:#?}"
    );
    assert!(of(&found, "unused-suppression").is_empty(), "{found:#?}");
}

#[test]
fn habits_of_other_rules_are_split_the_same_way() {
    // No space after a comma, six times (punctuation-spacing); a comment on the first line.
    let text = "<!-- tadqiq-disable-next-line punctuation -->\n\
                قال الوزير،إن الحكومة ستواصل الدعم.\n\n\
                وأضاف،أن اللجنة،ستجتمع،غدا،لمناقشة،الخطة.\n";
    let found = lint(text);
    let spacing = of(&found, "punctuation-spacing");
    assert_eq!(spacing.len(), 1, "{found:#?}");
    assert_eq!(spacing[0].span.start, nth(text, "،", 1));
    assert!(spacing[0].message.contains("5 times"), "{}", spacing[0].message);
    assert!(of(&found, "unused-suppression").is_empty(), "{found:#?}");

    // Digits: an article in Western digits, six numbers in Arabic-Indic ones (digit-style
    // collapses through the shared helper); the first of them is suppressed.
    let text = "سجلت المدينة 10 حالات و20 إصابة و30 وفاة و40 خروجا و50 فحصا و60 زيارة و70 طلبا.\n\n\
                <!-- tadqiq-disable-next-line digit-style -->\n\
                وفي القرية ١١ حالة.\n\n\
                وفي البلدة ١٢ حالة و١٣ إصابة و١٤ وفاة و١٥ خروجا و١٦ فحصا.\n";
    let found = lint(text);
    let digits = of(&found, "digit-style");
    assert_eq!(digits.len(), 1, "{found:#?}");
    assert_eq!(digits[0].span.start, nth(text, "١٢", 0), "{:?}", digits[0]);
    assert!(digits[0].message.starts_with("5 numbers"), "{}", digits[0].message);
    assert!(of(&found, "unused-suppression").is_empty(), "{found:#?}");
}
