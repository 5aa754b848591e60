//! Risk assessments (point 38) and the controls planned from them.

use gezi_detect::Kind;
use gezi_law::risk::{self, Evidence, Factor, Level, Suggestion};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{audit, missing_or_conflict, now, required, Actor, Result, Store, StoreError};

/// One factor's score and reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorScore {
    /// A [`Factor`] id.
    pub factor: String,
    /// 1–3.
    pub score: i64,
    /// Why (required).
    pub reason: String,
}

/// A file's assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// The file.
    pub data_file_id: i64,
    /// The 7 factors, in the order of point 38.
    pub factors: Vec<FactorScore>,
    /// 1–3.
    pub impact: i64,
    /// 1–3.
    pub likelihood: i64,
    /// `low`, `medium`, `high`.
    pub level: String,
    /// By whom.
    pub assessed_by: String,
    /// When (UTC).
    pub assessed_at: String,
    /// For optimistic concurrency.
    pub version: i64,
}

/// A planned control.
#[derive(Debug, Clone, Serialize)]
pub struct Control {
    /// Id.
    pub id: i64,
    /// The file.
    pub data_file_id: i64,
    /// What will be done.
    pub description: String,
    /// Who is responsible.
    pub owner: String,
    /// By when (YYYY-MM-DD).
    pub due_date: String,
    /// `planned`, `in_progress`, `done`.
    pub status: String,
    /// For optimistic concurrency.
    pub version: i64,
}

/// What a person enters for a control.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ControlInput {
    /// What will be done.
    pub description: String,
    /// Who is responsible.
    pub owner: String,
    /// By when (YYYY-MM-DD).
    pub due_date: String,
    /// `planned`, `in_progress`, `done`.
    #[serde(default = "planned")]
    pub status: String,
}

fn planned() -> String {
    "planned".into()
}

/// Control statuses with labels.
pub const CONTROL_STATUSES: &[(&str, &str, &str)] = &[
    ("planned", "規劃中", "Planned"),
    ("in_progress", "執行中", "In progress"),
    ("done", "已完成", "Done"),
];

impl ControlInput {
    fn check(&self) -> Result<()> {
        required("description", &self.description, 2000)?;
        required("owner", &self.owner, 100)?;
        if chrono::NaiveDate::parse_from_str(&self.due_date, "%Y-%m-%d").is_err() {
            return Err(StoreError::invalid("due_date", "must be a date YYYY-MM-DD"));
        }
        if !CONTROL_STATUSES.iter().any(|(s, _, _)| *s == self.status) {
            return Err(StoreError::invalid(
                "status",
                "must be planned, in_progress or done",
            ));
        }
        Ok(())
    }
}

fn control(r: &sqlx::any::AnyRow) -> Control {
    Control {
        id: r.get("id"),
        data_file_id: r.get("data_file_id"),
        description: r.get("description"),
        owner: r.get("owner"),
        due_date: r.get("due_date"),
        status: r.get("status"),
        version: r.get("version"),
    }
}

impl Store {
    /// A file's assessment, if one was made.
    pub async fn assessment(&self, data_file_id: i64) -> Result<Option<Assessment>> {
        let Some(a) = sqlx::query("SELECT * FROM risk_assessments WHERE data_file_id = $1")
            .bind(data_file_id)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let rows =
            sqlx::query("SELECT factor, score, reason FROM risk_factors WHERE data_file_id = $1")
                .bind(data_file_id)
                .fetch_all(self.pool())
                .await?;
        let factors = Factor::ALL
            .iter()
            .filter_map(|f| {
                rows.iter()
                    .find(|r| r.get::<String, _>(0) == f.id())
                    .map(|r| FactorScore {
                        factor: r.get(0),
                        score: r.get(1),
                        reason: r.get(2),
                    })
            })
            .collect();
        Ok(Some(Assessment {
            data_file_id,
            factors,
            impact: a.get("impact"),
            likelihood: a.get("likelihood"),
            level: a.get("level"),
            assessed_by: a.get("assessed_by"),
            assessed_at: a.get("assessed_at"),
            version: a.get("version"),
        }))
    }

    /// Every assessment (for the matrix of all files), in two queries.
    pub async fn assessments(&self) -> Result<Vec<Assessment>> {
        let factor_rows =
            sqlx::query("SELECT data_file_id, factor, score, reason FROM risk_factors")
                .fetch_all(self.pool())
                .await?;
        let mut factors: std::collections::HashMap<i64, Vec<FactorScore>> =
            std::collections::HashMap::new();
        for r in &factor_rows {
            factors.entry(r.get(0)).or_default().push(FactorScore {
                factor: r.get(1),
                score: r.get(2),
                reason: r.get(3),
            });
        }
        let order = |f: &FactorScore| Factor::ALL.iter().position(|x| x.id() == f.factor);
        Ok(
            sqlx::query("SELECT * FROM risk_assessments ORDER BY data_file_id")
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|a| {
                    let id: i64 = a.get("data_file_id");
                    let mut fs = factors.remove(&id).unwrap_or_default();
                    fs.sort_by_key(order);
                    Assessment {
                        data_file_id: id,
                        factors: fs,
                        impact: a.get("impact"),
                        likelihood: a.get("likelihood"),
                        level: a.get("level"),
                        assessed_by: a.get("assessed_by"),
                        assessed_at: a.get("assessed_at"),
                        version: a.get("version"),
                    }
                })
                .collect(),
        )
    }

    /// Scores a scan can suggest for a file (identifiability, volume, sensitivity).
    pub async fn suggested_scores(&self, data_file_id: i64) -> Result<Vec<Suggestion>> {
        let (kinds, _) = self.evidence(data_file_id).await?;
        let file = self.data_file(data_file_id).await?;
        let mut e = Evidence {
            records: file.fields.record_count.max(0) as u64,
            ..Evidence::default()
        };
        for (id, n, _) in &kinds {
            if *n == 0 {
                continue;
            }
            let Ok(kind) = id.parse::<Kind>() else {
                continue;
            };
            match kind {
                Kind::TwUbn | Kind::CnUscc => {}
                Kind::CreditCard | Kind::BankAccount => {
                    e.financial = true;
                    e.direct_identifiers = true;
                }
                k if k.is_special_category() => e.special_categories = true,
                k if k.pdpa_category() == "C003" => e.direct_identifiers = true,
                _ => e.indirect_identifiers = true,
            }
        }
        if !file.fields.special_items.is_empty() {
            e.special_categories = true;
        }
        Ok(risk::suggest(e))
    }

    /// Saves an assessment: all 7 factors, each with a reason. `version` is that of the
    /// assessment read (None when making the first one).
    pub async fn save_assessment(
        &self,
        actor: &Actor,
        data_file_id: i64,
        version: Option<i64>,
        factors: &[FactorScore],
    ) -> Result<Assessment> {
        let mut scores = [0i64; 7];
        for (i, f) in Factor::ALL.iter().enumerate() {
            let given = factors.iter().find(|s| s.factor == f.id()).ok_or_else(|| {
                StoreError::invalid(f.id(), "is missing: all 7 factors of point 38 are required")
            })?;
            required(f.id(), &given.reason, 2000)
                .map_err(|_| StoreError::invalid(f.id(), "needs a reason"))?;
            scores[i] = given.score;
        }
        if let Some(unknown) = factors.iter().find(|s| Factor::parse(&s.factor).is_none()) {
            return Err(StoreError::invalid(
                unknown.factor.as_str(),
                "is not a factor of point 38",
            ));
        }
        let outcome =
            risk::assess(scores).map_err(|e| StoreError::invalid(e.factor, e.to_string()))?;
        self.data_file(data_file_id).await?;
        let before = self.assessment(data_file_id).await?;
        let mut w = self.write().await?;
        match (version, &before) {
            (None, None) => {
                sqlx::query(
                    "INSERT INTO risk_assessments (data_file_id, impact, likelihood, level, assessed_by, assessed_at, version)
                     VALUES ($1, $2, $3, $4, $5, $6, 1)",
                )
                .bind(data_file_id)
                .bind(i64::from(outcome.impact))
                .bind(i64::from(outcome.likelihood))
                .bind(outcome.level.id())
                .bind(&actor.name)
                .bind(now())
                .execute(&mut *w.tx)
                .await
                .map_err(|_| StoreError::Conflict { what: "risk assessment", current: 1 })?;
            }
            (None, Some(b)) => {
                return Err(StoreError::Conflict {
                    what: "risk assessment",
                    current: b.version,
                })
            }
            (Some(v), _) => {
                let done = sqlx::query(
                    "UPDATE risk_assessments SET impact = $1, likelihood = $2, level = $3, assessed_by = $4, assessed_at = $5,
                     version = version + 1 WHERE data_file_id = $6 AND version = $7",
                )
                .bind(i64::from(outcome.impact))
                .bind(i64::from(outcome.likelihood))
                .bind(outcome.level.id())
                .bind(&actor.name)
                .bind(now())
                .bind(data_file_id)
                .bind(v)
                .execute(&mut *w.tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(match &before {
                        Some(b) => StoreError::Conflict {
                            what: "risk assessment",
                            current: b.version,
                        },
                        None => StoreError::NotFound("risk assessment"),
                    });
                }
            }
        }
        sqlx::query("DELETE FROM risk_factors WHERE data_file_id = $1")
            .bind(data_file_id)
            .execute(&mut *w.tx)
            .await?;
        for f in Factor::ALL {
            let given = factors
                .iter()
                .find(|s| s.factor == f.id())
                .expect("checked above");
            sqlx::query("INSERT INTO risk_factors (data_file_id, factor, score, reason) VALUES ($1, $2, $3, $4)")
                .bind(data_file_id)
                .bind(f.id())
                .bind(given.score)
                .bind(given.reason.trim())
                .execute(&mut *w.tx)
                .await?;
        }
        let after = serde_json::json!({
            "factors": factors, "impact": outcome.impact, "likelihood": outcome.likelihood, "level": outcome.level.id()
        });
        audit::append(
            &mut w.tx,
            actor,
            "risk.assess",
            "data_file",
            data_file_id,
            before.as_ref(),
            Some(&after),
        )
        .await?;
        w.commit().await?;
        Ok(self.assessment(data_file_id).await?.expect("just saved"))
    }

    /// Controls planned for a file.
    pub async fn controls(&self, data_file_id: i64) -> Result<Vec<Control>> {
        Ok(
            sqlx::query("SELECT * FROM controls WHERE data_file_id = $1 ORDER BY due_date, id")
                .bind(data_file_id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(control)
                .collect(),
        )
    }

    /// One control.
    pub async fn control(&self, id: i64) -> Result<Control> {
        sqlx::query("SELECT * FROM controls WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| control(&r))
            .ok_or(StoreError::NotFound("control"))
    }

    /// Plans a control for a file.
    pub async fn add_control(
        &self,
        actor: &Actor,
        data_file_id: i64,
        input: &ControlInput,
    ) -> Result<Control> {
        input.check()?;
        self.data_file(data_file_id).await?;
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO controls (data_file_id, description, owner, due_date, status, created_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id",
        )
        .bind(data_file_id)
        .bind(input.description.trim())
        .bind(input.owner.trim())
        .bind(&input.due_date)
        .bind(&input.status)
        .bind(now())
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        audit::append(
            &mut w.tx,
            actor,
            "control.create",
            "control",
            id,
            None::<&()>,
            Some(input),
        )
        .await?;
        w.commit().await?;
        self.control(id).await
    }

    /// Updates a control read at `version`.
    pub async fn update_control(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        input: &ControlInput,
    ) -> Result<Control> {
        input.check()?;
        let before = self.control(id).await?;
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE controls SET description = $1, owner = $2, due_date = $3, status = $4, version = version + 1
             WHERE id = $5 AND version = $6",
        )
        .bind(input.description.trim())
        .bind(input.owner.trim())
        .bind(&input.due_date)
        .bind(&input.status)
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "controls", "control", id).await);
        }
        audit::append(
            &mut w.tx,
            actor,
            "control.update",
            "control",
            id,
            Some(&before),
            Some(input),
        )
        .await?;
        w.commit().await?;
        self.control(id).await
    }
}

/// The level id's labels, for display.
pub fn level_labels(id: &str) -> (&'static str, &'static str) {
    Level::parse(id)
        .map(Level::labels)
        .unwrap_or(("未評估", "Not assessed"))
}
