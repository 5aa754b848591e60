//! `gezi`: the one binary. Thin: it parses arguments, calls the libraries, prints.

mod cache;
mod detect_cmd;
mod documents;
mod kinds;
mod law_cmd;
mod output;
mod report;
mod scan;
mod serve;

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
  gezi serve                               the register: web UI and API on 127.0.0.1:8080
  gezi register import report.json         propose data files from a scan report
  gezi audit verify                        check that no audit entry was altered or removed
  gezi law deadline --jurisdiction tw --request access --received 2026-11-22

Exit codes: 0 nothing personal found, 1 personal data found, 2 error (bad arguments,
unreadable input); `audit verify`: 0 intact, 1 altered, 2 error. Values are masked unless --show-values is given.";

#[derive(Subcommand)]
enum Command {
    /// Scan files and directories for personal data and report what was found where.
    Scan(scan::ScanArgs),
    /// Detect personal data in JSONL records ({"id":…,"text":…} per line) and write spans as JSONL.
    Detect(detect_cmd::DetectArgs),
    /// List the kinds gezi recognises, with their PDPA data category.
    Kinds(kinds::KindsArgs),
    /// Serve the register: web UI (繁體中文/English), REST API under /api/v1, public list.
    Serve(serve::ServeArgs),
    /// The register of personal-data files.
    #[command(subcommand)]
    Register(serve::RegisterCommand),
    /// The audit trail.
    #[command(subcommand)]
    Audit(serve::AuditCommand),
    /// What the law says, computed: deadlines of data-subject requests.
    #[command(subcommand)]
    Law(law_cmd::LawCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Detect(args) => detect_cmd::run(args),
        Command::Kinds(args) => kinds::run(args),
        Command::Serve(args) => serve::serve(args),
        Command::Register(cmd) => serve::register(cmd),
        Command::Audit(cmd) => serve::audit(cmd),
        Command::Law(cmd) => law_cmd::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gezi: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
