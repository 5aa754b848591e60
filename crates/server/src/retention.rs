//! Retention and disposal on the web (points 21–24), what is due (`/api/v1/due`), and
//! the same under the API.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{NaiveDate, Utc};
use gezi_law::retention::{self, Disposal as DisposalState};
use gezi_store::disposals::{Disposal, NewDisposal};
use gezi_store::time::local_today;
use serde::Deserialize;

use crate::access::{self, editable_file, readable_file, require_admin};
use crate::error::PageError;
use crate::web::{ApiCaller, Ctx, FormData};
use crate::{AppError, AppState};

type PageResult = Result<Response, PageError>;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/retention", get(overview))
        .route("/files/{id}/retention", get(page).post(set_date))
        .route("/files/{id}/disposals", post(record))
        .route("/disposals/{id}/delete", post(delete))
}

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/due", get(api_due))
        .route("/data-files/{id}/retention", put(api_set_date))
        .route(
            "/data-files/{id}/disposals",
            get(api_disposals).post(api_record),
        )
        .route("/disposals/{id}", axum::routing::delete(api_delete))
}

struct Row {
    id: i64,
    name: String,
    until: String,
    state: &'static str,
    css: &'static str,
    disposed: bool,
}

#[derive(Template)]
#[template(path = "retention.html")]
struct Overview {
    ctx: Ctx,
    title: &'static str,
    rows: Vec<Row>,
}

async fn overview(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let files = app
        .store
        .data_files(access::visible_unit(&ctx.user))
        .await?;
    let dates = app.store.retention_dates().await?;
    let disposed = app.store.disposed_files().await?;
    let today = local_today();
    let mut rows: Vec<Row> = files
        .iter()
        .map(|f| {
            let until = dates.iter().find(|(id, _)| *id == f.id).map(|(_, d)| *d);
            let is_disposed = disposed.contains(&f.id);
            let (state, css) = match (until.map(|d| retention::disposal(d, today)), is_disposed) {
                (_, true) => (ctx.lang.pick(("已刪除或停止利用", "Disposed")), ""),
                (None, _) => (ctx.lang.pick(("未定保存期限", "No retention date")), "warn"),
                (Some(DisposalState::Due(_)), _) => {
                    (ctx.lang.pick(("已屆期，應處置", "Due: dispose")), "overdue")
                }
                (Some(DisposalState::Coming(_)), _) => {
                    (ctx.lang.pick(("30日內屆期", "Due within 30 days")), "due")
                }
                (Some(DisposalState::NotYet), _) => ("", ""),
            };
            Row {
                id: f.id,
                name: f.fields.name.clone(),
                until: until.map(|d| d.to_string()).unwrap_or_default(),
                state,
                css,
                disposed: is_disposed,
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.until.is_empty(), &a.until).cmp(&(b.until.is_empty(), &b.until)));
    let title = ctx.t.s("retention");
    crate::pages_render(Overview { ctx, title, rows })
}

#[derive(Template)]
#[template(path = "file_retention.html")]
struct FilePage {
    ctx: Ctx,
    title: String,
    file_id: i64,
    file_name: String,
    retention_text: String,
    disposal_text: String,
    until: String,
    disposals: Vec<Disposal>,
    can_edit: bool,
    today: String,
}

async fn page(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    let f = readable_file(&app.store, &ctx.user, id).await?;
    let until = app.store.retain_until(id).await?;
    crate::pages_render(FilePage {
        title: format!("{} · {}", ctx.t.s("retention"), f.fields.name),
        file_id: id,
        file_name: f.fields.name.clone(),
        retention_text: f.fields.retention.clone(),
        disposal_text: f.fields.disposal_method.clone(),
        until: until.map(|d| d.to_string()).unwrap_or_default(),
        disposals: app.store.disposals(id).await?,
        can_edit: access::can_edit_file(&ctx.user, &f),
        today: local_today().to_string(),
        ctx,
    })
}

async fn set_date(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_file(&app.store, &ctx.user, id).await?;
    let until = form.opt_date("retain_until")?;
    app.store
        .set_retention(&ctx.user.actor(), id, until)
        .await?;
    Ok(Redirect::to(&format!("/files/{id}/retention")).into_response())
}

fn disposal_from(form: &FormData) -> Result<NewDisposal, AppError> {
    Ok(NewDisposal {
        disposed_on: form.date("disposed_on")?,
        method: form.text("method"),
        approved_by: form.text("approved_by"),
        impact_check: form.text("impact_check"),
        verification: form.text("verification"),
        verified_by: form.text("verified_by"),
        unrecoverable_confirmed: form.checked("unrecoverable_confirmed"),
    })
}

async fn record(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_file(&app.store, &ctx.user, id).await?;
    app.store
        .record_disposal(&ctx.user.actor(), id, &disposal_from(&form)?)
        .await?;
    Ok(Redirect::to(&format!("/files/{id}/retention")).into_response())
}

async fn delete(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    app.store.delete_disposal(&ctx.user.actor(), id).await?;
    Ok(Redirect::to("/retention").into_response())
}

// ---- API ----

type ApiResult = Result<Response, AppError>;

async fn api_due(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    Ok(Json(
        app.store
            .due_items(access::visible_unit(&c.user), Utc::now())
            .await?,
    )
    .into_response())
}

#[derive(Deserialize)]
struct RetentionBody {
    retain_until: Option<NaiveDate>,
}

async fn api_set_date(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    editable_file(&app.store, &c.user, id).await?;
    let body: RetentionBody = crate::api::body(&b)?;
    app.store
        .set_retention(&c.user.actor(), id, body.retain_until)
        .await?;
    Ok(Json(serde_json::json!({"retain_until": body.retain_until})).into_response())
}

async fn api_disposals(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
) -> ApiResult {
    readable_file(&app.store, &c.user, id).await?;
    Ok(Json(app.store.disposals(id).await?).into_response())
}

async fn api_record(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    editable_file(&app.store, &c.user, id).await?;
    let input: NewDisposal = crate::api::body(&b)?;
    Ok((
        StatusCode::CREATED,
        Json(
            app.store
                .record_disposal(&c.user.actor(), id, &input)
                .await?,
        ),
    )
        .into_response())
}

async fn api_delete(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    require_admin(&c.user)?;
    app.store.delete_disposal(&c.user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
