//! The rest-day calendars the deadlines are counted on: the shipped official lists plus
//! what the administrator imported (a year gezi does not ship, or a correction).

use chrono::Datelike;
use gezi_law::calendar::{self, Calendar};
use gezi_law::Jurisdiction;
use sqlx::Row;

use crate::{audit, Actor, Result, Store, StoreError};

impl Store {
    /// The calendar of `j`: shipped days, then the imported ones on top.
    pub async fn calendar(&self, j: Jurisdiction) -> Result<Calendar> {
        let mut cal = Calendar::shipped(j);
        for r in sqlx::query("SELECT day, name FROM holidays WHERE jurisdiction = $1")
            .bind(j.id())
            .fetch_all(self.pool())
            .await?
        {
            if let Some(day) = crate::date_of(&r.get::<String, _>(0)) {
                cal.add(day, r.get(1));
            }
        }
        Ok(cal)
    }

    /// Imports an official list (`date,name` lines after a header) for `j`; the years it
    /// covers count as loaded from then on. A bad line refuses the whole file.
    pub async fn import_holidays(
        &self,
        actor: &Actor,
        j: Jurisdiction,
        csv: &str,
    ) -> Result<usize> {
        let days = calendar::parse_list(csv).map_err(|e| StoreError::invalid("holidays", e))?;
        for (_, name) in &days {
            crate::check_text("holidays", name, 100)?;
        }
        let mut w = self.write().await?;
        for (day, name) in &days {
            sqlx::query("DELETE FROM holidays WHERE jurisdiction = $1 AND day = $2")
                .bind(j.id())
                .bind(day.to_string())
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("INSERT INTO holidays (jurisdiction, day, name) VALUES ($1, $2, $3)")
                .bind(j.id())
                .bind(day.to_string())
                .bind(name)
                .execute(&mut *w.tx)
                .await?;
        }
        let years: std::collections::BTreeSet<i32> = days.iter().map(|(d, _)| d.year()).collect();
        audit::append(
            &mut w.tx,
            actor,
            "calendar.import",
            "calendar",
            j.id(),
            None::<&()>,
            Some(&serde_json::json!({"days": days.len(), "years": years})),
        )
        .await?;
        w.commit().await?;
        Ok(days.len())
    }
}
