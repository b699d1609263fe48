//! The date rules end to end: the binary over fixture articles written for these tests, with the
//! article's date from the dateline or from `--date`.

use std::process::Command;

const DATE_RULES: &str = "weekday-date,invalid-date,hijri-date,relative-date";

fn findings(args: &[&str]) -> Vec<(String, u64, u64, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["check", "--format", "json", "--select", DATE_RULES])
        .args(args)
        .output()
        .expect("run tadqiq");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn right_dates_stay_silent() {
    assert_eq!(findings(&["fixtures/dates-clean.txt"]), []);
    // The founding example: the dateline's weekday and Hijri date are right; line 9's
    // "أمس الأربعاء" in a Wednesday issue is the one finding.
    let found = findings(&["fixtures/alwasat-4758.txt"]);
    assert_eq!(
        found,
        [(
            "relative-date".to_string(),
            9,
            19,
            "أمس الأربعاء 16 أيلول/سبتمبر".to_string()
        )]
    );
}

#[test]
fn wrong_dates_are_found_with_exact_spans() {
    let found = findings(&["fixtures/dates-dirty.txt"]);
    let expected = [
        ("relative-date", 5, 27, "أمس (الخميس)"),
        ("weekday-date", 5, 92, "الجمعة 28 أيار/مايو"),
        ("weekday-date", 7, 24, "الإثنين 24 مايو 2016"),
        ("weekday-date", 7, 77, "السبت ٧ ماي ٢٠١٥"),
        ("invalid-date", 9, 18, "31 أبريل 2016"),
        ("invalid-date", 9, 50, "29 فبراير 2015"),
        ("invalid-date", 9, 83, "5/13/2016"),
        ("hijri-date", 11, 26, "1 رمضان 1437هـ"),
        ("weekday-date", 11, 72, "الخميس 29/9/1437هـ"),
    ];
    let expected: Vec<(String, u64, u64, String)> = expected
        .iter()
        .map(|&(r, l, c, t)| (r.to_string(), l, c, t.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn the_date_option_dates_an_article_without_a_dateline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "خبر\n\nقال الوزير أمس الأربعاء إن الاجتماع ناجح.\n").expect("write");
    let p = path.to_str().expect("utf-8 path");
    assert_eq!(findings(&[p]), []);
    let found = findings(&["--date", "2015-09-16", p]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "relative-date");
    assert_eq!(found[0].3, "أمس الأربعاء");
    assert_eq!(findings(&["--date", "2015-09-17", p]), []);
}

#[test]
fn a_dateline_dates_a_markdown_article_unless_its_front_matter_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "أفاد البيت الأبيض أمس الأربعاء أنه يرحب بالاتفاق.\n";
    let cases = [
        // The dateline under a heading, as the plain-text reader finds it: 16 September 2015 was
        // a Wednesday, so "أمس الأربعاء" is wrong.
        (format!("# الخبر\n\nالعدد 4758 - الأربعاء 16 سبتمبر 2015م\n\n{body}"), 1),
        (format!("العدد 4758 - الأربعاء 16 سبتمبر 2015م\n\n{body}"), 1),
        // The front matter's date wins: on the 17th, "أمس الأربعاء" is right.
        (
            format!("---\ndate: 2015-09-17\n---\n\nالعدد 4758 - الأربعاء 16 سبتمبر 2015م\n\n{body}"),
            0,
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("a{i}.md"));
        std::fs::write(&path, text).expect("write");
        let found = findings(&[path.to_str().expect("utf-8 path")]);
        assert_eq!(found.len(), *expected, "{text}: {found:?}");
        assert!(
            found.iter().all(|f| f.0 == "relative-date" && f.3 == "أمس الأربعاء"),
            "{found:?}"
        );
    }
    // The weekday of a date without a year is checked against the dateline's year.
    let path = dir.path().join("b.md");
    std::fs::write(
        &path,
        "الأربعاء 16 سبتمبر 2015\n\nوعقد المجلس جلسته الخميس 16 سبتمبر في العاصمة.\n",
    )
    .expect("write");
    let found = findings(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].3.as_str()),
        ("weekday-date", "الخميس 16 سبتمبر")
    );
}
