//! No panic on any input: random bytes and random Arabic-ish text through the whole pipeline
//! (decode, document, every rule, fixes, every renderer), with span invariants checked.

use tadqiq::config::Selection;
use tadqiq::lint::{Engine, FixMode};
use tadqiq::render;
use tadqiq::source::{SourceFile, decode};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that exercise the tricky parts: letters with marks, tatweel, quotes of every kind,
/// bidi controls, Persian look-alikes, presentation forms, digits, punctuation, line breaks.
const PIECES: &[&str] = &[
    "ال",
    "أ",
    "إ",
    "آ",
    "ا",
    "ى",
    "ي",
    "ة",
    "ه",
    "ؤ",
    "ئ",
    "ء",
    "ی",
    "ک",
    "ﻻ",
    "ﷲ",
    "\u{064B}",
    "\u{0651}",
    "\u{0650}",
    "ـ",
    " ",
    "  ",
    "\u{a0}",
    "\n",
    "\r\n",
    "\n\n",
    "\"",
    "«",
    "»",
    "“",
    "”",
    "،",
    ".",
    "..",
    ",",
    "″",
    "؟",
    "!",
    ":",
    "/",
    "(",
    ")",
    "\u{200F}",
    "\u{200E}",
    "\u{061C}",
    "\u{200C}",
    "\u{202B}",
    "\u{202C}",
    "\u{feff}",
    "0",
    "9",
    "٢",
    "٠",
    "۴",
    "x",
    "Google",
    "قال",
    "الأمريكي",
    "الأميركية",
    "ايضاً",
    "إنشاء الله",
    "التعليقات",
    "أضف تعليق",
    "الثلثاء",
    "الثلاثاء",
    "16",
    "سبتمبر",
    "أيلول",
    "2015",
    "م",
    "هـ",
    "في",
    "و",
    "ب",
    "عبد الله",
    "عبدالله",
    "\t",
    "#",
    "*",
    "`",
    "<!--",
    "-->",
];

/// Markdown syntax, for texts read as Markdown: headings, quotes, lists, fences, links, HTML,
/// front matter, entities, footnotes, hard breaks and tadqiq's own suppression comments.
const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "```\n",
    "~~~\n",
    "    ",
    "[",
    "](http://x.y/ب)",
    "![",
    "<",
    ">",
    "<br>",
    "<div>",
    "</div>",
    "|",
    "---\n",
    "+++\n",
    "date: 2015-09-16\n",
    "_",
    "**",
    "\\",
    "&amp;",
    "&#1576;",
    "<!-- tadqiq-disable spelling-variant -->",
    "<!-- tadqiq-enable -->",
    "<!-- tadqiq-disable-next-line tatweel -->",
    "<!-- tadqiq-disable-next-line latin-punctuation -->",
    "<!-- tadqiq-disable punctuation -->",
    "[^1]",
    "[^1]: ",
    "<http://a.b>",
    "  \n",
];

/// Inputs per test (raise it locally for a longer run: 30,000 each take half a minute).
const FUZZ_N: usize = 1500;

fn check(engine: &Engine, name: &str, text: String) {
    let source = SourceFile::new(name, text);
    let loaded = engine.loaded_for(std::path::Path::new(name));
    let settings = engine.settings_for(&loaded, std::path::Path::new(name));
    let diags = engine.lint(&source, &loaded, &settings);
    for d in &diags {
        let r = d.span.range();
        assert!(r.end <= source.text.len(), "{d:?}");
        assert!(
            source.text.is_char_boundary(r.start) && source.text.is_char_boundary(r.end),
            "{d:?}"
        );
        for rel in &d.related {
            assert!(source.text.is_char_boundary(rel.span.start as usize), "{d:?}");
            assert!(source.text.is_char_boundary(rel.span.end as usize), "{d:?}");
        }
    }
    let resolved: Vec<_> = diags.iter().map(|d| render::resolve(&source, d)).collect();
    let _ = render::text::render_file(&source, &diags, true);
    let _ = render::concise::render(&resolved);
    let _ = render::github::render(&resolved);
    let _ = render::json::render(1, &resolved, &[], None);
    let _ = render::sarif::render(&engine.registry, &resolved, &[]);
    let (fixed, _, _) = engine.fix(&source, &loaded, &settings, FixMode::All);
    let again = SourceFile::new(name, fixed);
    let _ = engine.lint(&again, &loaded, &settings);
}

/// A text of up to `max_pieces` random pieces; with `markdown`, one piece in three is Markdown
/// syntax.
fn random_text(rng: &mut Rng, max_pieces: usize, markdown: bool) -> String {
    let len = rng.below(max_pieces);
    (0..len)
        .map(|_| {
            if markdown && rng.below(3) == 0 {
                MARKDOWN[rng.below(MARKDOWN.len())]
            } else {
                PIECES[rng.below(PIECES.len())]
            }
        })
        .collect()
}

#[test]
fn random_arabic_text_never_panics() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for _ in 0..FUZZ_N {
        let text = random_text(&mut rng, 80, false);
        check(&engine, "fuzz.txt", text);
    }
}

#[test]
fn random_markdown_never_panics() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let mut rng = Rng(0x2545F4914F6CDD1D);
    for _ in 0..FUZZ_N {
        let text = random_text(&mut rng, 120, true);
        check(&engine, "fuzz.md", text);
    }
}

#[test]
fn random_bytes_never_panic() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let mut rng = Rng(0xD1B54A32D192ED03);
    for _ in 0..FUZZ_N {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                // Mostly bytes of the Arabic block's UTF-8, so that some inputs decode.
                match rng.below(4) {
                    0 => rng.next() as u8,
                    1 => 0xD8 + (rng.below(2) as u8),
                    2 => 0x80 + (rng.below(0x40) as u8),
                    _ => b" \n\"."[rng.below(4)],
                }
            })
            .collect();
        if let Ok(text) = decode(bytes) {
            check(&engine, "fuzz.txt", text);
        }
    }
}
