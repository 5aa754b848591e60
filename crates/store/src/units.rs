//! Units (單位): the owners of data files, each with a contact (points 8, 9).

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{audit, missing_or_conflict, now, required, Actor, Result, Store, StoreError};

/// A unit of the organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// Id.
    pub id: i64,
    /// Its name (unique).
    pub name: String,
    /// The unit's data-protection contact.
    pub contact_name: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Contact phone.
    pub contact_phone: String,
    /// For optimistic concurrency.
    pub version: i64,
}

/// What a person enters for a unit.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct UnitInput {
    /// Name.
    pub name: String,
    /// Contact name.
    #[serde(default)]
    pub contact_name: String,
    /// Contact e-mail.
    #[serde(default)]
    pub contact_email: String,
    /// Contact phone.
    #[serde(default)]
    pub contact_phone: String,
}

impl UnitInput {
    fn check(&self) -> Result<()> {
        required("name", &self.name, 100)?;
        crate::check_text("contact_name", &self.contact_name, 100)?;
        crate::check_text("contact_email", &self.contact_email, 200)?;
        crate::check_text("contact_phone", &self.contact_phone, 50)?;
        if !self.contact_email.is_empty() && !self.contact_email.contains('@') {
            return Err(StoreError::invalid(
                "contact_email",
                "is not an e-mail address",
            ));
        }
        Ok(())
    }
}

fn unit(r: &sqlx::any::AnyRow) -> Unit {
    Unit {
        id: r.get("id"),
        name: r.get("name"),
        contact_name: r.get("contact_name"),
        contact_email: r.get("contact_email"),
        contact_phone: r.get("contact_phone"),
        version: r.get("version"),
    }
}

fn unique_name(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.message().to_lowercase().contains("unique") => {
            StoreError::invalid("name", "another unit has this name")
        }
        _ => e.into(),
    }
}

/// The name of unit `id` among `units` ("" when there is none).
pub fn unit_name(units: &[Unit], id: Option<i64>) -> String {
    units
        .iter()
        .find(|u| Some(u.id) == id)
        .map(|u| u.name.clone())
        .unwrap_or_default()
}

impl Store {
    /// All units by name.
    pub async fn units(&self) -> Result<Vec<Unit>> {
        Ok(sqlx::query("SELECT * FROM units ORDER BY name")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(unit)
            .collect())
    }

    /// One unit.
    pub async fn unit(&self, id: i64) -> Result<Unit> {
        sqlx::query("SELECT * FROM units WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| unit(&r))
            .ok_or(StoreError::NotFound("unit"))
    }

    /// Creates a unit.
    pub async fn create_unit(&self, actor: &Actor, input: &UnitInput) -> Result<Unit> {
        input.check()?;
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO units (name, contact_name, contact_email, contact_phone, created_at, version)
             VALUES ($1, $2, $3, $4, $5, 1) RETURNING id",
        )
        .bind(input.name.trim())
        .bind(input.contact_name.trim())
        .bind(input.contact_email.trim())
        .bind(input.contact_phone.trim())
        .bind(now())
        .fetch_one(&mut *w.tx)
        .await
        .map_err(unique_name)?
        .get(0);
        let row = sqlx::query("SELECT * FROM units WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        let created = unit(&row);
        audit::append(
            &mut w.tx,
            actor,
            "unit.create",
            "unit",
            id,
            None::<&()>,
            Some(&created),
        )
        .await?;
        w.commit().await?;
        Ok(created)
    }

    /// Updates a unit read at `version`.
    pub async fn update_unit(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        input: &UnitInput,
    ) -> Result<Unit> {
        input.check()?;
        let before = self.unit(id).await?;
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE units SET name = $1, contact_name = $2, contact_email = $3, contact_phone = $4, version = version + 1
             WHERE id = $5 AND version = $6",
        )
        .bind(input.name.trim())
        .bind(input.contact_name.trim())
        .bind(input.contact_email.trim())
        .bind(input.contact_phone.trim())
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await
        .map_err(unique_name)?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "units", "unit", id).await);
        }
        let after = unit(
            &sqlx::query("SELECT * FROM units WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *w.tx)
                .await?,
        );
        audit::append(
            &mut w.tx,
            actor,
            "unit.update",
            "unit",
            id,
            Some(&before),
            Some(&after),
        )
        .await?;
        w.commit().await?;
        Ok(after)
    }
}
