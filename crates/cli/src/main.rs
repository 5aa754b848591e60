//! `gezi`: the one binary. Thin: it parses arguments, calls the libraries, prints.

mod detect_cmd;
mod kinds;
mod output;
mod report;
mod scan;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// gezi (個資) finds personal data in files and text — Taiwan, Hong Kong and mainland
/// identifiers, phones, e-mails, cards, names, addresses and the special categories of
/// PDPA Art. 6 — so that it can be registered, protected and deleted on time.
#[derive(Parser)]
#[command(name = "gezi", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  gezi scan ./exports                      summary of what personal data is where
  gezi scan . --include '*.csv' --format json > report.json
  gezi scan share/ --fail-on TW_NATIONAL_ID,CREDIT_CARD   (for CI: exit 1 only for these)
  echo '{\"id\":1,\"text\":\"電話 0912-345-678\"}' | gezi detect
  gezi kinds                               what gezi recognises, with PDPA categories

Exit codes: 0 nothing personal found, 1 personal data found, 2 error (bad arguments,
unreadable input). Values are masked unless --show-values is given.";

#[derive(Subcommand)]
enum Command {
    /// Scan files and directories for personal data and report what was found where.
    Scan(scan::ScanArgs),
    /// Detect personal data in JSONL records ({"id":…,"text":…} per line) and write spans as JSONL.
    Detect(detect_cmd::DetectArgs),
    /// List the kinds gezi recognises, with their PDPA data category.
    Kinds(kinds::KindsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Detect(args) => detect_cmd::run(args),
        Command::Kinds(args) => kinds::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gezi: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
