//! What `--fix --unsafe-fixes` makes of Markdown, through the whole engine (rules, suppressions,
//! then the guard that keeps fixes from changing the file's structure): the fixed text of each
//! case, written out, against the engine's.

use tadqiq::config::{Config, Selection};
use tadqiq::lint::{Engine, FixMode, Loaded};
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::source::SourceFile;

/// A long last paragraph, so that what follows it is read as page chrome.
const STORY: &str = "وقال الوزير إن الحكومة ستواصل الدعم خلال العام المقبل، وإن الميزانية ستعرض على البرلمان قريباً جداً بعد أن تنتهي اللجان من دراستها.";

fn fixed(text: &str) -> String {
    fixed_as("a.md", text)
}

fn fixed_as(path: &str, text: &str) -> String {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let loaded = Loaded::new(Config::default(), CompiledPacks::new(None, Vec::new()));
    let settings = engine.settings_for(&loaded, std::path::Path::new(path));
    let source = SourceFile::new(path, text.to_string());
    engine.fix(&source, &loaded, &settings, FixMode::All).0
}

#[test]
fn escaped_marks_lose_their_backslash_with_their_latin_form() {
    // A habit of Latin commas gets one fix; the escaped one inside it is mended too.
    assert_eq!(
        fixed("قال الوزير, إن الحكومة, ستواصل الدعم, وإن الميزانية\\, ستعرض, قريبا.\n"),
        "قال الوزير، إن الحكومة، ستواصل الدعم، وإن الميزانية، ستعرض، قريبا.\n"
    );
    assert_eq!(fixed("قال الكاتب\\, إن الأمر مهم.\n"), "قال الكاتب، إن الأمر مهم.\n");
    // In plain text a backslash is text.
    assert_eq!(
        fixed_as("a.txt", "قال الكاتب\\, إن الأمر مهم.\n"),
        "قال الكاتب\\، إن الأمر مهم.\n"
    );
    // Escaped straight quotes in an article that quotes with « ».
    let quotes = "قال الوزير \\\"نعم\\\" للخطة.\n\nوقال «لا» للأخرى.\n\nوأضاف «ربما» لاحقا.\n";
    assert_eq!(
        fixed(quotes),
        "قال الوزير «نعم» للخطة.\n\nوقال «لا» للأخرى.\n\nوأضاف «ربما» لاحقا.\n"
    );
}

#[test]
fn page_chrome_goes_with_its_block_markup() {
    for (chrome, left) in [
        ("## أضف تعليقك\n", ""),
        ("* [ ] أضف تعليقك\n", ""),
        ("أضف تعليقك\n==========\n", ""),
        ("> أضف تعليقك\n", ""),
    ] {
        let text = format!("{STORY}\n\n{chrome}");
        assert_eq!(fixed(&text), format!("{STORY}\n\n{left}"), "{chrome:?}");
    }
    // Pasted right under the story, with no blank line: the same paragraph, found by its lines.
    assert_eq!(
        fixed(&format!("{STORY}\nاقرأ أيضا\nأضف تعليقك\n")),
        format!("{STORY}\n")
    );
}

#[test]
fn no_fix_turns_text_into_markup() {
    // Digits at a line's start would become an ordered list; a shortcut link's text is its
    // label; the title would stop being valid YAML.
    for text in [
        "٣. بند في القائمة، و10 و20 و30 و40 و50 مرة.\n",
        "\u{feff}٣. بند في القائمة، و10 و20 و30 مرة.\n",
        "انظر [الى] المصدر.\n\n[الى]: https://example.com\n",
        "---\ntitle: القمة :الرئيس يصل\n---\n\nنص الخبر.\n",
    ] {
        let out = fixed(text);
        for kept in ["٣.", "[الى]", ":الرئيس"] {
            assert_eq!(text.contains(kept), out.contains(kept), "{kept} in {text:?} -> {out:?}");
        }
    }
}

#[test]
fn a_habits_fix_loses_only_the_edits_that_would_change_structure() {
    // Six Latin commas make one fix; the one inside a shortcut link's label stays as it is (the
    // label must match its definition), and so does the one on a suppressed line. The others go.
    let text = "قال الوزير, إن الحكومة, ستواصل [الدعم, الكامل] للمشروع, وإن الميزانية, ستعرض.\n\
                <!-- tadqiq-disable-next-line latin-punctuation -->\n\
                وأضاف, أن اللجنة, ستجتمع.\n\n\
                [الدعم, الكامل]: https://example.com\n";
    assert_eq!(
        fixed(text),
        "قال الوزير، إن الحكومة، ستواصل [الدعم, الكامل] للمشروع، وإن الميزانية، ستعرض.\n\
         <!-- tadqiq-disable-next-line latin-punctuation -->\n\
         وأضاف, أن اللجنة, ستجتمع.\n\n\
         [الدعم, الكامل]: https://example.com\n"
    );
}

#[test]
fn a_doubled_word_is_deleted_unless_markup_or_a_hard_break_goes_with_it() {
    for (text, out) in [
        // A soft break is where the writer wrapped the line: the copy after it goes.
        ("سجلت حالات في\nفي المدينة.\n", "سجلت حالات في المدينة.\n"),
        ("سجلت حالات في  \nفي المدينة.\n", "سجلت حالات في  \nفي المدينة.\n"),
        ("سجلت حالات في\\\nفي المدينة.\n", "سجلت حالات في\\\nفي المدينة.\n"),
        ("سجلت حالات في **في** المدينة.\n", "سجلت حالات في **في** المدينة.\n"),
        ("**سجلت حالات في** في المدينة.\n", "**سجلت حالات في** في المدينة.\n"),
        (
            "سجلت حالات في [في](https://x.com) المدينة.\n",
            "سجلت حالات في [في](https://x.com) المدينة.\n",
        ),
        ("سجلت حالات في في المدينة.\n", "سجلت حالات في المدينة.\n"),
    ] {
        assert_eq!(fixed(text), out, "{text:?}");
    }
}

#[test]
fn the_two_marks_of_a_quotation_are_fixed_together_or_not_at_all() {
    // The closing mark is inside a shortcut link's text, which is also its label: it may not
    // change, so the opening one does not either.
    let text = "قال «لا» و«ربما» ثم قال \"نعم [للخطة\"] غدا.\n\n[للخطة\"]: https://example.com\n";
    assert_eq!(fixed(text), text);
    // Elsewhere in the paragraph the same quotation is fixed whole.
    let free = "قال «لا» و«ربما» ثم قال \"نعم للخطة\" غدا.\n";
    assert_eq!(fixed(free), "قال «لا» و«ربما» ثم قال «نعم للخطة» غدا.\n");
}
