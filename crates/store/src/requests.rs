//! Data subjects' requests (points 29–31 of the Taipei rules; PDPA Art. 10, 11, 13;
//! PDPO s18–s23; PIPL Art. 44–50): intake, identity check, supplementary documents
//! (補正), assignment, one extension, the decision with its legal ground, the reply, and
//! the notice to everyone who was given the data (points 19, 23).
//!
//! The due date is computed once at intake by gezi-law on the organisation's calendar
//! and kept; every step is a [`Step`] applied to the record in one transaction with its
//! audit entry. A step that the law does not allow at that point is refused with the
//! reason.

use chrono::NaiveDate;
use gezi_law::deadline::{request_deadline, Request};
use gezi_law::grounds;
use gezi_law::Jurisdiction;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::time::local_today;
use crate::{
    audit, check_deletable, date_of, missing_or_conflict, now, required, Actor, Result, Store,
    StoreError,
};

/// The request types, as the forms and letters name them.
pub const KINDS: &[(&str, &str, &str)] = &[
    ("access", "查詢或請求閱覽", "Access (query or inspect)"),
    ("copy", "請求製給複製本", "A copy"),
    ("correction", "請求更正", "Correction"),
    ("supplement", "請求補充", "Supplement"),
    (
        "stop",
        "請求停止蒐集、處理或利用",
        "Stop collection, processing or use",
    ),
    ("deletion", "請求刪除", "Deletion"),
];

/// How a request came in.
pub const CHANNELS: &[(&str, &str, &str)] = &[
    ("web", "網站表單", "Web form"),
    ("paper", "書面", "Paper"),
    ("counter", "臨櫃", "At the counter"),
    ("phone", "電話", "Phone"),
    ("email", "電子郵件", "E-mail"),
];

/// Where a request stands.
pub const STATUSES: &[(&str, &str, &str)] = &[
    ("open", "處理中", "Open"),
    ("awaiting_supplement", "待補正", "Awaiting documents"),
    ("decided", "已決定，待函復", "Decided, reply to send"),
    ("closed", "已函復結案", "Replied and closed"),
];

/// The decisions.
pub const DECISIONS: &[(&str, &str, &str)] = &[
    ("granted", "准予", "Granted"),
    ("partly", "部分准予", "Partly granted"),
    ("rejected", "駁回", "Rejected"),
];

/// The labels of an id in one of the tables above.
pub fn label(
    table: &[(&str, &'static str, &'static str)],
    id: &str,
) -> (&'static str, &'static str) {
    table
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, zh, en)| (*zh, *en))
        .unwrap_or(("?", "?"))
}

/// A new request, as the public form or a member of staff enters it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewRequest {
    /// `access`, `copy`, `correction`, `supplement`, `stop` or `deletion`.
    pub kind: String,
    /// One of [`CHANNELS`].
    pub channel: String,
    /// Who asks (the data subject or their legal representative).
    pub requester_name: String,
    /// How to reach them (address, e-mail or phone) for the reply.
    pub requester_contact: String,
    /// What they ask for, in their words.
    pub details: String,
    /// The day it was received (the clock starts the day after).
    pub received_on: NaiveDate,
    /// The unit that handles it.
    #[serde(default)]
    pub unit_id: Option<i64>,
}

/// A request as stored.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectRequest {
    /// Id.
    pub id: i64,
    /// The number the requester quotes (`R2026-00001`).
    pub reference: String,
    /// `tw`, `hk` or `cn`: the law it is answered under.
    pub jurisdiction: String,
    /// The request type.
    pub kind: String,
    /// How it came in.
    pub channel: String,
    /// One of [`STATUSES`].
    pub status: String,
    /// Requester's name.
    pub requester_name: String,
    /// Requester's contact.
    pub requester_contact: String,
    /// What is asked.
    pub details: String,
    /// The handling unit.
    pub unit_id: Option<i64>,
    /// Received on.
    pub received_on: String,
    /// The last day to decide (None where the law sets no period).
    pub due_on: Option<String>,
    /// The latest day an extension can reach (None: no extension in this law).
    pub extension_limit_on: Option<String>,
    /// The extended last day, once extended.
    pub extended_due_on: Option<String>,
    /// Why it was extended (sent to the requester).
    pub extension_reason: Option<String>,
    /// How the identity was checked.
    pub identity_method: Option<String>,
    /// When.
    pub identity_verified_at: Option<String>,
    /// By whom.
    pub identity_verified_by: Option<String>,
    /// What documents are missing (補正).
    pub supplement_note: Option<String>,
    /// By when they must come.
    pub supplement_due_on: Option<String>,
    /// When they came.
    pub supplement_received_on: Option<String>,
    /// One of [`DECISIONS`].
    pub decision: Option<String>,
    /// The ground of a refusal (a gezi-law ground id).
    pub ground: Option<String>,
    /// The reasons in words.
    pub decision_reason: Option<String>,
    /// Fee asked (0: none).
    pub fee: i64,
    /// Decided on.
    pub decided_on: Option<String>,
    /// By whom.
    pub decided_by: Option<String>,
    /// The reply letter went out on.
    pub reply_sent_on: Option<String>,
    /// Entered at.
    pub created_at: String,
    /// Version for updates.
    pub version: i64,
}

impl SubjectRequest {
    /// The request type.
    pub fn request(&self) -> Request {
        Request::parse(&self.kind).unwrap_or(Request::Access)
    }

    /// The law it is answered under.
    pub fn law(&self) -> Jurisdiction {
        Jurisdiction::parse(&self.jurisdiction).unwrap_or(Jurisdiction::Tw)
    }

    /// The last day that counts now: the extended one once extended.
    pub fn effective_due(&self) -> Option<NaiveDate> {
        self.extended_due_on
            .as_deref()
            .or(self.due_on.as_deref())
            .and_then(date_of)
    }

    /// Whether a decision is still owed and its day has passed on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.decided_on.is_none() && self.effective_due().is_some_and(|d| today > d)
    }

    /// Whether the decision came after its last day.
    pub fn decided_late(&self) -> bool {
        match (
            self.decided_on.as_deref().and_then(date_of),
            self.effective_due(),
        ) {
            (Some(decided), Some(due)) => decided > due,
            _ => false,
        }
    }

    /// Whether the people given the data must be told of the outcome (points 19, 23).
    pub fn notifies_recipients(&self) -> bool {
        matches!(
            self.request(),
            Request::Correction | Request::Supplement | Request::Stop | Request::Deletion
        ) && matches!(self.decision.as_deref(), Some("granted" | "partly"))
    }

    /// What the audit trail keeps: the requester's name and contact masked.
    fn audit_view(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        for field in ["requester_name", "requester_contact"] {
            if let Some(s) = v.get(field).and_then(|s| s.as_str()) {
                v[field] = serde_json::Value::String(gezi_detect::mask(s));
            }
        }
        v
    }
}

/// Someone who was given the data and must hear of a correction, stop or deletion.
#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    /// Id.
    pub id: i64,
    /// The request.
    pub request_id: i64,
    /// Who (an agency, a unit, a vendor).
    pub recipient: String,
    /// When they were told.
    pub notified_on: Option<String>,
}

/// One step in handling a request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// The identity was checked (point 29(1)), and how.
    VerifyIdentity {
        /// Documents seen, e.g. "身分證正本核對".
        method: String,
    },
    /// Documents are missing: the requester is asked to supply them by a date (point 29(3)).
    AskSupplement {
        /// What is missing.
        note: String,
        /// By when.
        due_on: NaiveDate,
    },
    /// The missing documents came.
    SupplementReceived {
        /// On.
        on: NaiveDate,
    },
    /// Hand to a unit.
    Assign {
        /// The unit.
        unit_id: Option<i64>,
    },
    /// The one extension, with the reason written to the requester (PDPA Art. 13).
    Extend {
        /// The reason, as sent.
        reason: String,
    },
    /// The decision.
    Decide {
        /// One of [`DECISIONS`].
        decision: String,
        /// A refusal's ground (a gezi-law ground id), required unless granted.
        ground: Option<String>,
        /// The reasons in words.
        reason: String,
        /// Fee asked (point 30), 0 for none.
        fee: i64,
        /// Decided on.
        on: NaiveDate,
    },
    /// The reply letter went out.
    ReplySent {
        /// On.
        on: NaiveDate,
    },
}

fn opt(row: &AnyRow, col: &str) -> Option<String> {
    row.get::<Option<String>, _>(col)
}

fn from_row(r: &AnyRow) -> SubjectRequest {
    SubjectRequest {
        id: r.get("id"),
        reference: crate::reference('R', &r.get::<String, _>("created_at"), r.get("id")),
        jurisdiction: r.get("jurisdiction"),
        kind: r.get("kind"),
        channel: r.get("channel"),
        status: r.get("status"),
        requester_name: r.get("requester_name"),
        requester_contact: r.get("requester_contact"),
        details: r.get("details"),
        unit_id: r.get("unit_id"),
        received_on: r.get("received_on"),
        due_on: opt(r, "due_on"),
        extension_limit_on: opt(r, "extension_limit_on"),
        extended_due_on: opt(r, "extended_due_on"),
        extension_reason: opt(r, "extension_reason"),
        identity_method: opt(r, "identity_method"),
        identity_verified_at: opt(r, "identity_verified_at"),
        identity_verified_by: opt(r, "identity_verified_by"),
        supplement_note: opt(r, "supplement_note"),
        supplement_due_on: opt(r, "supplement_due_on"),
        supplement_received_on: opt(r, "supplement_received_on"),
        decision: opt(r, "decision"),
        ground: opt(r, "ground"),
        decision_reason: opt(r, "decision_reason"),
        fee: r.get("fee"),
        decided_on: opt(r, "decided_on"),
        decided_by: opt(r, "decided_by"),
        reply_sent_on: opt(r, "reply_sent_on"),
        created_at: r.get("created_at"),
        version: r.get("version"),
    }
}

fn refuse(field: &str, reason: &str) -> StoreError {
    StoreError::invalid(field, reason)
}

/// Applies `step` to `r` as done by `who` on `today`, or says why the law does not allow it.
fn apply(r: &mut SubjectRequest, step: &Step, who: &str, today: NaiveDate) -> Result<()> {
    let closed = r.status == "closed";
    let decided = r.decided_on.is_some();
    match step {
        Step::VerifyIdentity { method } => {
            required("method", method, 200)?;
            if decided {
                return Err(refuse("method", "the request is already decided"));
            }
            r.identity_method = Some(method.trim().into());
            r.identity_verified_at = Some(now());
            r.identity_verified_by = Some(who.into());
        }
        Step::AskSupplement { note, due_on } => {
            required("note", note, 1000)?;
            if decided {
                return Err(refuse("note", "the request is already decided"));
            }
            if *due_on <= today {
                return Err(refuse(
                    "due_on",
                    "the date for the documents must be after today",
                ));
            }
            r.supplement_note = Some(note.trim().into());
            r.supplement_due_on = Some(due_on.to_string());
            r.supplement_received_on = None;
            r.status = "awaiting_supplement".into();
        }
        Step::SupplementReceived { on } => {
            if r.status != "awaiting_supplement" {
                return Err(refuse("on", "no documents were asked for"));
            }
            r.supplement_received_on = Some(on.to_string());
            r.status = "open".into();
        }
        Step::Assign { unit_id } => {
            if closed {
                return Err(refuse("unit_id", "the request is closed"));
            }
            r.unit_id = *unit_id;
        }
        Step::Extend { reason } => {
            required("reason", reason, 1000)?;
            if decided {
                return Err(refuse("reason", "the request is already decided"));
            }
            if r.extended_due_on.is_some() {
                return Err(refuse(
                    "reason",
                    "the period was already extended once; the law allows one extension",
                ));
            }
            let Some(limit) = r.extension_limit_on.clone() else {
                return Err(refuse("reason", "this law allows no extension: comply as far as able and give written notice with reasons before the period ends"));
            };
            if r.due_on
                .as_deref()
                .and_then(date_of)
                .is_some_and(|due| today > due)
            {
                return Err(refuse(
                    "reason",
                    "the period has ended: an extension must be notified within it",
                ));
            }
            r.extended_due_on = Some(limit);
            r.extension_reason = Some(reason.trim().into());
        }
        Step::Decide {
            decision,
            ground,
            reason,
            fee,
            on,
        } => {
            if decided {
                return Err(refuse("decision", "the request is already decided"));
            }
            if !DECISIONS.iter().any(|(d, _, _)| d == decision) {
                return Err(refuse("decision", "must be granted, partly or rejected"));
            }
            crate::check_text("reason", reason, 2000)?;
            let ground = ground.as_deref().map(str::trim).filter(|g| !g.is_empty());
            match (decision.as_str(), ground) {
                ("granted", Some(_)) => {
                    return Err(refuse(
                        "ground",
                        "a request granted in full has no refusal ground",
                    ))
                }
                ("partly" | "rejected", None) => {
                    return Err(refuse(
                        "ground",
                        "a refusal, in whole or in part, must name its legal ground (point 29(4))",
                    ))
                }
                (_, Some(g)) if grounds::ground(r.law(), r.request(), g).is_none() => {
                    return Err(refuse(
                        "ground",
                        "is not a ground the law gives for this request",
                    ))
                }
                _ => {}
            }
            if decision != "rejected" && r.identity_verified_at.is_none() {
                return Err(refuse(
                    "decision",
                    "verify the requester's identity before granting (point 29(1))",
                ));
            }
            if *fee < 0 {
                return Err(refuse("fee", "cannot be negative"));
            }
            if *fee > 0
                && (!grounds::fee_rule(r.law(), r.request()).chargeable || decision == "rejected")
            {
                return Err(refuse("fee", "no fee may be asked for this request"));
            }
            if r.received_on.as_str() > on.to_string().as_str() {
                return Err(refuse("on", "is before the request was received"));
            }
            r.decision = Some(decision.clone());
            r.ground = ground.map(String::from);
            r.decision_reason = Some(reason.trim().into());
            r.fee = *fee;
            r.decided_on = Some(on.to_string());
            r.decided_by = Some(who.into());
            r.status = "decided".into();
        }
        Step::ReplySent { on } => {
            if !decided {
                return Err(refuse("on", "decide before sending the reply"));
            }
            if closed {
                return Err(refuse("on", "the reply was already sent"));
            }
            r.reply_sent_on = Some(on.to_string());
            r.status = "closed".into();
        }
    }
    Ok(())
}

impl Store {
    /// Requests, newest first; `unit` limits them to one unit's.
    pub async fn requests(&self, unit: Option<i64>) -> Result<Vec<SubjectRequest>> {
        Ok(self
            .rows_of_unit("requests", unit)
            .await?
            .iter()
            .map(from_row)
            .collect())
    }

    /// One request.
    pub async fn request(&self, id: i64) -> Result<SubjectRequest> {
        sqlx::query("SELECT * FROM requests WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| from_row(&r))
            .ok_or(StoreError::NotFound("request"))
    }

    /// Takes in a request: checks it, computes its due date on the organisation's
    /// calendar and stores it with a reference number.
    pub async fn create_request(
        &self,
        actor: &Actor,
        input: &NewRequest,
    ) -> Result<SubjectRequest> {
        let kind = Request::parse(&input.kind).ok_or_else(|| {
            refuse(
                "kind",
                "must be access, copy, correction, supplement, stop or deletion",
            )
        })?;
        if !CHANNELS.iter().any(|(c, _, _)| *c == input.channel) {
            return Err(refuse(
                "channel",
                "must be web, paper, counter, phone or email",
            ));
        }
        required("requester_name", &input.requester_name, 100)?;
        required("requester_contact", &input.requester_contact, 300)?;
        required("details", &input.details, 4000)?;
        let today = local_today();
        if input.received_on > today {
            return Err(refuse("received_on", "is in the future"));
        }
        if let Some(u) = input.unit_id {
            self.unit(u).await?;
        }
        let j = self.jurisdiction().await?;
        let deadline = request_deadline(j, kind, input.received_on, &self.calendar(j).await?);
        let mut w = self.write().await?;
        let created = now();
        let id: i64 = sqlx::query(
            "INSERT INTO requests (jurisdiction, kind, channel, status, requester_name, requester_contact, details, unit_id, received_on, due_on, extension_limit_on, fee, created_at, version)
             VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, 0, $11, 1) RETURNING id",
        )
        .bind(j.id())
        .bind(kind.id())
        .bind(&input.channel)
        .bind(input.requester_name.trim())
        .bind(input.requester_contact.trim())
        .bind(input.details.trim())
        .bind(input.unit_id)
        .bind(input.received_on.to_string())
        .bind(deadline.due.map(|d| d.to_string()))
        .bind(deadline.extended_due.map(|d| d.to_string()))
        .bind(&created)
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        let reference = crate::reference('R', &created, id);
        let after = serde_json::json!({"reference": reference, "kind": kind.id(), "channel": input.channel,
            "received_on": input.received_on.to_string(), "due_on": deadline.due.map(|d| d.to_string()), "basis": deadline.basis});
        audit::append(
            &mut w.tx,
            actor,
            "request.create",
            "request",
            id,
            None::<&()>,
            Some(&after),
        )
        .await?;
        w.commit().await?;
        self.request(id).await
    }

    /// Applies one step to a request read at `version`.
    pub async fn request_step(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        step: &Step,
    ) -> Result<SubjectRequest> {
        let before = self.request(id).await?;
        let mut r = before.clone();
        apply(&mut r, step, &actor.name, local_today())?;
        if let Step::Assign { unit_id: Some(u) } = step {
            self.unit(*u).await?;
        }
        if matches!(step, Step::ReplySent { .. }) && r.notifies_recipients() {
            let pending = self
                .recipients(id)
                .await?
                .iter()
                .filter(|x| x.notified_on.is_none())
                .count();
            if pending > 0 {
                return Err(refuse(
                    "on",
                    "tell every recipient of the data first (points 19, 23)",
                ));
            }
        }
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE requests SET status = $1, unit_id = $2, extended_due_on = $3, extension_reason = $4,
               identity_method = $5, identity_verified_at = $6, identity_verified_by = $7,
               supplement_note = $8, supplement_due_on = $9, supplement_received_on = $10,
               decision = $11, ground = $12, decision_reason = $13, fee = $14, decided_on = $15, decided_by = $16,
               reply_sent_on = $17, version = version + 1
             WHERE id = $18 AND version = $19",
        )
        .bind(&r.status)
        .bind(r.unit_id)
        .bind(&r.extended_due_on)
        .bind(&r.extension_reason)
        .bind(&r.identity_method)
        .bind(&r.identity_verified_at)
        .bind(&r.identity_verified_by)
        .bind(&r.supplement_note)
        .bind(&r.supplement_due_on)
        .bind(&r.supplement_received_on)
        .bind(&r.decision)
        .bind(&r.ground)
        .bind(&r.decision_reason)
        .bind(r.fee)
        .bind(&r.decided_on)
        .bind(&r.decided_by)
        .bind(&r.reply_sent_on)
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "requests", "request", id).await);
        }
        let action = crate::step_action("request", step);
        audit::append(
            &mut w.tx,
            actor,
            &action,
            "request",
            id,
            Some(&before.audit_view()),
            Some(&r.audit_view()),
        )
        .await?;
        w.commit().await?;
        self.request(id).await
    }

    /// Who was given the data of a request's subject.
    pub async fn recipients(&self, request_id: i64) -> Result<Vec<Recipient>> {
        Ok(
            sqlx::query("SELECT * FROM request_recipients WHERE request_id = $1 ORDER BY id")
                .bind(request_id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| Recipient {
                    id: r.get("id"),
                    request_id: r.get("request_id"),
                    recipient: r.get("recipient"),
                    notified_on: opt(r, "notified_on"),
                })
                .collect(),
        )
    }

    /// Adds someone who was given the data.
    pub async fn add_recipient(
        &self,
        actor: &Actor,
        request_id: i64,
        recipient: &str,
    ) -> Result<()> {
        required("recipient", recipient, 200)?;
        self.request(request_id).await?;
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO request_recipients (request_id, recipient, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(request_id)
        .bind(recipient.trim())
        .bind(now())
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        audit::append(
            &mut w.tx,
            actor,
            "request.recipient_add",
            "request",
            request_id,
            None::<&()>,
            Some(&serde_json::json!({"recipient_id": id, "recipient": recipient.trim()})),
        )
        .await?;
        w.commit().await
    }

    /// Records that a recipient was told of the outcome.
    pub async fn recipient_notified(
        &self,
        actor: &Actor,
        recipient_id: i64,
        on: NaiveDate,
    ) -> Result<()> {
        let mut w = self.write().await?;
        let row = sqlx::query("SELECT request_id FROM request_recipients WHERE id = $1")
            .bind(recipient_id)
            .fetch_optional(&mut *w.tx)
            .await?
            .ok_or(StoreError::NotFound("recipient"))?;
        let request_id: i64 = row.get(0);
        sqlx::query("UPDATE request_recipients SET notified_on = $1 WHERE id = $2")
            .bind(on.to_string())
            .bind(recipient_id)
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            "request.recipient_notified",
            "request",
            request_id,
            None::<&()>,
            Some(&serde_json::json!({"recipient_id": recipient_id, "notified_on": on.to_string()})),
        )
        .await?;
        w.commit().await
    }

    /// Deletes a request with its recipients — only once it is five years old (point 39).
    pub async fn delete_request(&self, actor: &Actor, id: i64) -> Result<()> {
        let r = self.request(id).await?;
        check_deletable(&r.created_at)?;
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM request_recipients WHERE request_id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("DELETE FROM requests WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        audit::append(
            &mut w.tx,
            actor,
            "request.delete",
            "request",
            id,
            Some(&r.audit_view()),
            None::<&()>,
        )
        .await?;
        w.commit().await
    }
}
