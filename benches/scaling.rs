//! Linearity on hostile inputs: every default rule, as `tadqiq check` runs them, over files of
//! one odd shape each, at two sizes.
//!
//! `cargo bench --bench scaling` builds each shape at `n`, `4n` and `16n` repetitions (`n` is
//! 2,500, or `SCALING_N`) and prints the time per MB of each, and the ratio of the last two. A
//! linear path keeps the ratio near 1; a path that reads on through the rest of the text for each
//! item (quadratic) shows about 4 and is marked. The first size only shows the warm-up: a bound
//! that caps the work per item (the near-duplicate index keeps 64 units per shingle) is reached
//! between it and the second. The
//! shapes are the ones that once were quadratic (a run of invisibles, one word full of joiners,
//! a quote left open on every line, date lines, relative days among quotations) and others that
//! stress one rule each (doubled words, month pairs, digits, near-duplicate paragraphs, Markdown
//! links, suppression comments…). Best of three runs; std's clock, no bench framework.

use std::path::Path;
use std::time::{Duration, Instant};
use tadqiq::config::Selection;
use tadqiq::lint::{Engine, Loaded};
use tadqiq::rules::packs::{CompiledPacks, Pack};
use tadqiq::source::SourceFile;

const RUNS: usize = 3;
/// Above this ratio of time per MB (16n against 4n) a shape is marked.
const SUPERLINEAR: f64 = 1.6;

/// A shape: its name, the file's extension, and the text of `n` repetitions.
type Shape = (&'static str, &'static str, fn(usize) -> String);

const WORDS: &[&str] = &[
    "قال",
    "الوزير",
    "إن",
    "الحكومة",
    "مستعدة",
    "لدعم",
    "الاقتصاد",
    "في",
    "البلاد",
    "خلال",
    "المرحلة",
    "المقبلة",
];

/// A deterministic generator (an LCG), so every run times the same text.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        from[(self.0 >> 33) as usize % from.len()]
    }

    fn sentence(&mut self, words: usize) -> String {
        (0..words).map(|_| self.pick(WORDS)).collect::<Vec<_>>().join(" ")
    }
}

fn lines(n: usize, mut line: impl FnMut(usize) -> String, sep: &str) -> String {
    let mut s = (0..n).map(&mut line).collect::<Vec<_>>().join(sep);
    s.push('\n');
    s
}

const SHAPES: &[Shape] = &[
    ("invisible run (RLE RLM …)", "txt", |n| {
        format!("قال {} إن\n", "\u{202b}\u{200f}".repeat(n * 10))
    }),
    ("one word, a ZWNJ per letter", "txt", |n| {
        format!("{}\n", "ب\u{200c}".repeat(n * 4))
    }),
    ("a quote left open on each line", "txt", |n| {
        lines(n, |_| "قال الوزير «إن الحكومة".to_string(), "\n")
    }),
    ("quotes closed a line later", "txt", |n| {
        lines(
            n,
            |i| {
                if i % 2 == 0 {
                    "قال «إن الحكومة"
                } else {
                    "مستعدة» للدعم"
                }
                .to_string()
            },
            "\n",
        )
    }),
    ("guillemets nested in each other, one line", "txt", |n| {
        format!("قال {} وسط {} انتهى.\n", "«كلمة ".repeat(n), " كلمة»".repeat(n))
    }),
    ("open guillemets, then straight pairs", "txt", |n| {
        format!("قال {}{}\n", "«كلمة ".repeat(n), " \"نص\"".repeat(n))
    }),
    ("relative days among quotations", "txt", |n| {
        lines(
            n,
            |_| "قال «الوزير» أمس الأحد إن الحكومة «مستعدة» للدعم".to_string(),
            "\n",
        )
    }),
    ("date lines", "txt", |n| {
        lines(
            n,
            |_| "الثلاثاء 16 أيلول/سبتمبر 2015 الموافق 3 ذو الحجة 1436 هـ أمس الأربعاء".to_string(),
            "\n",
        )
    }),
    ("doubled words and verbs", "txt", |n| {
        lines(
            n,
            |_| "في في قال قال أفاد الرئيس أكد بأن الحكومة قال أن".to_string(),
            "\n",
        )
    }),
    ("month pairs both ways", "txt", |n| {
        let mut g = Lcg(1);
        lines(
            n,
            |_| {
                format!(
                    "{} 2015",
                    g.pick(&["أيلول/سبتمبر", "سبتمبر/أيلول", "سبتمبر (أيلول)", "أيلول"])
                )
            },
            "\n",
        )
    }),
    ("digits of both kinds", "txt", |n| {
        let mut g = Lcg(2);
        lines(n * 5, |_| g.pick(&["2015", "٢٠١٥", "12", "١٢"]).to_string(), " ")
    }),
    ("spelling variants", "txt", |n| {
        let mut g = Lcg(3);
        let forms = [
            "الأمريكي",
            "الأميركي",
            "الامريكي",
            "مسؤول",
            "مسئول",
            "إسرائيل",
            "اسرائيل",
            "الثلثاء",
        ];
        lines(n * 5, |_| g.pick(&forms).to_string(), " ")
    }),
    ("one word written thousands of ways (hamzas)", "txt", |n| {
        let mut g = Lcg(8);
        let alef = ["ا", "أ", "إ", "آ"];
        lines(
            n * 2,
            |_| {
                format!(
                    "ال{}",
                    (0..8).map(|_| format!("{}ب", g.pick(&alef))).collect::<String>()
                )
            },
            " ",
        )
    }),
    ("a foreign name written thousands of ways", "txt", |n| {
        let mut g = Lcg(9);
        let vowel = ["", "ا", "و", "ي"];
        let consonants = ["ر", "ب", "ت", "س", "ن", "م", "ه", "د", "ذ", "ز"];
        lines(
            n,
            |_| {
                let name: String = consonants.iter().map(|c| format!("{c}{}", g.pick(&vowel))).collect();
                format!("قال گ{name} إن.")
            },
            " ",
        )
    }),
    ("misspellings and glued words", "txt", |n| {
        let mut g = Lcg(4);
        lines(
            n * 5,
            |_| {
                g.pick(&["الى", "امس", "ايضا", "علىالرغم", "فيالوقت", "إلى"])
                    .to_string()
            },
            " ",
        )
    }),
    ("near-duplicate paragraphs", "txt", |n| {
        let mut g = Lcg(5);
        lines(n, |_| g.sentence(20), "\n\n")
    }),
    ("questions and no full stop, one line", "txt", |n| {
        let mut g = Lcg(8);
        lines(n, |_| format!("هل {}؟", g.sentence(6)), " ")
    }),
    ("sentences on one line", "txt", |n| {
        let mut g = Lcg(6);
        lines(n, |_| format!("{}.", g.sentence(12)), " ")
    }),
    ("CRLF lines with trailing spaces", "txt", |n| {
        let mut g = Lcg(7);
        lines(n, |_| format!("{}  ", g.sentence(10)), "\r\n")
    }),
    ("Markdown links and emphasis", "md", |n| {
        lines(
            n,
            |i| format!("- [نص {i}](http://x/{i}) **غامق** `كود` ![صورة](a.png)"),
            "\n",
        )
    }),
    ("Markdown: one paragraph of comments and commas", "md", |n| {
        lines(n, |_| "قال <!-- c --> الوزير ,".to_string(), " ")
    }),
    ("Markdown suppression comments", "md", |n| {
        lines(n, |_| "<!-- tadqiq-disable-next-line -->\nنص ,\n".to_string(), "\n")
    }),
    ("Markdown disables left open", "md", |n| {
        lines(
            n,
            |i| {
                let rule = if i % 2 == 0 { "latin-punctuation" } else { "quote-style" };
                format!("<!-- tadqiq-disable {rule} -->\nنص , و\"قول\"\n")
            },
            "\n",
        )
    }),
];

/// The best of [`RUNS`] runs of every default rule over `text`.
fn time(engine: &Engine, loaded: &Loaded, name: &str, text: &str) -> Duration {
    let settings = engine.settings_for(loaded, Path::new(name));
    (0..RUNS)
        .map(|_| {
            let source = SourceFile::new(name, text.to_string());
            let t = Instant::now();
            std::hint::black_box(engine.lint(&source, loaded, &settings));
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("scaling bench: run it with `cargo bench --bench scaling`");
        return;
    }
    let Ok(engine) = Engine::new(None, &[], Selection::default()) else {
        eprintln!("scaling bench: the built-in configuration does not load");
        return;
    };
    let loaded = Loaded::new(Default::default(), CompiledPacks::new(None, Vec::new()));
    let n: usize = std::env::var("SCALING_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_500);
    println!("every default rule, best of {RUNS}; time per MB at n = {n} repetitions, 4n and 16n");
    println!(
        "{:<48} {:>8} {:>9} {:>9} {:>9} {:>6}",
        "shape", "MB (16n)", "ms/MB n", "4n", "16n", "ratio"
    );
    let mut marked = 0;
    for &(shape, ext, make) in SHAPES {
        let name = format!("shape.{ext}");
        let mut per_mb = [0.0; 3];
        let mut largest = 0;
        for (k, times) in [1, 4, 16].into_iter().enumerate() {
            let text = make(times * n);
            let d = time(&engine, &loaded, &name, &text);
            per_mb[k] = d.as_secs_f64() * 1e3 / (text.len() as f64 / 1e6);
            largest = text.len();
        }
        let ratio = per_mb[2] / per_mb[1];
        let mark = if ratio > SUPERLINEAR {
            marked += 1;
            "  <- superlinear"
        } else {
            ""
        };
        println!(
            "{shape:<48} {:>8.2} {:>9.1} {:>9.1} {:>9.1} {ratio:>6.2}{mark}",
            largest as f64 / 1e6,
            per_mb[0],
            per_mb[1],
            per_mb[2],
        );
    }
    println!(
        "{marked} of {} shapes above {SUPERLINEAR} (time per MB, 16n against 4n)",
        SHAPES.len()
    );
    house_pack(n);
}

/// A house's substitution pack of `entries` made-up words, as a newsroom's long list would be
/// (matched inflected, as the `[preferred]` table of a configuration is).
fn house_pack_text(entries: usize) -> String {
    let mut g = Lcg(9);
    let letters = [
        "ب", "ت", "ج", "د", "ر", "س", "ع", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي",
    ];
    let mut word = || (0..5).map(|_| g.pick(&letters)).collect::<String>();
    let mut text = String::from("kind = \"substitution\"\nrule = \"house-words\"\n");
    for _ in 0..entries {
        let (wrong, right) = (word(), word());
        text.push_str(&format!(
            "\n[[entry]]\nwrong = [\"{wrong}\"]\nright = \"{right}\"\nmatch = \"inflected\"\nexamples = [{{ wrong = \"قال {wrong}\", right = \"قال {right}\" }}]\n"
        ));
    }
    text
}

/// Reading and compiling a house pack of n/2, 2n and 8n entries: a long list must load in time
/// linear in it.
fn house_pack(n: usize) {
    println!();
    println!(
        "{:<48} {:>9} {:>9} {:>9} {:>6}",
        "house pack (Pack::parse)", "µs/entry", "x4", "x16", "ratio"
    );
    let mut per_entry = [0.0; 3];
    for (k, times) in [1, 4, 16].into_iter().enumerate() {
        let entries = times * n / 2;
        let text = house_pack_text(entries);
        let best = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(Pack::parse(Path::new("house.toml"), &text).is_ok());
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        per_entry[k] = best.as_secs_f64() * 1e6 / entries as f64;
    }
    let ratio = per_entry[2] / per_entry[1];
    println!(
        "{:<48} {:>9.2} {:>9.2} {:>9.2} {ratio:>6.2}{}",
        format!("{} to {} entries", n / 2, 8 * n),
        per_entry[0],
        per_entry[1],
        per_entry[2],
        if ratio > SUPERLINEAR { "  <- superlinear" } else { "" }
    );
}
