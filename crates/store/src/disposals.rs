//! Retention and disposal (points 21–24): a retention date per data file, and disposal
//! records that cannot exist without the impact check (point 23(2)) and the
//! verification that the data cannot be restored or recombined (point 24).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{audit, check_deletable, now, required, Actor, Result, Store, StoreError};

/// A disposal to record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewDisposal {
    /// When the data was deleted or destroyed.
    pub disposed_on: NaiveDate,
    /// How (secure erase, shredding, …).
    pub method: String,
    /// Who approved it (簽奉核定, point 21(2)).
    pub approved_by: String,
    /// The impact check on the systems and services that use the data (point 23(2)).
    pub impact_check: String,
    /// How it was verified that the data cannot be restored or recombined (point 24).
    pub verification: String,
    /// Who verified it.
    pub verified_by: String,
    /// The verifier confirms the data cannot be restored or recombined.
    #[serde(default)]
    pub unrecoverable_confirmed: bool,
}

/// A disposal as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Disposal {
    /// Id.
    pub id: i64,
    /// The file.
    pub data_file_id: i64,
    /// On.
    pub disposed_on: String,
    /// How.
    pub method: String,
    /// Approved by.
    pub approved_by: String,
    /// Impact check.
    pub impact_check: String,
    /// Verification.
    pub verification: String,
    /// Verified by.
    pub verified_by: String,
    /// Recorded at.
    pub created_at: String,
    /// Recorded by.
    pub created_by: String,
}

fn from_row(r: &sqlx::any::AnyRow) -> Disposal {
    Disposal {
        id: r.get("id"),
        data_file_id: r.get("data_file_id"),
        disposed_on: r.get("disposed_on"),
        method: r.get("method"),
        approved_by: r.get("approved_by"),
        impact_check: r.get("impact_check"),
        verification: r.get("verification"),
        verified_by: r.get("verified_by"),
        created_at: r.get("created_at"),
        created_by: r.get("created_by"),
    }
}

impl Store {
    /// Every file's retention date, where one is set.
    pub async fn retention_dates(&self) -> Result<Vec<(i64, NaiveDate)>> {
        Ok(
            sqlx::query("SELECT id, retain_until FROM data_files WHERE retain_until IS NOT NULL")
                .fetch_all(self.pool())
                .await?
                .iter()
                .filter_map(|r| {
                    let d: String = r.get(1);
                    Some((r.get(0), crate::date_of(&d)?))
                })
                .collect(),
        )
    }

    /// One file's retention date.
    pub async fn retain_until(&self, data_file_id: i64) -> Result<Option<NaiveDate>> {
        let row = sqlx::query("SELECT retain_until FROM data_files WHERE id = $1")
            .bind(data_file_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound("data file"))?;
        Ok(row
            .get::<Option<String>, _>(0)
            .as_deref()
            .and_then(crate::date_of))
    }

    /// Sets (or clears) the last day a file's data is kept (point 21).
    pub async fn set_retention(
        &self,
        actor: &Actor,
        data_file_id: i64,
        until: Option<NaiveDate>,
    ) -> Result<()> {
        let before = self.retain_until(data_file_id).await?;
        let mut w = self.write().await?;
        sqlx::query("UPDATE data_files SET retain_until = $1 WHERE id = $2")
            .bind(until.map(|d| d.to_string()))
            .bind(data_file_id)
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            "file.retention",
            "data_file",
            data_file_id,
            Some(&before),
            Some(&until),
        )
        .await?;
        w.commit().await
    }

    /// The files that have a disposal recorded.
    pub async fn disposed_files(&self) -> Result<std::collections::BTreeSet<i64>> {
        Ok(sqlx::query("SELECT DISTINCT data_file_id FROM disposals")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// Disposals recorded for a file.
    pub async fn disposals(&self, data_file_id: i64) -> Result<Vec<Disposal>> {
        Ok(
            sqlx::query("SELECT * FROM disposals WHERE data_file_id = $1 ORDER BY id")
                .bind(data_file_id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(from_row)
                .collect(),
        )
    }

    /// Records a disposal; refused without the impact check, the verification, the
    /// verifier and their confirmation that nothing can be restored.
    pub async fn record_disposal(
        &self,
        actor: &Actor,
        data_file_id: i64,
        input: &NewDisposal,
    ) -> Result<Disposal> {
        self.data_file(data_file_id).await?;
        required("method", &input.method, 500)?;
        required("approved_by", &input.approved_by, 200)?;
        required("impact_check", &input.impact_check, 2000)?;
        required("verification", &input.verification, 2000)?;
        required("verified_by", &input.verified_by, 200)?;
        if !input.unrecoverable_confirmed {
            return Err(StoreError::invalid(
                "unrecoverable_confirmed",
                "the verifier must confirm the data cannot be restored or recombined (point 24)",
            ));
        }
        if input.disposed_on > crate::time::local_today() {
            return Err(StoreError::invalid("disposed_on", "is in the future"));
        }
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO disposals (data_file_id, disposed_on, method, approved_by, impact_check, verification, verified_by, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(data_file_id)
        .bind(input.disposed_on.to_string())
        .bind(input.method.trim())
        .bind(input.approved_by.trim())
        .bind(input.impact_check.trim())
        .bind(input.verification.trim())
        .bind(input.verified_by.trim())
        .bind(now())
        .bind(&actor.name)
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        audit::append(
            &mut w.tx,
            actor,
            "disposal.create",
            "data_file",
            data_file_id,
            None::<&()>,
            Some(input),
        )
        .await?;
        w.commit().await?;
        self.disposals(data_file_id)
            .await?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or(StoreError::NotFound("disposal"))
    }

    /// Deletes a disposal record — only once five years old (point 39).
    pub async fn delete_disposal(&self, actor: &Actor, id: i64) -> Result<()> {
        let d = sqlx::query("SELECT * FROM disposals WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| from_row(&r))
            .ok_or(StoreError::NotFound("disposal"))?;
        check_deletable(&d.created_at)?;
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM disposals WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            "disposal.delete",
            "data_file",
            d.data_file_id,
            Some(&d),
            None::<&()>,
        )
        .await?;
        w.commit().await
    }
}
