//! Reminders: what is overdue or due today goes out by webhook and e-mail (to the
//! data-protection contact, and to each unit's contact for the unit's items), at most
//! once a day per item and channel, every run recorded in the audit trail. A background
//! task runs it on a timer; an administrator can run it now from the settings page.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use chrono::Utc;
use gezi_detect::{mask_findings, Detector};
use gezi_law::Jurisdiction;
use gezi_notify::{post_webhook, send_mail, Mail, Smtp};
use gezi_store::due::{kind_labels, Bucket, DueItem};
use gezi_store::time::local_today;
use gezi_store::{Store, StoreError};

use crate::access::require_admin;
use crate::error::PageError;
use crate::web::{Ctx, FormData};
use crate::AppState;

/// The administrator's buttons: send now, import a calendar.
pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/reminders/send", post(send_now))
        .route("/calendars/{j}", post(import_calendar))
}

/// What one run did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct RunSummary {
    /// Items overdue or due today.
    pub due: usize,
    /// Items sent to the webhook this run.
    pub webhook_sent: usize,
    /// E-mails sent this run.
    pub mails_sent: usize,
    /// What failed (channel: reason), without personal data.
    pub failures: Vec<String>,
}

fn line(i: &DueItem) -> String {
    let (zh, en) = kind_labels(i.kind);
    let when = match i.bucket {
        Bucket::Overdue => "已逾期 overdue",
        Bucket::Today => "今日到期 due today",
        Bucket::Week => "本週到期 this week",
    };
    format!(
        "[{when}] {zh} / {en} — {} {} — {} {}",
        i.reference,
        mask_findings(Detector::shared(), &i.title_labels().0),
        i.due,
        i.link
    )
}

/// Sends the reminders due now; settings missing means that channel is skipped.
pub async fn send_due(store: &Store) -> Result<RunSummary, StoreError> {
    let settings = store.settings().await?;
    let get = |k: &str| {
        settings
            .get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let today = local_today();
    let items: Vec<DueItem> = store
        .due_items(None, Utc::now())
        .await?
        .into_iter()
        .filter(|i| i.bucket != Bucket::Week)
        .collect();
    let mut summary = RunSummary {
        due: items.len(),
        ..Default::default()
    };
    // What already went out today, read once for the whole run.
    let sent = store.reminders_sent_on(today).await?;
    let unsent =
        |item: &str, channel: &str| !sent.contains(&(item.to_string(), channel.to_string()));
    let webhook = get("reminder_webhook");
    if !webhook.is_empty() {
        let fresh: Vec<&DueItem> = items
            .iter()
            .filter(|i| unsent(&i.item, "webhook"))
            .collect();
        if !fresh.is_empty() {
            let body = serde_json::json!({
                "source": "gezi",
                "overdue": fresh.iter().filter(|i| i.bucket == Bucket::Overdue).count(),
                "due_today": fresh.iter().filter(|i| i.bucket == Bucket::Today).count(),
                "items": fresh.iter().map(|i| serde_json::json!({
                    "item": i.item, "kind": i.kind, "what": kind_labels(i.kind).0, "reference": i.reference,
                    "title": mask_findings(Detector::shared(), &i.title_labels().0), "due": i.due, "bucket": i.bucket.id(), "link": i.link,
                })).collect::<Vec<_>>(),
            });
            let outcome = match post_webhook(&webhook, &body).await {
                Ok(_) => {
                    summary.webhook_sent = fresh.len();
                    "sent".to_string()
                }
                Err(e) => {
                    summary.failures.push(format!("webhook: {e}"));
                    format!("failed: {e}")
                }
            };
            for i in fresh {
                store
                    .record_reminder(&i.item, "webhook", today, &outcome)
                    .await?;
            }
        }
    }
    let host = get("smtp_host");
    if !host.is_empty() {
        let smtp = Smtp {
            host,
            port: get("smtp_port").parse().unwrap_or(25),
            from: get("smtp_from"),
        };
        // The data-protection contact gets everything; a unit's contact, the unit's items.
        let mut to: BTreeMap<String, Vec<&DueItem>> = BTreeMap::new();
        let dpo = get("reminder_email");
        if !dpo.is_empty() {
            to.insert(dpo, items.iter().collect());
        }
        for u in store.units().await? {
            let mine: Vec<&DueItem> = items.iter().filter(|i| i.unit_id == Some(u.id)).collect();
            if !u.contact_email.trim().is_empty() && !mine.is_empty() {
                to.entry(u.contact_email.trim().to_string())
                    .or_default()
                    .extend(mine);
            }
        }
        for (address, list) in to {
            let channel = format!("email:{address}");
            let fresh: Vec<&DueItem> = list
                .into_iter()
                .filter(|i| unsent(&i.item, &channel))
                .collect();
            if fresh.is_empty() {
                continue;
            }
            let overdue = fresh.iter().filter(|i| i.bucket == Bucket::Overdue).count();
            let mail = Mail {
                to: vec![address.clone()],
                subject: format!(
                    "gezi 個資期限提醒：逾期 {overdue} 件，今日到期 {} 件",
                    fresh.len() - overdue
                ),
                body: fresh.iter().map(|i| line(i)).collect::<Vec<_>>().join("\n"),
            };
            let outcome = match send_mail(&smtp, &mail).await {
                Ok(()) => {
                    summary.mails_sent += 1;
                    "sent".to_string()
                }
                Err(e) => {
                    summary.failures.push(format!("e-mail: {e}"));
                    format!("failed: {e}")
                }
            };
            for i in fresh {
                store
                    .record_reminder(&i.item, &channel, today, &outcome)
                    .await?;
            }
        }
    }
    Ok(summary)
}

/// Runs [`send_due`] every `every`, logging failures without personal data.
pub fn spawn(store: Store, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match send_due(&store).await {
                Ok(s) if !s.failures.is_empty() => {
                    eprintln!("gezi: reminders: {}", s.failures.join("; "))
                }
                Ok(_) => {}
                Err(e) => eprintln!("gezi: reminders could not run: {e}"),
            }
            tokio::time::sleep(every).await;
        }
    })
}

async fn send_now(
    State(app): State<AppState>,
    ctx: Ctx,
    form: FormData,
) -> Result<Response, PageError> {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    let s = send_due(&app.store).await?;
    app.store
        .record_event(
            &ctx.user.actor(),
            "reminder.run",
            "reminder",
            0,
            &serde_json::to_value(&s).unwrap_or_default(),
        )
        .await?;
    Ok(Redirect::to("/settings#reminders").into_response())
}

async fn import_calendar(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(j): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    let j = Jurisdiction::parse(&j).ok_or(crate::AppError::NotFound)?;
    app.store
        .import_holidays(&ctx.user.actor(), j, &form.text("csv"))
        .await?;
    Ok(Redirect::to("/settings#calendars").into_response())
}
