//! `gezi kinds`: what gezi recognises, and parsing of `--kinds` lists.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gezi_detect::{Kind, KindSet, Pass};

/// Arguments of `gezi kinds`.
#[derive(Args)]
pub struct KindsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: KindsArgs) -> Result<ExitCode> {
    if args.json {
        let rows: Vec<_> = Kind::ALL
            .iter()
            .map(|k| {
                serde_json::json!({
                    "kind": k.id(), "label": k.label(), "personal": k.is_personal(),
                    "pdpa_category": k.pdpa_category(), "special_category": k.is_special_category(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        println!("{:<26} {:<9} {:<8} label", "kind", "personal", "category");
        for k in Kind::ALL {
            let personal = if k.is_personal() { "yes" } else { "no" };
            println!(
                "{:<26} {:<9} {:<8} {}",
                k.id(),
                personal,
                k.pdpa_category(),
                k.label()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses a comma-separated list of kind ids; `ids` and `text` name the two passes.
pub fn parse_kind_list(list: &str) -> Result<KindSet> {
    let mut set = KindSet::empty();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.to_ascii_lowercase().as_str() {
            "all" => return Ok(KindSet::all()),
            "ids" | "identifiers" => KindSet::of_pass(Pass::Identifier)
                .iter()
                .for_each(|k| set.insert(k)),
            "text" => KindSet::of_pass(Pass::Text)
                .iter()
                .for_each(|k| set.insert(k)),
            _ => set.insert(
                item.parse::<Kind>()
                    .with_context(|| format!("in the kind list `{list}`"))?,
            ),
        }
    }
    Ok(set)
}
