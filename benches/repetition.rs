//! Throughput of the repetition, attribution and repeated-punctuation rules.
//!
//! `cargo bench --bench repetition` times, for each input, the document build and each rule's
//! check (best of several runs): the longest articles of ../shared/corpus (skipped with a message
//! when the corpus is absent), and synthetic articles of 256 KB, 512 KB and 1 MB made from this
//! file's own sentences, with and without paragraph breaks, plus a worst case made of one
//! paragraph repeated for a megabyte. Near-linear rules show times that double with the size.
//! No bench framework: std's clock, so the bench needs no extra dependency.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tadqiq::config::{Selection, Settings};
use tadqiq::document::Document;
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::rules::{Context, Registry};
use tadqiq::source::SourceFile;

const RULES: &[&str] = &[
    "duplicate-paragraph",
    "repeated-sentence",
    "doubled-word",
    "doubled-verb",
    "redundant-ba",
    "qala-inna",
    "repeated-punctuation",
];

/// Longest corpus articles timed.
const LONGEST: usize = 5;
/// Each measurement is the best of this many runs.
const RUNS: usize = 5;

const SENTENCES: &[&str] = &[
    "أفاد البيت الأبيض أمس الأربعاء أنه يرحب بأي دعم روسي للتحالف في محاربة التنظيم الإرهابي",
    "وقال وزير الخارجية إن المحادثات مع الجانب الروسي ستستمر خلال الأيام المقبلة رغم الخلافات",
    "وأكد المتحدث باسم الوزارة أن الحكومة لن تتراجع عن قرارها بشأن الضرائب الجديدة",
    "ومن المقرر أن يوقع الجانبان عددا من الاتفاقيات في مجالات الطاقة والنقل والتعليم",
    "وكان الرئيس قد زار المنطقة العام الماضي والتقى عددا من رجال الأعمال والمستثمرين",
    "وأوضح التقرير أن أسعار الأراضي السكنية تراجعت بنسب متفاوتة في معظم المدن الكبرى",
    "وشدد المسؤول على ضرورة توحيد الجهود في مكافحة الإرهاب وحماية المدنيين",
    "وأضاف أن الوزارة تعمل على تطوير الخدمات الإلكترونية لتسهيل المعاملات على المواطنين",
    "وأشار إلى أن عدد الزوار تجاوز مئة ألف زائر منذ افتتاح المعرض مطلع الشهر",
    "ولفت الخبراء إلى أن الطلب على النفط سيرتفع تدريجيا مع تعافي الاقتصاد العالمي",
    "وتابع في كلمة خلال القمة أن بلاده ستواصل تقديم المساعدات الإنسانية للمتضررين",
    "واعتبر المحلل السياسي أن المرحلة المقبلة تتطلب حوارا جادا بين جميع الأطراف",
    "وبحسب البيان فإن الاجتماع ناقش سبل تعزيز التعاون الاقتصادي والتجاري بين البلدين",
    "وفي سياق متصل أعلنت الشركة عن خطة لتوسيع شبكتها لتشمل عشر مدن جديدة",
    "وذكرت مصادر مطلعة أن المفاوضات بلغت مرحلة متقدمة وقد يعلن الاتفاق قريبا",
    "ودعا رئيس اللجنة إلى إشراك الشباب في صنع القرار وتمكينهم في سوق العمل",
    "وأعرب الوزير عن أمله في أن تسهم الزيارة في فتح آفاق جديدة للتعاون المشترك",
    "وتشير الإحصاءات إلى ارتفاع نسبة البطالة بين الخريجين الجدد خلال العام الجاري",
    "وبين المدير أن المشروع سيوفر آلاف الوظائف للمواطنين عند اكتماله",
    "ونفى المتحدث الرسمي صحة الأنباء المتداولة عن تأجيل الانتخابات البلدية",
];

/// A deterministic generator (an LCG), so every run times the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// An article of about `bytes` bytes: paragraphs of two to four sentences with numbers that vary,
/// one paragraph in fifty a near-duplicate of an earlier one (a word dropped). `flat` joins every
/// paragraph into one line, as crawled single-line articles are.
fn synthetic(bytes: usize, flat: bool) -> String {
    let mut rng = Lcg(2015);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut size = 0;
    let mut n = 0u64;
    while size < bytes {
        let para = if paragraphs.len() > 10 && rng.next(50) == 0 {
            let earlier = &paragraphs[rng.next(paragraphs.len())];
            let words: Vec<&str> = earlier.split(' ').collect();
            let drop = rng.next(words.len());
            words
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != drop)
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            let count = 2 + rng.next(3);
            (0..count)
                .map(|_| {
                    n += 1;
                    format!("{} بنسبة {} في المائة.", SENTENCES[rng.next(SENTENCES.len())], n % 997)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        size += para.len() + 2;
        paragraphs.push(para);
    }
    let body = paragraphs.join(if flat { " " } else { "\n\n" });
    format!("عنوان المقال التجريبي\n\n{body}\n")
}

/// One paragraph repeated until `bytes`: every unit matches every other.
fn one_paragraph_repeated(bytes: usize) -> String {
    let para = format!("{}، {}.", SENTENCES[0], SENTENCES[1]);
    let mut text = String::from("عنوان\n\n");
    while text.len() < bytes {
        text.push_str(&para);
        text.push_str("\n\n");
    }
    text
}

fn best_of(mut f: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn bench(name: &str, text: String, registry: &Registry, settings: &Settings, packs: &CompiledPacks) {
    let src = SourceFile::new(name, text);
    let build = best_of(|| {
        std::hint::black_box(Document::plain(&src));
    });
    let doc = Document::plain(&src);
    let words = doc.tokens.iter().filter(|t| t.is_word()).count();
    let cx = Context {
        doc: &doc,
        options: &settings.options,
        packs,
        preferred: None,
    };
    let mut row = format!("{name:<34} {:>9} {:>8} {:>8}", src.text.len(), words, ms(build));
    let mut total = Duration::ZERO;
    for id in RULES {
        let Some(rule) = registry.get(id) else { continue };
        let mut found = 0;
        let t = best_of(|| {
            let mut out = Vec::new();
            rule.check(&cx, &mut out);
            found = out.len();
        });
        total += t;
        row.push_str(&format!(" {:>8}/{found:<4}", ms(t)));
    }
    row.push_str(&format!(" {:>8}", ms(total)));
    println!("{row}");
}

fn longest_corpus_articles(root: &Path, n: usize) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = Vec::new();
    let Ok(dirs) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    for dir in dirs.flatten() {
        let Ok(entries) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt")
                && let Ok(m) = e.metadata()
            {
                files.push((m.len(), p));
            }
        }
    }
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    files.into_iter().take(n).map(|(_, p)| p).collect()
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this binary without it, and
    // then there is nothing to time (an unoptimized build would only slow the tests down).
    if !std::env::args().any(|a| a == "--bench") {
        println!("repetition bench: run it with `cargo bench --bench repetition`");
        return;
    }
    let registry = Registry::builtin();
    let settings = Settings::resolve(&registry, &Selection::default());
    let packs = CompiledPacks::new(None, Vec::new());
    let header: String = RULES
        .iter()
        .map(|r| {
            format!(
                " {:>13}",
                r.split('-').map(|p| &p[..p.len().min(4)]).collect::<Vec<_>>().join("-")
            )
        })
        .collect();
    println!("times in ms (best of {RUNS}); each rule column is time/findings");
    println!(
        "{:<34} {:>9} {:>8} {:>8}{header} {:>8}",
        "input", "bytes", "words", "document", "rules"
    );

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let longest = longest_corpus_articles(&corpus, LONGEST);
    if longest.is_empty() {
        println!("(no corpus at {}: skipping the corpus articles)", corpus.display());
    }
    for p in longest {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let name = p
            .strip_prefix(&corpus)
            .map(|s| s.display().to_string())
            .unwrap_or_else(|_| p.display().to_string());
        bench(&name, text, &registry, &settings, &packs);
    }
    for kb in [256, 512, 1024] {
        bench(
            &format!("synthetic {kb} KB, paragraphs"),
            synthetic(kb * 1024, false),
            &registry,
            &settings,
            &packs,
        );
        bench(
            &format!("synthetic {kb} KB, one line"),
            synthetic(kb * 1024, true),
            &registry,
            &settings,
            &packs,
        );
    }
    bench(
        "one paragraph repeated, 1 MB",
        one_paragraph_repeated(1024 * 1024),
        &registry,
        &settings,
        &packs,
    );
}
