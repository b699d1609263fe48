use clap::Parser;
use tadqiq::cli::{Cli, ExitStatus, run};

fn main() {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { ExitStatus::Error as i32 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    std::process::exit(run(cli) as i32);
}
