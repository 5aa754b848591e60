//! What is due: every open clock of the register in one list — requests to decide or
//! answer, documents awaited, incident clocks, disposals, planned controls — sorted into
//! overdue, today and this week, and the reminders sent about them.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use gezi_law::incident::authority_duty;
use gezi_law::retention::{self, Disposal};
use serde::Serialize;
use sqlx::Row;

use crate::time::{local_date_at, local_display, parse_time, stored_time};
use crate::{audit, date_of, Actor, Result, Store};

/// How soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Its time has passed.
    Overdue,
    /// Due today.
    Today,
    /// Due within seven days.
    Week,
}

impl Bucket {
    /// The id.
    pub fn id(self) -> &'static str {
        match self {
            Bucket::Overdue => "overdue",
            Bucket::Today => "today",
            Bucket::Week => "week",
        }
    }
}

/// One thing due.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    /// A stable key (`request:3:decision`), for reminders.
    pub item: String,
    /// What kind of duty: `request`, `supplement`, `reply`, `incident_measures`,
    /// `incident_report`, `incident_authority`, `disposal`, `control`.
    pub kind: &'static str,
    /// The record's reference or name.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// The unit in charge.
    pub unit_id: Option<i64>,
    /// Due (a date, or a local time for the incident clocks).
    pub due: String,
    /// How soon.
    pub bucket: Bucket,
    /// Where to act.
    pub link: String,
}

impl DueItem {
    /// The title in words: a request's is its type (`access` → 查詢或請求閱覽).
    pub fn title_labels(&self) -> (String, String) {
        match self.kind {
            "request" | "reply" | "supplement" => {
                let (zh, en) = crate::requests::label(crate::requests::KINDS, &self.title);
                (zh.to_string(), en.to_string())
            }
            _ => (self.title.clone(), self.title.clone()),
        }
    }
}

/// What a kind of duty is called.
pub fn kind_labels(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "request" => ("當事人請求准駁", "Decide a data subject's request"),
        "reply" => ("函復當事人", "Send the reply letter"),
        "supplement" => ("補正期限", "Documents due from the requester"),
        "incident_measures" => ("應變措施（4小時）", "Response measures (4 hours)"),
        "incident_report" => (
            "通報聯絡窗口（4小時）",
            "Report to the contact window (4 hours)",
        ),
        "incident_authority" => ("通報主管機關", "Report to the authority"),
        "disposal" => ("保存期限屆滿，應刪除或停止利用", "Retention ends: dispose"),
        "control" => ("風險控管措施", "Risk control"),
        other => gezi_law::records::kind(other)
            .map(|k| (k.zh, k.en))
            .unwrap_or(("?", "?")),
    }
}

fn bucket_of_date(due: NaiveDate, today: NaiveDate) -> Option<Bucket> {
    if today > due {
        Some(Bucket::Overdue)
    } else if today == due {
        Some(Bucket::Today)
    } else if today
        .checked_add_days(Days::new(7))
        .is_some_and(|w| due <= w)
    {
        Some(Bucket::Week)
    } else {
        None
    }
}

fn bucket_of_time(due: DateTime<Utc>, now: DateTime<Utc>) -> Option<Bucket> {
    if now > due {
        return Some(Bucket::Overdue);
    }
    bucket_of_date(local_date_at(due), local_date_at(now))
}

impl Store {
    /// Everything due by a week from `now`, overdue first; `unit` limits it to one unit.
    pub async fn due_items(&self, unit: Option<i64>, now: DateTime<Utc>) -> Result<Vec<DueItem>> {
        let today = local_date_at(now);
        let mut out = Vec::new();
        let mut push = |item: String,
                        kind: &'static str,
                        reference: &str,
                        title: &str,
                        unit_id: Option<i64>,
                        due: String,
                        bucket: Option<Bucket>,
                        link: String| {
            if let Some(bucket) = bucket {
                out.push(DueItem {
                    item,
                    kind,
                    reference: reference.into(),
                    title: title.into(),
                    unit_id,
                    due,
                    bucket,
                    link,
                });
            }
        };
        for r in self.requests(unit).await? {
            let link = format!("/requests/{}", r.id);
            let title = gezi_law::deadline::Request::parse(&r.kind)
                .map(|k| k.id())
                .unwrap_or_default();
            if r.status == "awaiting_supplement" {
                if let Some(d) = r.supplement_due_on.as_deref().and_then(date_of) {
                    push(
                        format!("request:{}:supplement", r.id),
                        "supplement",
                        &r.reference,
                        title,
                        r.unit_id,
                        d.to_string(),
                        bucket_of_date(d, today),
                        link.clone(),
                    );
                }
            }
            if r.status == "closed" {
                continue;
            }
            if let Some(d) = r.effective_due() {
                let kind = if r.decided_on.is_some() {
                    "reply"
                } else {
                    "request"
                };
                push(
                    format!("request:{}:{kind}", r.id),
                    kind,
                    &r.reference,
                    title,
                    r.unit_id,
                    d.to_string(),
                    bucket_of_date(d, today),
                    link,
                );
            }
        }
        // One query for every incident's count of recorded measures.
        let recorded: BTreeMap<i64, i64> =
            sqlx::query("SELECT incident_id, COUNT(*) FROM incident_measures GROUP BY incident_id")
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
        for i in self.incidents(unit).await? {
            if i.status == "closed" {
                continue;
            }
            let Some(clocks) = i.clocks() else { continue };
            let link = format!("/incidents/{}", i.id);
            let measures = recorded.get(&i.id).copied().unwrap_or(0);
            if measures < gezi_law::incident::MEASURES.len() as i64 {
                push(
                    format!("incident:{}:measures", i.id),
                    "incident_measures",
                    &i.reference,
                    &i.title,
                    i.unit_id,
                    local_display(&stored_time(clocks.measures_due)),
                    bucket_of_time(clocks.measures_due, now),
                    link.clone(),
                );
            }
            if i.reported_at.is_none() {
                push(
                    format!("incident:{}:report", i.id),
                    "incident_report",
                    &i.reference,
                    &i.title,
                    i.unit_id,
                    local_display(&stored_time(clocks.report_due)),
                    bucket_of_time(clocks.report_due, now),
                    link.clone(),
                );
            }
            let duty = authority_duty(i.law());
            if let (true, Some(hours), None, Some(known)) = (
                duty.required,
                duty.within_hours,
                &i.authority_notified_at,
                parse_time(&i.known_at),
            ) {
                let due = known + chrono::Duration::hours(hours);
                push(
                    format!("incident:{}:authority", i.id),
                    "incident_authority",
                    &i.reference,
                    &i.title,
                    i.unit_id,
                    local_display(&stored_time(due)),
                    bucket_of_time(due, now),
                    link,
                );
            }
        }
        // Names and units only: the full files are not needed here.
        let files: BTreeMap<i64, (String, Option<i64>)> =
            sqlx::query("SELECT id, name, unit_id FROM data_files WHERE ($1 = 0 OR unit_id = $2)")
                .bind(unit.is_some() as i64)
                .bind(unit.unwrap_or(0))
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| (r.get(0), (r.get(1), r.get(2))))
                .collect();
        let disposed = self.disposed_files().await?;
        for (id, until) in self.retention_dates().await? {
            let Some((name, unit_id)) = files.get(&id) else {
                continue;
            };
            if disposed.contains(&id) {
                continue;
            }
            let bucket = match retention::disposal(until, today) {
                Disposal::Due(_) => Some(Bucket::Overdue),
                Disposal::Coming(d) => bucket_of_date(d, today).or(Some(Bucket::Week)),
                Disposal::NotYet => None,
            };
            push(
                format!("file:{id}:disposal"),
                "disposal",
                &format!("#{id}"),
                name,
                *unit_id,
                until.to_string(),
                bucket,
                format!("/files/{id}/retention"),
            );
        }
        for r in sqlx::query(
            "SELECT id, data_file_id, description, due_date FROM controls WHERE status <> 'done'",
        )
        .fetch_all(self.pool())
        .await?
        {
            let file_id: i64 = r.get(1);
            let Some((_, unit_id)) = files.get(&file_id) else {
                continue;
            };
            let Some(d) = date_of(&r.get::<String, _>(3)) else {
                continue;
            };
            let id: i64 = r.get(0);
            push(
                format!("control:{id}"),
                "control",
                &format!("#{file_id}"),
                &r.get::<String, _>(2),
                *unit_id,
                d.to_string(),
                bucket_of_date(d, today),
                format!("/files/{file_id}/risk"),
            );
        }
        let records = self.records(None, unit).await?;
        for k in gezi_law::records::KINDS {
            let Some(rule) = k.due else { continue };
            for r in records.iter().filter(|r| r.kind == k.id) {
                if rule.done_field.is_some_and(|f| !r.value(f).is_empty()) {
                    continue;
                }
                // A newer record of the same series (the next training, check or audit)
                // replaces this one's due date.
                if let Some((field, kinds)) = rule.series {
                    let superseded = records.iter().any(|o| {
                        o.id > r.id
                            && kinds.contains(&o.kind.as_str())
                            && o.value(field) == r.value(field)
                    });
                    if superseded {
                        continue;
                    }
                }
                let Some(d) = date_of(r.value(rule.field)) else {
                    continue;
                };
                push(
                    format!("record:{}", r.id),
                    k.id,
                    k.zh,
                    r.value(k.title_field),
                    r.unit_id,
                    d.to_string(),
                    bucket_of_date(d, today),
                    format!("/records/{}/{}", k.id, r.id),
                );
            }
        }
        out.sort_by(|a, b| a.bucket.cmp(&b.bucket).then_with(|| a.due.cmp(&b.due)));
        Ok(out)
    }

    /// The (item, channel) pairs whose reminder went out on `day`. A failed send is not
    /// among them, so the next run tries it again.
    pub async fn reminders_sent_on(
        &self,
        day: NaiveDate,
    ) -> Result<std::collections::BTreeSet<(String, String)>> {
        Ok(sqlx::query(
            "SELECT item, channel FROM reminders WHERE sent_on = $1 AND outcome = 'sent'",
        )
        .bind(day.to_string())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
    }

    /// Records a reminder (sent, or failed with the reason) in the reminders and the audit trail.
    pub async fn record_reminder(
        &self,
        item: &str,
        channel: &str,
        day: NaiveDate,
        outcome: &str,
    ) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM reminders WHERE item = $1 AND channel = $2 AND sent_on = $3")
            .bind(item)
            .bind(channel)
            .bind(day.to_string())
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO reminders (item, channel, sent_on, outcome) VALUES ($1, $2, $3, $4)",
        )
        .bind(item)
        .bind(channel)
        .bind(day.to_string())
        .bind(outcome)
        .execute(&mut *w.tx)
        .await?;
        audit::append(
            &mut w.tx,
            &Actor::system(),
            "reminder.send",
            "reminder",
            item,
            None::<&()>,
            Some(&serde_json::json!({"channel": channel, "outcome": outcome})),
        )
        .await?;
        w.commit().await
    }

    /// Reminders sent, newest first (item, channel, day, outcome).
    pub async fn reminders(&self, limit: i64) -> Result<Vec<(String, String, String, String)>> {
        Ok(sqlx::query("SELECT item, channel, sent_on, outcome FROM reminders ORDER BY sent_on DESC, item LIMIT $1")
            .bind(limit)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect())
    }
}
