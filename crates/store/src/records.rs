//! The other records of the rules (consent, notices, purpose-external use, exchanges,
//! vendors, the roster, training, audits): one table, each kind's fields and checks
//! defined in gezi-law ([`gezi_law::records`]), kept at least five years.

use gezi_law::records::{self, RecordKind, Values};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{audit, check_deletable, missing_or_conflict, now, Actor, Result, Store, StoreError};

/// A record as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// Id.
    pub id: i64,
    /// Its kind (a gezi-law record kind id).
    pub kind: String,
    /// The unit it belongs to.
    pub unit_id: Option<i64>,
    /// The values, by field id.
    pub values: Values,
    /// Entered at.
    pub created_at: String,
    /// Entered by.
    pub created_by: String,
    /// Version.
    pub version: i64,
}

impl Record {
    /// A value, or "".
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }
}

fn from_row(r: &AnyRow) -> Record {
    Record {
        id: r.get("id"),
        kind: r.get("kind"),
        unit_id: r.get("unit_id"),
        values: serde_json::from_str(&r.get::<String, _>("data")).unwrap_or_default(),
        created_at: r.get("created_at"),
        created_by: r.get("created_by"),
        version: r.get("version"),
    }
}

fn kind_of(id: &str) -> Result<&'static RecordKind> {
    records::kind(id).ok_or(StoreError::NotFound("record kind"))
}

/// Trims values and drops empty ones, so that "" and absent mean the same.
fn tidy(values: &Values) -> Values {
    values
        .iter()
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn checked(kind: &RecordKind, values: &Values) -> Result<Values> {
    let values = tidy(values);
    records::check(kind, &values)
        .map_err(|(field, reason)| StoreError::Invalid { field, reason })?;
    for v in values.values() {
        crate::check_text("value", v, 4000)?;
    }
    Ok(values)
}

impl Store {
    /// Records of a kind (all kinds: None), newest first; `unit` limits them to one unit
    /// (Some(-1): a unit that does not exist, so none).
    pub async fn records(&self, kind: Option<&str>, unit: Option<i64>) -> Result<Vec<Record>> {
        Ok(self
            .rows_of_unit("records", unit)
            .await?
            .iter()
            .filter(|r| kind.is_none_or(|k| r.get::<String, _>("kind") == k))
            .map(from_row)
            .collect())
    }

    /// One record.
    pub async fn record(&self, id: i64) -> Result<Record> {
        sqlx::query("SELECT * FROM records WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| from_row(&r))
            .ok_or(StoreError::NotFound("record"))
    }

    /// Enters a record, checked against its kind's rule.
    pub async fn create_record(
        &self,
        actor: &Actor,
        kind: &str,
        unit_id: Option<i64>,
        values: &Values,
    ) -> Result<Record> {
        let k = kind_of(kind)?;
        let values = checked(k, values)?;
        if let Some(u) = unit_id {
            self.unit(u).await?;
        }
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO records (kind, unit_id, data, created_at, created_by, version) VALUES ($1, $2, $3, $4, $5, 1) RETURNING id",
        )
        .bind(k.id)
        .bind(unit_id)
        .bind(serde_json::to_string(&values).expect("strings serialise"))
        .bind(now())
        .bind(&actor.name)
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        audit::append(
            &mut w.tx,
            actor,
            &format!("{}.create", k.id),
            "record",
            id,
            None::<&()>,
            Some(&values),
        )
        .await?;
        w.commit().await?;
        self.record(id).await
    }

    /// Changes a record read at `version`.
    pub async fn update_record(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        values: &Values,
    ) -> Result<Record> {
        let before = self.record(id).await?;
        let k = kind_of(&before.kind)?;
        let values = checked(k, values)?;
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE records SET data = $1, version = version + 1 WHERE id = $2 AND version = $3",
        )
        .bind(serde_json::to_string(&values).expect("strings serialise"))
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "records", "record", id).await);
        }
        audit::append(
            &mut w.tx,
            actor,
            &format!("{}.update", k.id),
            "record",
            id,
            Some(&before.values),
            Some(&values),
        )
        .await?;
        w.commit().await?;
        self.record(id).await
    }

    /// Deletes a record — only once five years old (point 39).
    pub async fn delete_record(&self, actor: &Actor, id: i64) -> Result<()> {
        let r = self.record(id).await?;
        check_deletable(&r.created_at)?;
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM records WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            &format!("{}.delete", r.kind),
            "record",
            id,
            Some(&r.values),
            None::<&()>,
        )
        .await?;
        w.commit().await
    }
}
