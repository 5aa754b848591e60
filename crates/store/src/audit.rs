//! The audit trail: who changed what, when, before and after — hash-chained.
//!
//! Each entry's hash covers its own fields and the previous entry's hash, and a one-row
//! head table holds the last sequence number and hash. Editing an entry breaks its hash,
//! deleting one breaks the chain (or the head, for the last), so [`Store::verify_audit`]
//! finds both. Personal values in the before/after snapshots are masked with gezi-detect
//! before they are written: the trail must not become a second copy of the data. There
//! is no code that deletes entries; point 39 asks for at least five years.

use gezi_detect::{mask_findings, Detector};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};

use crate::{now, Actor, Result, Store};

/// One entry of the trail.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// 1, 2, 3 … without gaps.
    pub seq: i64,
    /// When (UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What was done (`data_file.update`, `user.create` …).
    pub action: String,
    /// The kind of record.
    pub entity: String,
    /// Its id.
    pub entity_id: String,
    /// The record before (masked JSON), if it existed.
    pub before: Option<String>,
    /// The record after (masked JSON), if it still exists.
    pub after: Option<String>,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// What [`Store::verify_audit`] found.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// Entries checked.
    pub entries: i64,
    /// Problems, in order (empty when the chain is intact).
    pub problems: Vec<String>,
}

impl Verification {
    /// True when nothing was altered or removed.
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Masks every string in a snapshot where gezi-detect finds personal data.
pub fn mask_snapshot(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(mask_findings(Detector::shared(), s)),
        Value::Array(a) => Value::Array(a.iter().map(mask_snapshot).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), mask_snapshot(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn entry_hash(
    prev: &str,
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different entries hash the same bytes.
    for field in [
        prev,
        &seq.to_string(),
        at,
        actor,
        action,
        entity,
        entity_id,
        before.unwrap_or("\u{0}none"),
        after.unwrap_or("\u{0}none"),
    ] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an entry inside the change's own transaction.
pub(crate) async fn append<B: Serialize, A: Serialize>(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let snapshot = |v: Value| mask_snapshot(&v).to_string();
    let before = before.map(|b| snapshot(serde_json::to_value(b).unwrap_or(Value::Null)));
    let after = after.map(|a| snapshot(serde_json::to_value(a).unwrap_or(Value::Null)));
    // Taking the head row first serialises appends (a row lock on PostgreSQL).
    sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut **tx)
        .await?;
    let seq: i64 = head.get(0);
    let prev: String = head.get(1);
    let at = now();
    let entity_id = entity_id.to_string();
    let hash = entry_hash(
        &prev,
        seq,
        &at,
        &actor.name,
        action,
        entity,
        &entity_id,
        before.as_deref(),
        after.as_deref(),
    );
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(seq)
    .bind(&at)
    .bind(&actor.name)
    .bind(action)
    .bind(entity)
    .bind(&entity_id)
    .bind(before)
    .bind(after)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn entry(r: &sqlx::any::AnyRow) -> Entry {
    Entry {
        seq: r.get("seq"),
        at: r.get("at"),
        actor: r.get("actor"),
        action: r.get("action"),
        entity: r.get("entity"),
        entity_id: r.get("entity_id"),
        before: r.get("before_json"),
        after: r.get("after_json"),
        prev_hash: r.get("prev_hash"),
        hash: r.get("hash"),
    }
}

impl Store {
    /// Records an event that changes no table (a package made, a letter printed).
    pub async fn record_event(
        &self,
        actor: &Actor,
        action: &str,
        entity: &str,
        entity_id: i64,
        details: &Value,
    ) -> Result<()> {
        let mut w = self.write().await?;
        append(
            &mut w.tx,
            actor,
            action,
            entity,
            entity_id,
            None::<&()>,
            Some(details),
        )
        .await?;
        w.commit().await
    }

    /// The newest entries first, `limit` of them after skipping `offset`; optionally only
    /// those about one record (`entity`, `entity_id`).
    pub async fn audit_entries(
        &self,
        limit: i64,
        offset: i64,
        about: Option<(&str, &str)>,
    ) -> Result<Vec<Entry>> {
        let rows = match about {
            Some((entity, id)) => {
                sqlx::query(
                    "SELECT * FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT $3 OFFSET $4",
                )
                .bind(entity)
                .bind(id)
                .bind(limit)
                .bind(offset)
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1 OFFSET $2")
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.pool())
                    .await?
            }
        };
        Ok(rows.iter().map(entry).collect())
    }

    /// Recomputes the whole chain and compares it with the head.
    pub async fn verify_audit(&self) -> Result<Verification> {
        let rows = sqlx::query("SELECT * FROM audit_log ORDER BY seq")
            .fetch_all(self.pool())
            .await?;
        let mut problems = Vec::new();
        let mut prev = "genesis".to_string();
        let mut expected_seq = 1;
        for r in &rows {
            let e = entry(r);
            if e.seq != expected_seq {
                problems.push(format!(
                    "entry {expected_seq}{}: missing (the next entry is {})",
                    if e.seq > expected_seq + 1 {
                        format!("–{}", e.seq - 1)
                    } else {
                        String::new()
                    },
                    e.seq
                ));
            }
            if e.prev_hash != prev {
                problems.push(format!(
                    "entry {}: does not follow the entry before it (chain broken)",
                    e.seq
                ));
            }
            let recomputed = entry_hash(
                &e.prev_hash,
                e.seq,
                &e.at,
                &e.actor,
                &e.action,
                &e.entity,
                &e.entity_id,
                e.before.as_deref(),
                e.after.as_deref(),
            );
            if recomputed != e.hash {
                problems.push(format!(
                    "entry {}: altered (its content does not match its hash)",
                    e.seq
                ));
            }
            prev = e.hash.clone();
            expected_seq = e.seq + 1;
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(self.pool())
            .await?;
        let (head_seq, head_hash): (i64, String) = (head.get(0), head.get(1));
        if head_seq != expected_seq - 1 || head_hash != prev {
            problems.push(format!(
                "the last entry should be {head_seq} but the log ends at {}: entries at the end were removed or the head was altered",
                expected_seq - 1
            ));
        }
        Ok(Verification {
            entries: rows.len() as i64,
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_mask_personal_values_only() {
        let v = serde_json::json!({"name": "員工資料", "contact": "0912-345-678", "n": 3});
        let m = mask_snapshot(&v);
        assert_eq!(m["name"], "員工資料");
        assert_eq!(m["contact"], "091*******78");
        assert_eq!(m["n"], 3);
    }

    #[test]
    fn hashes_depend_on_every_field() {
        let a = entry_hash("p", 1, "t", "u", "a", "e", "1", None, Some("{}"));
        let b = entry_hash("p", 1, "t", "u", "a", "e", "1", Some("{}"), None);
        let c = entry_hash("p", 2, "t", "u", "a", "e", "1", None, Some("{}"));
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 64);
    }
}
