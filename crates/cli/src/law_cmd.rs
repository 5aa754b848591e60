//! `gezi law deadline`: when a data subject's request must be answered, so that a person
//! can check gezi against the law.

use std::process::ExitCode;

use anyhow::{anyhow, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use gezi_law::calendar::Calendar;
use gezi_law::deadline::{request_deadline, Request};
use gezi_law::Jurisdiction;

#[derive(Subcommand, Debug)]
pub enum LawCommand {
    /// The due date of a data subject's request, the latest date one extension can reach,
    /// and the articles they come from.
    ///
    /// Days are counted as each place's law counts them: the day of receipt is not
    /// counted, and a last day on a rest day moves to the next working day (Taiwan:
    /// Civil Code Art. 120–122, Saturdays included; Hong Kong: Cap. 1 s71, general
    /// holidays including Sundays), on the official holiday calendar gezi ships.
    Deadline(DeadlineArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Place {
    Tw,
    Hk,
    Cn,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Kind {
    Access,
    Copy,
    Correction,
    Supplement,
    Stop,
    Deletion,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct DeadlineArgs {
    /// Whose law: tw (PDPA), hk (PDPO), cn (PIPL).
    #[arg(long, value_enum)]
    jurisdiction: Place,
    /// What the data subject asked for.
    #[arg(long, value_enum)]
    request: Kind,
    /// The day the request was received (YYYY-MM-DD, in the organisation's time zone).
    #[arg(long)]
    received: String,
    /// An official holiday list to add (`date,name` CSV), e.g. a year gezi does not ship.
    #[arg(long)]
    calendar: Option<std::path::PathBuf>,
    /// text for people, json for programs: {"due", "extended_due", "basis", "notes"}.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(cmd: LawCommand) -> Result<ExitCode> {
    let LawCommand::Deadline(a) = cmd;
    let received = NaiveDate::parse_from_str(a.received.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("--received: `{}` is not a date YYYY-MM-DD", a.received))?;
    let j = match a.jurisdiction {
        Place::Tw => Jurisdiction::Tw,
        Place::Hk => Jurisdiction::Hk,
        Place::Cn => Jurisdiction::Cn,
    };
    let req = Request::parse(&format!("{:?}", a.request).to_lowercase()).expect("the same names");
    let mut cal = Calendar::shipped(j);
    if let Some(path) = &a.calendar {
        let text = std::fs::read_to_string(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
        cal.import(&text)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    }
    let d = request_deadline(j, req, received, &cal);
    let day = |x: Option<NaiveDate>| x.map(|d| d.to_string());
    match a.format {
        Format::Json => {
            let v = serde_json::json!({
                "due": day(d.due),
                "extended_due": day(d.extended_due),
                "basis": d.basis,
                "notes": d.notes,
            });
            println!("{v}");
        }
        Format::Text => {
            let show = |x: Option<NaiveDate>| match x {
                Some(d) => format!("{d} ({})", d.format("%a")),
                None => "—".into(),
            };
            println!("received:      {received} ({})", received.format("%a"));
            println!("due:           {}", show(d.due));
            println!("extended due:  {}", show(d.extended_due));
            println!("basis:         {}", d.basis);
            for n in &d.notes {
                println!("note:          {n}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
