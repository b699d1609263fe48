//! Span invariants of the Markdown reader on awkward input: no panic; every region, paragraph,
//! sentence and token, and every finding, lies in the file on char boundaries; tokens lie in
//! prose; nothing is read from code, HTML or front matter.

use tadqiq::config::Selection;
use tadqiq::lint::Engine;
use tadqiq::source::{SourceFile, Span};

const AWKWARD: &[&str] = &[
    "",
    "\u{feff}",
    "---\n",
    "---\ntitle: \"غير مغلق\n",
    "+++\ntitle = \"عنوان\"\n",
    "```\nكود بلا إغلاق «\n",
    "<!-- tadqiq-disable\n\nنص «مفتوح\n",
    "<!-- tadqiq-disable-next-line -->",
    "* **مائل *و**عريض*\\* &amp; &#1575; &nbsp;نص\n",
    "[مرجع][1] و[آخر]\n\n[1]: https://example.com \"عنوان «\"\n",
    "| أ \\| ب | ج |\n|---|---|\n| «د | هـ» |\n",
    "> - قائمة في اقتباس\n>   > متداخل «نص\n>   > يستمر» هنا\n",
    "1. أول\n2. ثان\n\n   فقرة في البند.\n\n       كود داخل البند\n",
    "نص[^1] مع حاشية.\n\n[^1]: الحاشية «هنا».\n",
    "سطر\r\nثان  \r\nثالث\\\r\nرابع\r\n",
    "كلمة**مشددة**داخلية و_مائلة_ ~~محذوف~~ `كود «` نهاية.\n",
    "<span>مضمن</span> و<b>«عريض</b>» ثم https://example.com/مسار?x=«1» نص.\n",
    "# عنوان #\n\nعنوان مسطر\n==========\n\n---\n\nنص بعد الفاصل.\n",
    "\u{feff}---\r\ntitle: 'عنوان ''مقتبس'''\r\ndate: 2024-02-30\r\n---\r\nالوسط‌ ‏النص\u{640}\u{640} ی\n",
    // Lines like front matter below a quote: a rule and a setext heading, not a title to put first.
    ">\"\n---\nسطر\ntitle: عنوان\n---",
    "---\ntitle: أ\n---\n\"نص\n\n---\nسطر\ntitle: ب\n---\n",
];

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && (span.end as usize) <= text.len(),
        "{what} {span:?} outside the file"
    );
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what} {span:?} splits a character"
    );
}

#[test]
fn awkward_markdown_keeps_every_span_sound() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    for (i, input) in AWKWARD.iter().enumerate() {
        let src = SourceFile::new(format!("case{i}.md"), input.to_string());
        let text = src.text.as_str();
        let doc = tadqiq::document::build(&src);
        for r in &doc.regions {
            check_span(text, *r, "region");
        }
        assert!(
            doc.regions.windows(2).all(|w| w[0].end <= w[1].start),
            "regions overlap: {input:?}"
        );
        for p in &doc.paragraphs {
            check_span(text, p.span, "paragraph");
        }
        // The model's own invariants, paragraphs in order among them (asserted by `build` in
        // debug builds only).
        assert_eq!(doc.broken_invariant(), None, "{input:?}");
        for s in &doc.sentences {
            check_span(text, s.span, "sentence");
        }
        for t in &doc.tokens {
            check_span(text, t.span, "token");
            assert!(
                doc.in_prose(t.span.start as usize),
                "token {:?} outside prose in {input:?}",
                doc.surface(t)
            );
        }
        let loaded = engine.loaded_for(std::path::Path::new("case.md"));
        let settings = engine.settings_for(&loaded, std::path::Path::new("case.md"));
        for d in engine.lint(&src, &loaded, &settings) {
            check_span(text, d.span, &d.rule);
            for r in &d.related {
                check_span(text, r.span, &d.rule);
            }
            if let Some(f) = &d.fix {
                check_span(text, f.span, &d.rule);
            }
        }
    }
}

#[test]
fn code_html_and_front_matter_are_not_prose() {
    let text = "---\ntitle: \"عنوان\"\nsummary: \"ملخص الکتاب\"\n---\n\n```\nالکتاب\n```\n\n<div>الکتاب</div>\n\nنص `الکتاب` سليم.\n";
    let src = SourceFile::new("a.md", text.to_string());
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let loaded = engine.loaded_for(std::path::Path::new("a.md"));
    let settings = engine.settings_for(&loaded, std::path::Path::new("a.md"));
    let found = engine.lint(&src, &loaded, &settings);
    assert!(found.is_empty(), "{found:#?}");
    // The same words as prose are found.
    let src = SourceFile::new("a.md", "نص الکتاب سليم.\n".to_string());
    assert_eq!(engine.lint(&src, &loaded, &settings).len(), 1);
}
