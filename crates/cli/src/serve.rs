//! `gezi serve`, `gezi register import` and `gezi audit verify`: the register from the
//! command line. Thin: open the store, call it, print.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use gezi_store::{Actor, DbUrl, Store};

/// Where the register lives.
#[derive(Args, Debug)]
pub struct DbArgs {
    /// The database: `sqlite://gezi.db` (default; created when missing) or
    /// `postgres://user:password@host/db`. Also read from DATABASE_URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://gezi.db",
        hide_env_values = true
    )]
    pub database: String,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Mark cookies Secure (set this when gezi is served over HTTPS behind a proxy).
    #[arg(long)]
    secure_cookies: bool,
    /// Minutes between reminder runs (overdue and due-today items, by the e-mail and
    /// webhook set on the settings page; each item at most once a day). 0 turns it off.
    #[arg(long, default_value_t = 15, value_name = "MINUTES")]
    remind_every: u64,
}

#[derive(Subcommand, Debug)]
pub enum RegisterCommand {
    /// Import a `gezi scan --format json` report: propose data files per source folder,
    /// update the counts of those seen before.
    Import {
        /// The report file (`-` for stdin).
        report: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Recompute the audit trail's hash chain; exit 1 if any entry was altered or removed.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

async fn open(db: &DbArgs) -> Result<Store> {
    let url = DbUrl::new(&db.database);
    Store::open(&url)
        .await
        .with_context(|| format!("opening the database {url}"))
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open(&args.db).await?;
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        let addr = listener.local_addr()?;
        eprintln!("gezi: register at http://{addr}/ (database {})", DbUrl::new(&args.db.database));
        if let Some(password) = gezi_server::first_run(&store).await? {
            eprintln!(
                "gezi: first start. Log in at http://{addr}/login as `admin` with the one-time password\n\n    {password}\n\n\
                 You will be asked to choose your own password. This password is not shown again."
            );
        }
        if args.remind_every > 0 {
            gezi_server::reminders::spawn(
                store.clone(),
                std::time::Duration::from_secs(args.remind_every * 60),
            );
        }
        let state = gezi_server::AppState { store, secure_cookies: args.secure_cookies };
        gezi_server::serve(state, listener).await.context("serving")?;
        Ok(ExitCode::SUCCESS)
    })
}

pub fn register(cmd: RegisterCommand) -> Result<ExitCode> {
    let RegisterCommand::Import { report, db } = cmd;
    let bytes = if report.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("reading the report from stdin")?;
        b
    } else {
        std::fs::read(&report).with_context(|| format!("reading {}", report.display()))?
    };
    let parsed = gezi_store::import::parse_report(&bytes)
        .with_context(|| format!("{}", report.display()))?;
    runtime()?.block_on(async {
        let store = open(&db).await?;
        let actor = Actor {
            user_id: None,
            name: format!(
                "cli:{}",
                std::env::var("USER").unwrap_or_else(|_| "unknown".into())
            ),
        };
        let out = store.import_scan(&actor, &parsed).await?;
        println!(
            "import #{}: {} proposed, {} updated, {} unchanged",
            out.import_id,
            out.created.len(),
            out.updated.len(),
            out.unchanged.len()
        );
        for (id, name) in &out.created {
            println!("  proposed  #{id} {name}");
        }
        for u in &out.updated {
            let changes: Vec<String> = u
                .changes
                .iter()
                .map(|(k, b, a)| format!("{k} {b}→{a}"))
                .collect();
            println!("  updated   #{} {}: {}", u.id, u.name, changes.join(", "));
        }
        for n in &out.notes {
            println!("  note: {n}");
        }
        println!("Confirm the proposals in the web UI (gezi serve) or the API.");
        Ok(ExitCode::SUCCESS)
    })
}

pub fn audit(cmd: AuditCommand) -> Result<ExitCode> {
    let AuditCommand::Verify { db } = cmd;
    runtime()?.block_on(async {
        let store = open(&db).await?;
        let v = store.verify_audit().await?;
        if v.intact() {
            println!(
                "audit trail intact: {} entries, hash chain and head agree",
                v.entries
            );
            Ok(ExitCode::SUCCESS)
        } else {
            println!("audit trail NOT intact ({} entries checked):", v.entries);
            for p in &v.problems {
                println!("  {p}");
            }
            Ok(ExitCode::from(1))
        }
    })
}
