use anyhow::Result; use clap::Args; use std::process::ExitCode;
#[derive(Args)] pub struct ScanArgs {}
pub fn run(_a: ScanArgs) -> Result<ExitCode> { Ok(ExitCode::SUCCESS) }
