//! `gezi scan --cache FILE`: what each file held the last time it was read, keyed by
//! its path, size, modification time and content hash, so that a re-scan reads again
//! only what changed. The cache is an SQLite file (0600) holding reports as they are
//! printed — masked previews only: `--show-values` refuses a cache.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::report::{shown_path, FileReport, Skipped};

/// What reading one file on disk gave.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cached {
    /// Its documents (the file and what is inside it).
    pub reports: Vec<FileReport>,
    /// What was not (fully) read.
    pub skipped: Vec<Skipped>,
}

struct Entry {
    size: u64,
    mtime_ns: i64,
    hash: Vec<u8>,
    /// The path as it was shown when stored: reports name it.
    shown: String,
    result: String,
}

/// The cache of one scan: loaded whole at the start, written back at the end.
pub struct Cache {
    file: PathBuf,
    fingerprint: String,
    old: HashMap<Vec<u8>, Entry>,
    seen: Mutex<HashSet<Vec<u8>>>,
    new: Mutex<Vec<(Vec<u8>, Entry)>>,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the cache's runtime")
}

async fn connect(file: &Path) -> Result<sqlx::SqlitePool> {
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Delete);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS scanned (
            path BLOB PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
            hash BLOB NOT NULL, fingerprint TEXT NOT NULL, shown TEXT NOT NULL, result TEXT NOT NULL)",
    )
    .execute(&pool)
    .await?;
    Ok(pool)
}

impl Cache {
    /// Opens (or creates, readable by its owner only) the cache file; entries made with
    /// another gezi or other options are treated as absent.
    pub fn open(file: &Path, fingerprint: &str) -> Result<Cache> {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(file)
            .and_then(|f| {
                // A cache made earlier with looser permissions is tightened too.
                f.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
            })
            .with_context(|| format!("cannot open the cache {}", file.display()))?;
        let rows = runtime()?.block_on(async {
            let pool = connect(file).await?;
            let rows = sqlx::query(
                "SELECT path, size, mtime_ns, hash, shown, result FROM scanned WHERE fingerprint = $1",
            )
            .bind(fingerprint)
            .fetch_all(&pool)
            .await?;
            pool.close().await;
            anyhow::Ok(rows)
        });
        let rows = rows.with_context(|| format!("{} is not a gezi scan cache", file.display()))?;
        let old = rows
            .iter()
            .map(|r| {
                (
                    r.get::<Vec<u8>, _>(0),
                    Entry {
                        size: r.get::<i64, _>(1) as u64,
                        mtime_ns: r.get(2),
                        hash: r.get(3),
                        shown: r.get(4),
                        result: r.get(5),
                    },
                )
            })
            .collect();
        Ok(Cache {
            file: file.to_path_buf(),
            fingerprint: fingerprint.to_string(),
            old,
            seen: Mutex::new(HashSet::new()),
            new: Mutex::new(Vec::new()),
        })
    }

    /// The stored result of `path` if the file is unchanged: the same size and time, or
    /// the same size and content.
    pub fn lookup(&self, path: &Path) -> Option<Cached> {
        let key = key(path);
        self.seen.lock().expect("cache lock").insert(key.clone());
        let entry = self.old.get(&key)?;
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() != entry.size {
            return None;
        }
        let mtime_ns = meta.mtime() * 1_000_000_000 + meta.mtime_nsec();
        if mtime_ns != entry.mtime_ns {
            // Touched: the same content still counts as unchanged.
            let hash = hash_file(path).ok()?;
            if hash != entry.hash {
                return None;
            }
            self.new.lock().expect("cache lock").push((
                key,
                Entry {
                    size: entry.size,
                    mtime_ns,
                    hash,
                    shown: entry.shown.clone(),
                    result: entry.result.clone(),
                },
            ));
        }
        let mut cached: Cached = serde_json::from_str(&entry.result).ok()?;
        // Reports name the path as it was given then; name it as given now.
        let now = shown_path(path).0;
        if now != entry.shown {
            let rename = |p: &mut String| {
                if let Some(rest) = p.strip_prefix(&entry.shown) {
                    *p = format!("{now}{rest}");
                }
            };
            cached.reports.iter_mut().for_each(|r| rename(&mut r.path));
            cached.skipped.iter_mut().for_each(|s| rename(&mut s.path));
        }
        Some(cached)
    }

    /// Remembers what reading `path` gave (written by [`Cache::save`]).
    pub fn store(&self, path: &Path, result: &Cached) {
        let (Ok(meta), Ok(hash), Ok(json)) = (
            std::fs::metadata(path),
            hash_file(path),
            serde_json::to_string(result),
        ) else {
            return; // not cached: it is read again next time
        };
        self.new.lock().expect("cache lock").push((
            key(path),
            Entry {
                size: meta.len(),
                mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
                hash,
                shown: shown_path(path).0,
                result: json,
            },
        ));
    }

    /// Writes the new entries, and forgets files that no longer exist, in one transaction.
    pub fn save(self) -> Result<()> {
        let new = self.new.into_inner().expect("cache lock");
        let seen = self.seen.into_inner().expect("cache lock");
        let gone: Vec<&Vec<u8>> = self
            .old
            .keys()
            .filter(|k| !seen.contains(*k) && !Path::new(std::ffi::OsStr::from_bytes(k)).exists())
            .collect();
        runtime()?.block_on(async {
            let pool = connect(&self.file).await?;
            let mut tx = pool.begin().await?;
            for k in gone {
                sqlx::query("DELETE FROM scanned WHERE path = $1")
                    .bind(k)
                    .execute(&mut *tx)
                    .await?;
            }
            for (k, e) in &new {
                sqlx::query(
                    "INSERT INTO scanned (path, size, mtime_ns, hash, fingerprint, shown, result)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (path) DO UPDATE SET size = $2, mtime_ns = $3, hash = $4,
                         fingerprint = $5, shown = $6, result = $7",
                )
                .bind(k)
                .bind(e.size as i64)
                .bind(e.mtime_ns)
                .bind(&e.hash)
                .bind(&self.fingerprint)
                .bind(&e.shown)
                .bind(&e.result)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            pool.close().await;
            anyhow::Ok(())
        })
    }
}

/// The cache key: the canonical path's bytes (the path as given if it cannot be resolved).
fn key(path: &Path) -> Vec<u8> {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .as_os_str()
        .as_bytes()
        .to_vec()
}

fn hash_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().to_vec())
}
