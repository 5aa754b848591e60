//! Incidents on the web (points 40–45): open one, watch its two 4-hour clocks, record
//! the 13 measures, the report, the authority, the notice to the data subjects, the log
//! and the closing; and the same under `/api/v1/incidents`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use gezi_law::incident::{
    self, authority_duty, MEASURES, NOTICE_CHANNELS, NOTICE_ITEMS, REPORT_CHANNELS, REPORT_ITEMS,
};
use gezi_store::incidents::{Incident, IncidentStep, LogEntry, NewIncident, LOG_KINDS};
use gezi_store::time::{local_display, local_input, parse_time, stored_time};
use gezi_store::units::{unit_name, Unit};
use serde::Deserialize;

use crate::access::{
    self, check_edit_unit_record, editable_incident, readable_incident, require_admin,
};
use crate::error::PageError;
use crate::i18n::Lang;
use crate::web::{ApiCaller, Ctx, FormData};
use crate::{AppError, AppState};

type PageResult = Result<Response, PageError>;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/incidents", get(list).post(open))
        .route("/incidents/{id}", get(page))
        .route("/incidents/{id}/step", post(step))
        .route("/incidents/{id}/measures", post(measure))
        .route("/incidents/{id}/log", post(log))
        .route("/incidents/{id}/delete", post(delete))
}

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/incidents", get(api_list).post(api_open))
        .route("/incidents/{id}", get(api_get).delete(api_delete))
        .route("/incidents/{id}/steps", post(api_step))
        .route("/incidents/{id}/measures", post(api_measure))
}

/// A clock as shown: due time, and whether it ran out or the step came late.
pub(crate) struct ClockView {
    pub label: &'static str,
    pub due: String,
    pub done: String,
    pub state: &'static str,
    pub css: &'static str,
    pub id: &'static str,
}

fn clock_view(
    lang: Lang,
    id: &'static str,
    label: &'static str,
    due: DateTime<Utc>,
    done: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ClockView {
    let (state, css) = match done {
        Some(d) if incident::is_late(d, due) => (lang.pick(("逾時完成", "done late")), "late"),
        Some(_) => (lang.pick(("如期完成", "done in time")), "ontime"),
        None if now > due => (lang.pick(("已逾時", "overdue")), "late"),
        None => (lang.pick(("進行中", "running")), "due"),
    };
    let left = if done.is_none() && now <= due {
        let m = (due - now).num_minutes();
        format!(
            " ({} {}h{:02}m)",
            lang.pick(("剩餘", "left")),
            m / 60,
            m % 60
        )
    } else {
        String::new()
    };
    ClockView {
        label,
        due: format!("{}{left}", local_display(&stored_time(due))),
        done: done
            .map(|d| local_display(&stored_time(d)))
            .unwrap_or_default(),
        state,
        css,
        id,
    }
}

struct Row {
    title: String,
    reference: String,
    id: i64,
    known: String,
    status: String,
    unit: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "incidents.html")]
struct ListPage {
    ctx: Ctx,
    title: &'static str,
    rows: Vec<Row>,
    units: Vec<Unit>,
    now: String,
}

async fn list(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let units = app.store.units().await?;
    let now = Utc::now();
    let rows = app
        .store
        .incidents(access::visible_unit(&ctx.user))
        .await?
        .into_iter()
        .map(|i| Row {
            late: i.status == "open" && i.report_late(now),
            title: i.title.clone(),
            reference: i.reference.clone(),
            id: i.id,
            known: local_display(&i.known_at),
            status: ctx
                .lang
                .pick(if i.status == "open" {
                    ("處理中", "Open")
                } else {
                    ("已結案", "Closed")
                })
                .into(),
            unit: unit_name(&units, i.unit_id),
        })
        .collect();
    let title = ctx.t.s("incidents");
    crate::pages_render(ListPage {
        ctx,
        title,
        rows,
        units,
        now: local_input(now),
    })
}

async fn open(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    access::require_writer(&ctx.user)?;
    let unit_id = access::unit_for(&ctx.user, form.opt_id("unit_id")?)?;
    let i = app
        .store
        .open_incident(
            &ctx.user.actor(),
            &NewIncident {
                title: form.text("title"),
                known_at: form.time("known_at")?,
                unit_id,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/incidents/{}", i.id)).into_response())
}

struct MeasureRow {
    id: &'static str,
    number: usize,
    label: &'static str,
    done: String,
    by: String,
    note: String,
    applicable: bool,
    recorded: bool,
    late: bool,
}

#[derive(Template)]
#[template(path = "incident.html")]
struct IncidentPage {
    ctx: Ctx,
    title: String,
    i: Incident,
    unit: String,
    clocks: Vec<ClockView>,
    measures: Vec<MeasureRow>,
    done_measures: usize,
    report_items: Vec<(&'static str, &'static str, String)>,
    notice_items: Vec<(&'static str, &'static str, String)>,
    report_channels: Vec<(String, String)>,
    notice_channels: Vec<(String, String)>,
    authority_basis: &'static str,
    authority_required: bool,
    log: Vec<LogEntry>,
    log_kinds: Vec<(String, String)>,
    can_edit: bool,
    now: String,
}

async fn page(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    let i = readable_incident(&app.store, &ctx.user, id).await?;
    let now = Utc::now();
    let clocks = i
        .clocks()
        .ok_or_else(|| AppError::Internal("unreadable time".into()))?;
    let recorded = app.store.measures(id).await?;
    let measures: Vec<MeasureRow> = MEASURES
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let rec = recorded.iter().find(|r| r.measure == m.id);
            MeasureRow {
                id: m.id,
                number: n + 1,
                label: ctx.lang.pick((m.zh, m.en)),
                done: rec.map(|r| local_display(&r.done_at)).unwrap_or_default(),
                by: rec.map(|r| r.done_by.clone()).unwrap_or_default(),
                note: rec.map(|r| r.note.clone()).unwrap_or_default(),
                applicable: rec.is_none_or(|r| r.applicable),
                recorded: rec.is_some(),
                late: rec
                    .and_then(|r| parse_time(&r.done_at))
                    .is_some_and(|d| incident::is_late(d, clocks.measures_due)),
            }
        })
        .collect();
    let last_measure = if recorded.len() == MEASURES.len() {
        recorded.iter().filter_map(|r| parse_time(&r.done_at)).max()
    } else {
        None
    };
    let mut clock_views = vec![
        clock_view(
            ctx.lang,
            "clock-measures",
            ctx.t.s("clock_measures"),
            clocks.measures_due,
            last_measure,
            now,
        ),
        clock_view(
            ctx.lang,
            "clock-report",
            ctx.t.s("clock_report"),
            clocks.report_due,
            i.reported_at.as_deref().and_then(parse_time),
            now,
        ),
    ];
    let duty = authority_duty(i.law());
    if let (true, Some(hours), Some(known)) =
        (duty.required, duty.within_hours, parse_time(&i.known_at))
    {
        clock_views.push(clock_view(
            ctx.lang,
            "clock-authority",
            ctx.t.s("clock_authority"),
            known + chrono::Duration::hours(hours),
            i.authority_notified_at.as_deref().and_then(parse_time),
            now,
        ));
    }
    let report_values = [
        &i.reporter,
        &i.manner,
        &i.occurred_at,
        &i.place,
        &i.scope,
        &i.containment,
    ];
    let report_items = REPORT_ITEMS
        .iter()
        .zip(report_values)
        .map(|((id, zh, en), v)| (*id, ctx.lang.pick((zh, en)), v.clone()))
        .collect();
    let notice_values = [
        &i.notice_facts,
        &i.notice_advice,
        &i.notice_helpdesk,
        &i.notice_remedy,
    ];
    let notice_items = NOTICE_ITEMS
        .iter()
        .zip(notice_values)
        .map(|((id, zh, en), v)| (*id, ctx.lang.pick((zh, en)), v.clone()))
        .collect();
    let units = app.store.units().await?;
    crate::pages_render(IncidentPage {
        title: format!("{} {}", ctx.t.s("incident"), i.reference),
        unit: unit_name(&units, i.unit_id),
        done_measures: recorded.len(),
        clocks: clock_views,
        measures,
        report_items,
        notice_items,
        report_channels: ctx.lang.choices(&REPORT_CHANNELS),
        notice_channels: ctx.lang.choices(&NOTICE_CHANNELS),
        authority_basis: duty.basis,
        authority_required: duty.required,
        log: app.store.incident_log(id).await?,
        log_kinds: ctx.lang.choices(LOG_KINDS),
        can_edit: check_edit_unit_record(&ctx.user, i.unit_id).is_ok(),
        now: local_input(now),
        i,
        ctx,
    })
}

fn step_from(form: &FormData) -> Result<IncidentStep, AppError> {
    Ok(match form.get("step").unwrap_or_default() {
        "report" => IncidentStep::Report {
            reporter: form.text("reporter"),
            manner: form.text("manner"),
            occurred_at: form.text("occurred_at"),
            place: form.text("place"),
            scope: form.text("scope"),
            containment: form.text("containment"),
            channel: form.text("channel"),
            at: form.time("at")?,
        },
        "authority" => IncidentStep::Authority {
            name: form.text("name"),
            at: form.time("at")?,
        },
        "notice_draft" => IncidentStep::NoticeDraft {
            facts: form.text("facts"),
            advice: form.text("advice"),
            helpdesk: form.text("helpdesk"),
            remedy: form.text("remedy"),
        },
        "notice_sent" => IncidentStep::NoticeSent {
            channel: form.text("channel"),
            at: form.time("at")?,
            count: form.int("count")?,
        },
        "close" => IncidentStep::Close {
            lessons: form.text("lessons"),
        },
        _ => return Err(AppError::invalid("step", "unknown step")),
    })
}

async fn step(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_incident(&app.store, &ctx.user, id).await?;
    app.store
        .incident_step(
            &ctx.user.actor(),
            id,
            form.int("version")?,
            &step_from(&form)?,
        )
        .await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}

async fn measure(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_incident(&app.store, &ctx.user, id).await?;
    app.store
        .record_measure(
            &ctx.user.actor(),
            id,
            &form.text("measure"),
            !form.checked("not_applicable"),
            form.time("done_at")?,
            &form.text("note"),
        )
        .await?;
    Ok(Redirect::to(&format!("/incidents/{id}#measures")).into_response())
}

async fn log(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_incident(&app.store, &ctx.user, id).await?;
    app.store
        .add_incident_log(
            &ctx.user.actor(),
            id,
            &form.text("kind"),
            &form.text("text"),
        )
        .await?;
    Ok(Redirect::to(&format!("/incidents/{id}#log")).into_response())
}

async fn delete(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    app.store.delete_incident(&ctx.user.actor(), id).await?;
    Ok(Redirect::to("/incidents").into_response())
}

// ---- API ----

type ApiResult = Result<Response, AppError>;

#[derive(Deserialize)]
struct StepBody {
    version: i64,
    #[serde(flatten)]
    step: IncidentStep,
}

#[derive(Deserialize)]
struct MeasureBody {
    measure: String,
    #[serde(default = "yes")]
    applicable: bool,
    done_at: DateTime<Utc>,
    #[serde(default)]
    note: String,
}

fn yes() -> bool {
    true
}

async fn api_list(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    Ok(Json(app.store.incidents(access::visible_unit(&c.user)).await?).into_response())
}

async fn api_open(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    access::require_writer(&c.user)?;
    let mut input: NewIncident = crate::api::body(&b)?;
    input.unit_id = access::unit_for(&c.user, input.unit_id)?;
    Ok((
        StatusCode::CREATED,
        Json(app.store.open_incident(&c.user.actor(), &input).await?),
    )
        .into_response())
}

async fn api_get(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    let i = readable_incident(&app.store, &c.user, id).await?;
    let mut v = serde_json::to_value(&i).unwrap_or_default();
    if let Some(clocks) = i.clocks() {
        v["measures_due"] = stored_time(clocks.measures_due).into();
        v["report_due"] = stored_time(clocks.report_due).into();
    }
    v["report_late"] = i.report_late(Utc::now()).into();
    v["measures"] = serde_json::to_value(app.store.measures(id).await?).unwrap_or_default();
    v["log"] = serde_json::to_value(app.store.incident_log(id).await?).unwrap_or_default();
    Ok(Json(v).into_response())
}

async fn api_step(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    editable_incident(&app.store, &c.user, id).await?;
    let s: StepBody = crate::api::body(&b)?;
    Ok(Json(
        app.store
            .incident_step(&c.user.actor(), id, s.version, &s.step)
            .await?,
    )
    .into_response())
}

async fn api_measure(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    editable_incident(&app.store, &c.user, id).await?;
    let m: MeasureBody = crate::api::body(&b)?;
    app.store
        .record_measure(
            &c.user.actor(),
            id,
            &m.measure,
            m.applicable,
            m.done_at,
            &m.note,
        )
        .await?;
    Ok(Json(app.store.measures(id).await?).into_response())
}

async fn api_delete(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    require_admin(&c.user)?;
    app.store.delete_incident(&c.user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
