use std::time::{Duration, Instant};
use tadqiq::config::{Selection, Settings};
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::rules::{Context, Registry};
use tadqiq::source::SourceFile;

fn main() {
    let root = std::env::args().nth(1).unwrap_or("/work/shared/corpus".into());
    let mut files = Vec::new();
    for e in ignore::WalkBuilder::new(&root).build().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt" || x == "md") {
            files.push(p.to_path_buf());
        }
    }
    files.sort();
    let srcs: Vec<SourceFile> = files
        .iter()
        .map(|p| SourceFile::new(p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let registry = Registry::builtin();
    let settings = Settings::resolve(&registry, &Selection::default());
    let packs = CompiledPacks::new(None, Vec::new());
    let only = std::env::args().nth(2);
    if only.as_deref() == Some("build") {
        let t = Instant::now();
        for _ in 0..10 {
            for s in &srcs {
                std::hint::black_box(tadqiq::document::build(s));
            }
        }
        println!("build x3 {:?}", t.elapsed());
        return;
    }
    let t = Instant::now();
    let docs: Vec<_> = srcs.iter().map(tadqiq::document::build).collect();
    if let Some(id) = only.as_deref() {
        let rule = registry.get(id).unwrap();
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..10 {
            for doc in &docs {
                let cx = Context {
                    doc,
                    options: &settings.options,
                    packs: &packs,
                    preferred: None,
                };
                let mut out = Vec::new();
                rule.check(&cx, &mut out);
                n += out.len();
            }
        }
        println!("{id} x10 {:?} {n}", t.elapsed());
        return;
    }
    let build = t.elapsed();
    let mut times = vec![Duration::ZERO; registry.rules().len()];
    let mut counts = vec![0usize; registry.rules().len()];
    for doc in &docs {
        let cx = Context {
            doc,
            options: &settings.options,
            packs: &packs,
            preferred: None,
        };
        for (i, rule) in registry.rules().iter().enumerate() {
            if !settings.enabled[i] {
                continue;
            }
            let mut out = Vec::new();
            let t = Instant::now();
            rule.check(&cx, &mut out);
            times[i] += t.elapsed();
            counts[i] += out.len();
        }
    }
    let t = Instant::now();
    let mut sup = 0;
    for doc in &docs {
        let cx = Context {
            doc,
            options: &settings.options,
            packs: &packs,
            preferred: None,
        };
        let mut out = Vec::new();
        for (i, rule) in registry.rules().iter().enumerate() {
            if settings.enabled[i] {
                rule.check(&cx, &mut out);
            }
        }
        let out = tadqiq::document::suppress::apply(doc, out, &registry, &settings);
        sup += out.len();
    }
    let all = t.elapsed();
    println!("document build {:>8.1} ms", build.as_secs_f64() * 1e3);
    let mut rows: Vec<_> = registry
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| (times[i], r.id().to_string(), counts[i]))
        .collect();
    rows.sort();
    rows.reverse();
    let total: Duration = times.iter().sum();
    for (t, id, n) in rows {
        println!("{id:<26} {:>8.1} ms {n:>6}", t.as_secs_f64() * 1e3);
    }
    println!(
        "rules total {:>8.1} ms; all+suppress {:>8.1} ms ({sup})",
        total.as_secs_f64() * 1e3,
        all.as_secs_f64() * 1e3
    );
}
