//! The command line of the contract: check, rules, explain, init, test-rules.

mod check;
mod error_list;
mod path_list;
mod read_ahead;
mod test_rules;

use crate::render::Format;
use crate::rules::Registry;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 the run could not be done as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

#[derive(Parser, Debug)]
#[command(
    name = "tadqiq",
    version,
    about = "تدقيق — an editorial consistency linter for Arabic news articles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and folders (recursing, honouring .gitignore); `-` reads standard input.
    Check(CheckArgs),
    /// List every rule: id, family, default severity, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. spelling-variant.
        rule: String,
    },
    /// Write a commented starter tadqiq.toml in the current folder.
    Init {
        /// Overwrite an existing tadqiq.toml.
        #[arg(long)]
        force: bool,
    },
    /// Run the wrong/right examples of the built-in packs and of the packs in DIR.
    TestRules {
        /// Folders of house rule packs.
        dirs: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to lint; `-` (or nothing, with piped input) reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Use this configuration file for every input (no discovery).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Run only these rules or families (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Do not run these rules or families (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// The article's publication date when the file does not state it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// No colours in the text format.
    #[arg(long)]
    pub no_color: bool,
    /// Print findings only: no summary, no progress.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how many findings each rule made instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Apply the safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff: also apply the judgement fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Record today's findings in FILE.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings not recorded in FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Lint only shard I of N (1-based), chosen by a hash of the path.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
}

pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules(args),
        Command::Explain { rule } => explain(&rule),
        Command::Init { force } => init(force),
        Command::TestRules { dirs } => test_rules::run(&dirs),
    }
}

/// The rules in force here: the built-in ones and the house rules of the configuration that
/// `tadqiq check .` would use.
fn registry_here() -> Result<Registry, ExitStatus> {
    let here = std::fs::canonicalize(".").unwrap_or_else(|_| PathBuf::from("."));
    let found: Vec<PathBuf> = crate::config::Config::discover(&here).into_iter().collect();
    match crate::lint::Engine::new(None, &found, crate::config::Selection::default()) {
        Ok(engine) => Ok(engine.registry),
        Err(e) => {
            eprintln!("tadqiq: {e}");
            Err(ExitStatus::Error)
        }
    }
}

fn rules(args: RulesArgs) -> ExitStatus {
    let reg = match registry_here() {
        Ok(r) => r,
        Err(status) => return status,
    };
    match args.format {
        RulesFormat::Text => {
            for r in reg.rules() {
                let m = r.meta();
                println!("{:<24} {:<12} {:<8} {}", m.id, m.family, m.severity, m.summary);
            }
        }
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = reg
                .rules()
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({"id": m.id, "family": m.family, "severity": m.severity, "summary": m.summary})
                })
                .collect();
            println!("{}", serde_json::Value::Array(list));
        }
    }
    ExitStatus::Clean
}

fn explain(rule: &str) -> ExitStatus {
    let reg = match registry_here() {
        Ok(r) => r,
        Err(status) => return status,
    };
    match reg.get(rule) {
        Some(r) => {
            let m = r.meta();
            println!(
                "# {} ({}, default severity {})\n\n{}",
                m.id, m.family, m.severity, m.summary
            );
            println!("\n{}", m.doc.trim_end());
            ExitStatus::Clean
        }
        None => {
            eprintln!("tadqiq: unknown rule `{rule}`; `tadqiq rules` lists them");
            ExitStatus::Error
        }
    }
}

fn init(force: bool) -> ExitStatus {
    let path = PathBuf::from("tadqiq.toml");
    if path.exists() && !force {
        eprintln!("tadqiq: tadqiq.toml already exists (use --force to overwrite)");
        return ExitStatus::Error;
    }
    match crate::fsutil::write_atomic(&path, crate::config::STARTER.as_bytes()) {
        Ok(()) => {
            println!("wrote tadqiq.toml");
            ExitStatus::Clean
        }
        Err(e) => {
            eprintln!("tadqiq: cannot write tadqiq.toml: {e}");
            ExitStatus::Error
        }
    }
}
