//! The rest-day calendars the deadlines are counted on: the shipped official lists plus
//! what the administrator imported (a year gezi does not ship, or a correction).

use chrono::NaiveDate;
use gezi_law::calendar::Calendar;
use gezi_law::Jurisdiction;
use sqlx::Row;

use crate::{audit, Actor, Result, Store, StoreError};

impl Store {
    /// The calendar of `j`: shipped days, then the imported ones on top.
    pub async fn calendar(&self, j: Jurisdiction) -> Result<Calendar> {
        let mut cal = Calendar::shipped(j);
        let rows =
            sqlx::query("SELECT day, name FROM holidays WHERE jurisdiction = $1 ORDER BY day")
                .bind(j.id())
                .fetch_all(self.pool())
                .await?;
        if !rows.is_empty() {
            let mut csv = String::from("date,name\n");
            for r in rows {
                csv.push_str(&format!(
                    "{},{}\n",
                    r.get::<String, _>(0),
                    r.get::<String, _>(1)
                ));
            }
            cal.import(&csv)
                .map_err(|e| StoreError::invalid("holidays", e))?;
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
        // Parse with the same rules the calendar uses, so what is stored always loads.
        let mut probe = Calendar::shipped(Jurisdiction::Cn);
        probe.holidays.clear();
        let n = probe
            .import(csv)
            .map_err(|e| StoreError::invalid("holidays", e))?;
        let days: Vec<(NaiveDate, String)> = probe.holidays.into_iter().collect();
        let mut w = self.write().await?;
        for (day, name) in &days {
            crate::check_text("holidays", name, 100)?;
            sqlx::query("DELETE FROM holidays WHERE jurisdiction = $1 AND day = $2")
                .bind(j.id())
                .bind(day.to_string())
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("INSERT INTO holidays (jurisdiction, day, name) VALUES ($1, $2, $3)")
                .bind(j.id())
                .bind(day.to_string())
                .bind(name.replace(',', " "))
                .execute(&mut *w.tx)
                .await?;
        }
        let years: Vec<i32> = probe.years.into_iter().collect();
        audit::append(
            &mut w.tx,
            actor,
            "calendar.import",
            "calendar",
            j.id(),
            None::<&()>,
            Some(&serde_json::json!({"days": n, "years": years})),
        )
        .await?;
        w.commit().await?;
        Ok(n)
    }
}
