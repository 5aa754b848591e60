//! Personal-data incidents (points 40–45): opened with the time the organisation knew,
//! two 4-hour clocks from then (the 13 response measures; the report to the contact
//! window), the authority where the law requires it, the notice to the data subjects,
//! and a log of evidence, lessons and controls. Each step keeps who and when; a step
//! done after its clock is kept as it happened and shown as late.

use chrono::{DateTime, Utc};
use gezi_law::incident::{self, Clocks, NOTICE_CHANNELS, REPORT_CHANNELS};
use gezi_law::Jurisdiction;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::time::{parse_time, stored_time};
use crate::{
    audit, check_deletable, check_text, missing_or_conflict, now, required, Actor, Result, Store,
    StoreError,
};

/// Kinds of log entry.
pub const LOG_KINDS: &[(&str, &str, &str)] = &[
    ("evidence", "證據保存", "Evidence kept"),
    ("lesson", "檢討與教訓", "Lesson learnt"),
    ("control", "改善措施", "Control added"),
    ("note", "紀事", "Note"),
];

/// An incident as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    /// Id.
    pub id: i64,
    /// `I2026-00001`.
    pub reference: String,
    /// The law it is handled under.
    pub jurisdiction: String,
    /// The unit where it happened.
    pub unit_id: Option<i64>,
    /// A short title.
    pub title: String,
    /// When the organisation knew: the clocks start here.
    pub known_at: String,
    /// `open` or `closed`.
    pub status: String,
    /// Report item: who reports.
    pub reporter: String,
    /// Report item: how the data leaked or was infringed.
    pub manner: String,
    /// Report item: when it happened.
    pub occurred_at: String,
    /// Report item: where.
    pub place: String,
    /// Report item: categories and amount, first estimate.
    pub scope: String,
    /// Report item: what stops the harm spreading.
    pub containment: String,
    /// How the report went to the contact window.
    pub report_channel: Option<String>,
    /// When it was reported.
    pub reported_at: Option<String>,
    /// The authority told.
    pub authority_name: Option<String>,
    /// When.
    pub authority_notified_at: Option<String>,
    /// Notice item: the facts and measures.
    pub notice_facts: String,
    /// Notice item: what the person should do.
    pub notice_advice: String,
    /// Notice item: where to ask.
    pub notice_helpdesk: String,
    /// Notice item: remedies.
    pub notice_remedy: String,
    /// How the notice went out.
    pub notice_channel: Option<String>,
    /// When.
    pub notice_sent_at: Option<String>,
    /// To how many people.
    pub notice_count: Option<i64>,
    /// Lessons written at closing.
    pub lessons: String,
    /// Closed at.
    pub closed_at: Option<String>,
    /// Opened at (entered).
    pub created_at: String,
    /// Opened by.
    pub created_by: String,
    /// Version.
    pub version: i64,
}

impl Incident {
    /// The two 4-hour clocks.
    pub fn clocks(&self) -> Option<Clocks> {
        parse_time(&self.known_at).map(incident::clocks)
    }

    /// The law it is handled under.
    pub fn law(&self) -> Jurisdiction {
        Jurisdiction::parse(&self.jurisdiction).unwrap_or(Jurisdiction::Tw)
    }

    /// Whether the report came after its clock (or has not come and the clock ran out).
    pub fn report_late(&self, at: DateTime<Utc>) -> bool {
        let Some(c) = self.clocks() else { return false };
        match self.reported_at.as_deref().and_then(parse_time) {
            Some(done) => incident::is_late(done, c.report_due),
            None => incident::is_late(at, c.report_due),
        }
    }

    /// The report items still empty (point 45).
    pub fn missing_report_items(&self) -> Vec<&'static str> {
        let given = [
            &self.reporter,
            &self.manner,
            &self.occurred_at,
            &self.place,
            &self.scope,
            &self.containment,
        ];
        incident::REPORT_ITEMS
            .iter()
            .zip(given)
            .filter(|(_, v)| v.trim().is_empty())
            .map(|((id, _, _), _)| *id)
            .collect()
    }
}

/// A measure of point 43 as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureRecord {
    /// `m01`…`m13`.
    pub measure: String,
    /// False when the measure does not apply (e.g. no criminal matter).
    pub applicable: bool,
    /// When it was done (or judged not to apply).
    pub done_at: String,
    /// By whom.
    pub done_by: String,
    /// What was done.
    pub note: String,
}

/// An entry in an incident's log.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    /// At.
    pub at: String,
    /// By.
    pub by_name: String,
    /// One of [`LOG_KINDS`].
    pub kind: String,
    /// What.
    pub text: String,
}

/// Opening an incident.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewIncident {
    /// A short title.
    pub title: String,
    /// When the organisation knew (may be before it is entered).
    pub known_at: DateTime<Utc>,
    /// The unit.
    #[serde(default)]
    pub unit_id: Option<i64>,
}

/// One step in handling an incident.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum IncidentStep {
    /// The report to the contact window with the items of point 45.
    Report {
        /// Who reports.
        reporter: String,
        /// How.
        manner: String,
        /// When it happened.
        occurred_at: String,
        /// Where.
        place: String,
        /// Categories and amount.
        scope: String,
        /// Containment.
        containment: String,
        /// `phone`, `sms` or `email`.
        channel: String,
        /// When reported.
        at: DateTime<Utc>,
    },
    /// The authority was told.
    Authority {
        /// Which authority.
        name: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// The notice to the data subjects drafted (point 44).
    NoticeDraft {
        /// Facts and measures.
        facts: String,
        /// Advice.
        advice: String,
        /// Helpdesk.
        helpdesk: String,
        /// Remedies.
        remedy: String,
    },
    /// The notice went out.
    NoticeSent {
        /// One of the channels of point 44(2).
        channel: String,
        /// When.
        at: DateTime<Utc>,
        /// To how many people.
        count: i64,
    },
    /// Closed, with the lessons.
    Close {
        /// Lessons and controls.
        lessons: String,
    },
}

fn from_row(r: &AnyRow) -> Incident {
    let opt = |c: &str| r.get::<Option<String>, _>(c);
    Incident {
        id: r.get("id"),
        reference: crate::reference('I', &r.get::<String, _>("created_at"), r.get("id")),
        jurisdiction: r.get("jurisdiction"),
        unit_id: r.get("unit_id"),
        title: r.get("title"),
        known_at: r.get("known_at"),
        status: r.get("status"),
        reporter: r.get("reporter"),
        manner: r.get("manner"),
        occurred_at: r.get("occurred_at"),
        place: r.get("place"),
        scope: r.get("scope"),
        containment: r.get("containment"),
        report_channel: opt("report_channel"),
        reported_at: opt("reported_at"),
        authority_name: opt("authority_name"),
        authority_notified_at: opt("authority_notified_at"),
        notice_facts: r.get("notice_facts"),
        notice_advice: r.get("notice_advice"),
        notice_helpdesk: r.get("notice_helpdesk"),
        notice_remedy: r.get("notice_remedy"),
        notice_channel: opt("notice_channel"),
        notice_sent_at: opt("notice_sent_at"),
        notice_count: r.get("notice_count"),
        lessons: r.get("lessons"),
        closed_at: opt("closed_at"),
        created_at: r.get("created_at"),
        created_by: r.get("created_by"),
        version: r.get("version"),
    }
}

fn not_future(field: &str, at: DateTime<Utc>, known: &Incident) -> Result<()> {
    if at > Utc::now() + chrono::Duration::minutes(5) {
        return Err(StoreError::invalid(field, "is in the future"));
    }
    if parse_time(&known.known_at).is_some_and(|k| at < k) {
        return Err(StoreError::invalid(
            field,
            "is before the incident was known",
        ));
    }
    Ok(())
}

fn apply(i: &mut Incident, step: &IncidentStep) -> Result<()> {
    if i.status == "closed" {
        return Err(StoreError::invalid("step", "the incident is closed"));
    }
    match step {
        IncidentStep::Report {
            reporter,
            manner,
            occurred_at,
            place,
            scope,
            containment,
            channel,
            at,
        } => {
            for (field, v) in [
                ("reporter", reporter),
                ("manner", manner),
                ("occurred_at", occurred_at),
                ("place", place),
                ("scope", scope),
                ("containment", containment),
            ] {
                required(field, v, 2000)?;
            }
            if !incident::is_item(&REPORT_CHANNELS, channel) {
                return Err(StoreError::invalid(
                    "channel",
                    "must be phone, sms or email (point 45)",
                ));
            }
            not_future("at", *at, i)?;
            i.reporter = reporter.trim().into();
            i.manner = manner.trim().into();
            i.occurred_at = occurred_at.trim().into();
            i.place = place.trim().into();
            i.scope = scope.trim().into();
            i.containment = containment.trim().into();
            i.report_channel = Some(channel.clone());
            i.reported_at = Some(stored_time(*at));
        }
        IncidentStep::Authority { name, at } => {
            required("name", name, 200)?;
            not_future("at", *at, i)?;
            i.authority_name = Some(name.trim().into());
            i.authority_notified_at = Some(stored_time(*at));
        }
        IncidentStep::NoticeDraft {
            facts,
            advice,
            helpdesk,
            remedy,
        } => {
            for (field, v) in [
                ("facts", facts),
                ("advice", advice),
                ("helpdesk", helpdesk),
                ("remedy", remedy),
            ] {
                required(field, v, 4000)?;
            }
            i.notice_facts = facts.trim().into();
            i.notice_advice = advice.trim().into();
            i.notice_helpdesk = helpdesk.trim().into();
            i.notice_remedy = remedy.trim().into();
        }
        IncidentStep::NoticeSent { channel, at, count } => {
            if i.notice_facts.is_empty() {
                return Err(StoreError::invalid(
                    "channel",
                    "draft the notice with the four items of point 44 first",
                ));
            }
            if !incident::is_item(&NOTICE_CHANNELS, channel) {
                return Err(StoreError::invalid(
                    "channel",
                    "is not a channel of point 44(2)",
                ));
            }
            if *count < 1 {
                return Err(StoreError::invalid("count", "must be at least 1"));
            }
            not_future("at", *at, i)?;
            i.notice_channel = Some(channel.clone());
            i.notice_sent_at = Some(stored_time(*at));
            i.notice_count = Some(*count);
        }
        IncidentStep::Close { lessons } => {
            required("lessons", lessons, 4000)?;
            if i.reported_at.is_none() {
                return Err(StoreError::invalid(
                    "lessons",
                    "report the incident (point 45) before closing it",
                ));
            }
            i.lessons = lessons.trim().into();
            i.closed_at = Some(now());
            i.status = "closed".into();
        }
    }
    Ok(())
}

impl Store {
    /// Incidents, newest first; `unit` limits them to one unit's.
    pub async fn incidents(&self, unit: Option<i64>) -> Result<Vec<Incident>> {
        Ok(self
            .rows_of_unit("incidents", unit)
            .await?
            .iter()
            .map(from_row)
            .collect())
    }

    /// One incident.
    pub async fn incident(&self, id: i64) -> Result<Incident> {
        sqlx::query("SELECT * FROM incidents WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| from_row(&r))
            .ok_or(StoreError::NotFound("incident"))
    }

    /// Opens an incident; its clocks run from `known_at`.
    pub async fn open_incident(&self, actor: &Actor, input: &NewIncident) -> Result<Incident> {
        required("title", &input.title, 200)?;
        if input.known_at > Utc::now() + chrono::Duration::minutes(5) {
            return Err(StoreError::invalid("known_at", "is in the future"));
        }
        if let Some(u) = input.unit_id {
            self.unit(u).await?;
        }
        let j = self.jurisdiction().await?;
        let mut w = self.write().await?;
        let created = now();
        let id: i64 = sqlx::query(
            "INSERT INTO incidents (jurisdiction, unit_id, title, known_at, status, reporter, manner, occurred_at, place, scope, containment,
               notice_facts, notice_advice, notice_helpdesk, notice_remedy, lessons, created_at, created_by, version)
             VALUES ($1, $2, $3, $4, 'open', '', '', '', '', '', '', '', '', '', '', '', $5, $6, 1) RETURNING id",
        )
        .bind(j.id())
        .bind(input.unit_id)
        .bind(input.title.trim())
        .bind(stored_time(input.known_at))
        .bind(&created)
        .bind(&actor.name)
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        audit::append(
            &mut w.tx,
            actor,
            "incident.open",
            "incident",
            id,
            None::<&()>,
            Some(input),
        )
        .await?;
        w.commit().await?;
        self.incident(id).await
    }

    /// Applies one step to an incident read at `version`.
    pub async fn incident_step(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        step: &IncidentStep,
    ) -> Result<Incident> {
        let before = self.incident(id).await?;
        let mut i = before.clone();
        apply(&mut i, step)?;
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE incidents SET status = $1, reporter = $2, manner = $3, occurred_at = $4, place = $5, scope = $6, containment = $7,
               report_channel = $8, reported_at = $9, authority_name = $10, authority_notified_at = $11,
               notice_facts = $12, notice_advice = $13, notice_helpdesk = $14, notice_remedy = $15,
               notice_channel = $16, notice_sent_at = $17, notice_count = $18, lessons = $19, closed_at = $20, version = version + 1
             WHERE id = $21 AND version = $22",
        )
        .bind(&i.status)
        .bind(&i.reporter)
        .bind(&i.manner)
        .bind(&i.occurred_at)
        .bind(&i.place)
        .bind(&i.scope)
        .bind(&i.containment)
        .bind(&i.report_channel)
        .bind(&i.reported_at)
        .bind(&i.authority_name)
        .bind(&i.authority_notified_at)
        .bind(&i.notice_facts)
        .bind(&i.notice_advice)
        .bind(&i.notice_helpdesk)
        .bind(&i.notice_remedy)
        .bind(&i.notice_channel)
        .bind(&i.notice_sent_at)
        .bind(i.notice_count)
        .bind(&i.lessons)
        .bind(&i.closed_at)
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "incidents", "incident", id).await);
        }
        let action = crate::step_action("incident", step);
        audit::append(
            &mut w.tx,
            actor,
            &action,
            "incident",
            id,
            Some(&before),
            Some(&i),
        )
        .await?;
        w.commit().await?;
        self.incident(id).await
    }

    /// The measures recorded for an incident, in the order of point 43.
    pub async fn measures(&self, incident_id: i64) -> Result<Vec<MeasureRecord>> {
        Ok(
            sqlx::query("SELECT * FROM incident_measures WHERE incident_id = $1 ORDER BY measure")
                .bind(incident_id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| MeasureRecord {
                    measure: r.get("measure"),
                    applicable: crate::flag(r, "applicable"),
                    done_at: r.get("done_at"),
                    done_by: r.get("done_by"),
                    note: r.get("note"),
                })
                .collect(),
        )
    }

    /// Records a measure of point 43 as done (or as not applicable) at `done_at`.
    pub async fn record_measure(
        &self,
        actor: &Actor,
        incident_id: i64,
        measure: &str,
        applicable: bool,
        done_at: DateTime<Utc>,
        note: &str,
    ) -> Result<()> {
        let i = self.incident(incident_id).await?;
        if i.status == "closed" {
            return Err(StoreError::invalid("measure", "the incident is closed"));
        }
        if incident::measure(measure).is_none() {
            return Err(StoreError::invalid(
                "measure",
                "is not one of the 13 measures of point 43",
            ));
        }
        check_text("note", note, 2000)?;
        if !applicable && note.trim().is_empty() {
            return Err(StoreError::invalid(
                "note",
                "say why the measure does not apply",
            ));
        }
        not_future("done_at", done_at, &i)?;
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM incident_measures WHERE incident_id = $1 AND measure = $2")
            .bind(incident_id)
            .bind(measure)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("INSERT INTO incident_measures (incident_id, measure, applicable, done_at, done_by, note) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(incident_id)
            .bind(measure)
            .bind(applicable as i64)
            .bind(stored_time(done_at))
            .bind(&actor.name)
            .bind(note.trim())
            .execute(&mut *w.tx)
            .await?;
        audit::append(&mut w.tx, actor, "incident.measure", "incident", incident_id, None::<&()>,
            Some(&serde_json::json!({"measure": measure, "applicable": applicable, "done_at": stored_time(done_at), "note": note.trim()}))).await?;
        w.commit().await
    }

    /// The incident's log.
    pub async fn incident_log(&self, incident_id: i64) -> Result<Vec<LogEntry>> {
        Ok(
            sqlx::query("SELECT * FROM incident_log WHERE incident_id = $1 ORDER BY id")
                .bind(incident_id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| LogEntry {
                    at: r.get("at"),
                    by_name: r.get("by_name"),
                    kind: r.get("kind"),
                    text: r.get("text"),
                })
                .collect(),
        )
    }

    /// Adds to the log (evidence kept, lessons, controls). Entries are never edited.
    pub async fn add_incident_log(
        &self,
        actor: &Actor,
        incident_id: i64,
        kind: &str,
        text: &str,
    ) -> Result<()> {
        self.incident(incident_id).await?;
        if !LOG_KINDS.iter().any(|(k, _, _)| *k == kind) {
            return Err(StoreError::invalid(
                "kind",
                "must be evidence, lesson, control or note",
            ));
        }
        required("text", text, 4000)?;
        let mut w = self.write().await?;
        sqlx::query("INSERT INTO incident_log (incident_id, at, by_name, kind, text) VALUES ($1, $2, $3, $4, $5)")
            .bind(incident_id)
            .bind(now())
            .bind(&actor.name)
            .bind(kind)
            .bind(text.trim())
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            "incident.log",
            "incident",
            incident_id,
            None::<&()>,
            Some(&serde_json::json!({"kind": kind, "text": text.trim()})),
        )
        .await?;
        w.commit().await
    }

    /// Deletes an incident with its measures and log — only once five years old (point 39).
    pub async fn delete_incident(&self, actor: &Actor, id: i64) -> Result<()> {
        let i = self.incident(id).await?;
        check_deletable(&i.created_at)?;
        let mut w = self.write().await?;
        for sql in [
            "DELETE FROM incident_measures WHERE incident_id = $1",
            "DELETE FROM incident_log WHERE incident_id = $1",
            "DELETE FROM incidents WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *w.tx).await?;
        }
        audit::append(
            &mut w.tx,
            actor,
            "incident.delete",
            "incident",
            id,
            Some(&i),
            None::<&()>,
        )
        .await?;
        w.commit().await
    }
}
