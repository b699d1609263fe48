//! `tadqiq test-rules [DIR...]`: runs the wrong/right examples of the built-in packs and of a
//! house's packs, and prints one line per failure and a closing `N passed, N failed` line.

use super::ExitStatus;
use crate::rules::pack_rule::run_examples;
use crate::rules::packs;
use std::path::PathBuf;
use std::sync::Arc;

pub fn run(dirs: &[PathBuf]) -> ExitStatus {
    let mut all: Vec<Arc<packs::Pack>> = packs::builtin().to_vec();
    for d in dirs {
        match packs::load_dir(d) {
            Ok(p) => all.extend(p),
            Err(e) => {
                eprintln!("tadqiq: {e}");
                return ExitStatus::Error;
            }
        }
    }
    let registry = match crate::rules::Registry::with_packs(all.iter().skip(packs::builtin().len())) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tadqiq: {e}");
            return ExitStatus::Error;
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for pack in &all {
        let (run, failures) = run_examples(pack, &registry);
        for f in &failures {
            let expect = if f.which == "wrong" {
                "should fire but did not"
            } else {
                "should be silent but fired"
            };
            println!(
                "FAIL {}:{} [{}] {} example {expect}: {}",
                f.path.display(),
                f.line,
                pack.rule,
                f.which,
                f.text
            );
        }
        failed += failures.len();
        passed += run - failures.len();
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitStatus::Clean
    } else {
        ExitStatus::Findings
    }
}
