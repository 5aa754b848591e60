//! gezi-store: the register in a database.
//!
//! One [`Store`] over SQLite (the default: one file, nothing to install) or PostgreSQL
//! (many users), with the same SQL for both through sqlx's `Any` driver: the schema uses
//! their common subset (see [`schema`]). Every change runs in one transaction together
//! with its entry in the hash-chained audit trail ([`audit`]), so a change without its
//! audit entry cannot exist. Records carry a `version`; an update names the version it
//! read and is refused with [`StoreError::Conflict`] when someone changed it meanwhile.
//!
//! The store checks what the data must be (codes from the official lists, scores 1–3,
//! lengths); who may do what is the server's business.
#![deny(missing_docs)]

pub mod accounts;
pub mod audit;
pub mod calendars;
pub mod codes;
pub mod disposals;
pub mod due;
pub mod files;
pub mod import;
pub mod incidents;
pub mod records;
pub mod requests;
pub mod risk;
pub mod schema;
pub mod time;
pub mod units;

use std::fmt;

/// The database driver's error type, for callers that classify failures.
pub use sqlx::Error as SqlxError;
use std::sync::Arc;
pub use time::{date_of, now};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Row, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, one file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// A database URL whose `Debug` and `Display` hide the password, so it can be logged.
#[derive(Clone)]
pub struct DbUrl(String);

impl DbUrl {
    /// Wraps a URL (`sqlite://gezi.db`, `postgres://user:pw@host/db`).
    pub fn new(url: impl Into<String>) -> DbUrl {
        DbUrl(url.into())
    }

    /// The URL itself, for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Which database the URL names.
    pub fn backend(&self) -> Result<Backend, StoreError> {
        let u = self.0.as_str();
        if u.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if u.starts_with("postgres://") || u.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::invalid(
                "database",
                "the URL must start with sqlite:// or postgres://",
            ))
        }
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // postgres://user:secret@host → postgres://user:***@host
        match (self.0.find("://"), self.0.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                let creds = &self.0[scheme + 3..at];
                match creds.find(':') {
                    Some(colon) => write!(
                        f,
                        "{}{}:***{}",
                        &self.0[..scheme + 3],
                        &creds[..colon],
                        &self.0[at..]
                    ),
                    None => f.write_str(&self.0),
                }
            }
            _ => f.write_str(&self.0),
        }
    }
}

impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbUrl({self})")
    }
}

/// What can go wrong, folded so that callers can act on it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The record was changed by someone else since it was read.
    #[error("{what} was changed by someone else (now version {current}); reload and apply your change again")]
    Conflict {
        /// What was changed.
        what: &'static str,
        /// Its version now.
        current: i64,
    },
    /// The input is not acceptable: which field, and why.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field (form and API name).
        field: String,
        /// Why it was refused.
        reason: String,
    },
    /// The record must be kept until the date (point 39: five years) and cannot be deleted.
    #[error(
        "records are kept for at least five years (point 39): this one can be deleted from {until}"
    )]
    Retained {
        /// The first day it may be deleted.
        until: chrono::NaiveDate,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// An [`StoreError::Invalid`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// Shorthand.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Who makes a change, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user's id, when a user (not the system) acts.
    pub user_id: Option<i64>,
    /// The username, or `system` / `cli`.
    pub name: String,
}

impl Actor {
    /// The system itself (first start, migrations).
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            name: "system".into(),
        }
    }
}

/// The register in a database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer; taking turns here avoids "database is locked" between our
    /// own connections (PostgreSQL uses row locks instead).
    write_turn: Arc<Mutex<()>>,
}

/// A write transaction, holding the writer's turn on SQLite.
pub(crate) struct Write {
    pub tx: Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Write {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Connects, creates the SQLite file when missing, runs pending migrations and loads
    /// the shipped code lists into an empty database.
    pub async fn open(url: &DbUrl) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = url.backend()?;
        let mut connect = url.expose().to_string();
        if backend == Backend::Sqlite && !connect.contains("mode=") {
            connect.push_str(if connect.contains('?') {
                "&mode=rwc"
            } else {
                "?mode=rwc"
            });
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect(&connect)
            .await?;
        let store = Store {
            pool,
            backend,
            write_turn: Arc::new(Mutex::new(())),
        };
        store.migrate().await?;
        store.load_shipped_codes().await?;
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// True when the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Rows of `table`, newest first; only one unit's when `unit` is given (a unit contact
    /// without a unit passes Some(-1) and gets none).
    pub(crate) async fn rows_of_unit(
        &self,
        table: &'static str,
        unit: Option<i64>,
    ) -> Result<Vec<AnyRow>> {
        let sql = format!("SELECT * FROM {table} WHERE ($1 = 0 OR unit_id = $2) ORDER BY id DESC");
        Ok(sqlx::query(&sql)
            .bind(unit.is_some() as i64)
            .bind(unit.unwrap_or(0))
            .fetch_all(&self.pool)
            .await?)
    }

    pub(crate) async fn write(&self) -> Result<Write> {
        let turn = match self.backend {
            Backend::Sqlite => Some(self.write_turn.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        Ok(Write {
            tx: self.pool.begin().await?,
            _turn: turn,
        })
    }

    async fn migrate(&self) -> Result<()> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        let applied: Vec<i64> = sqlx::query("SELECT version FROM schema_migrations")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect();
        for (version, sql) in schema::MIGRATIONS {
            if applied.contains(version) {
                continue;
            }
            let mut w = self.write().await?;
            for statement in schema::expand(sql, self.backend).split(';') {
                if !statement.trim().is_empty() {
                    sqlx::query(statement).execute(&mut *w.tx).await?;
                }
            }
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now())
                .execute(&mut *w.tx)
                .await?;
            w.commit().await?;
        }
        Ok(())
    }
}

/// The number people quote for a record: a letter, the year it was entered, its id
/// (`R2026-00001`). Derived, so it needs no column and cannot disagree with the id.
pub(crate) fn reference(letter: char, created_at: &str, id: i64) -> String {
    format!("{letter}{}-{id:05}", created_at.get(..4).unwrap_or("0000"))
}

/// Refuses to delete a record of point 39 entered at `created_at` before its five years
/// are up: the one check every deletion of a request, incident, disposal or record
/// goes through.
pub(crate) fn check_deletable(created_at: &str) -> Result<()> {
    use gezi_law::retention;
    let created =
        date_of(created_at).ok_or_else(|| StoreError::invalid("created_at", "unreadable date"))?;
    if retention::may_delete(created, time::local_today()) {
        Ok(())
    } else {
        Err(StoreError::Retained {
            until: retention::deletable_from(created),
        })
    }
}

/// The audit action of a workflow step: `request.decide`, `incident.report` — the
/// step's serde tag after the record's name.
pub(crate) fn step_action(record: &str, step: &impl serde::Serialize) -> String {
    let tag = serde_json::to_value(step)
        .ok()
        .and_then(|v| v["step"].as_str().map(String::from))
        .unwrap_or_default();
    format!("{record}.{tag}")
}

pub(crate) fn flag(row: &AnyRow, col: &str) -> bool {
    row.get::<i64, _>(col) != 0
}

pub(crate) fn json_list(row: &AnyRow, col: &str) -> Vec<String> {
    serde_json::from_str(&row.get::<String, _>(col)).unwrap_or_default()
}

pub(crate) fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).expect("a list of strings serialises")
}

/// Checks a free-text field: length in characters and no control characters other than
/// line breaks and tabs.
pub(crate) fn check_text(field: &str, value: &str, max_chars: usize) -> Result<()> {
    if value.chars().count() > max_chars {
        return Err(StoreError::invalid(
            field,
            format!("longer than {max_chars} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(StoreError::invalid(field, "contains control characters"));
    }
    Ok(())
}

pub(crate) fn required(field: &str, value: &str, max_chars: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::invalid(field, "is required"));
    }
    check_text(field, value, max_chars)
}

/// After an update by version matched no row: not found, or changed meanwhile.
pub(crate) async fn missing_or_conflict(
    tx: &mut Transaction<'static, Any>,
    table: &'static str,
    what: &'static str,
    id: i64,
) -> StoreError {
    let sql = format!("SELECT version FROM {table} WHERE id = $1");
    match sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await {
        Ok(Some(row)) => StoreError::Conflict {
            what,
            current: row.get(0),
        },
        Ok(None) => StoreError::NotFound(what),
        Err(e) => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_hide_passwords() {
        let u = DbUrl::new("postgres://gezi:s3cret@db:5432/gezi");
        assert_eq!(u.to_string(), "postgres://gezi:***@db:5432/gezi");
        assert!(!format!("{u:?}").contains("s3cret"));
        assert_eq!(
            DbUrl::new("sqlite://gezi.db").to_string(),
            "sqlite://gezi.db"
        );
        assert!(DbUrl::new("mysql://x").backend().is_err());
    }

    #[test]
    fn text_checks_name_the_field() {
        let e = check_text("name", "a\u{0}b", 10).unwrap_err();
        assert_eq!(e.to_string(), "name: contains control characters");
        assert!(required("name", "  ", 10).is_err());
        assert!(check_text("name", "一二三", 2).is_err());
    }
}
