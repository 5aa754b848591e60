//! The REST API under `/api/v1`: everything the pages do, as JSON.
//!
//! Authentication: `Authorization: Bearer <token>` (tokens are made on the account
//! page), or the page session with an `X-CSRF-Token` header for changes. Errors are
//! `{"error": code, "message": …, "field": …}` with the HTTP status saying which kind.
//! Updates carry the `version` they read; a stale one gets 409.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use gezi_law::codes::ListKind;
use gezi_law::inventory::FileStatus;
use gezi_store::accounts::{NewUser, UserUpdate};
use gezi_store::files::Fields;
use gezi_store::import::parse_report;
use gezi_store::risk::{ControlInput, FactorScore};
use gezi_store::units::UnitInput;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::access::{self, require_admin, require_reader_of_all, require_writer};
use crate::web::ApiCaller;
use crate::{auth, AppError, AppState};

type ApiResult = Result<Response, AppError>;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(me))
        .route("/units", get(units).post(create_unit))
        .route("/units/{id}", put(update_unit))
        .route("/data-files", get(files).post(create_file))
        .route("/data-files/{id}", get(file).put(update_file))
        .route("/data-files/{id}/confirm", post(confirm_file))
        .route("/data-files/{id}/publish", post(publish_file))
        .route("/data-files/{id}/risk", get(risk).put(save_risk))
        .route("/data-files/{id}/risk/suggested", get(suggested))
        .route("/data-files/{id}/controls", get(controls).post(add_control))
        .route("/controls/{id}", put(update_control))
        .route("/imports", get(imports).post(import))
        .route("/audit", get(audit))
        .route("/audit/verify", get(verify))
        .route("/users", get(users).post(create_user))
        .route("/users/{id}", put(update_user))
        .route("/codes/{list}", get(codes).put(replace_codes))
        .route("/settings", get(settings).put(save_settings))
        .route("/public/data-files", get(public_files))
        .merge(crate::requests::api_routes())
        .merge(crate::incidents::api_routes())
        .merge(crate::retention::api_routes())
        .merge(crate::records::api_routes())
        .fallback(not_found)
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

fn created(v: impl serde::Serialize) -> ApiResult {
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Parses a JSON body, saying what is wrong without echoing the values sent.
pub(crate) fn body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let at = format!("line {}, column {}", e.line(), e.column());
        let msg = e.to_string();
        match e.classify() {
            serde_json::error::Category::Data
                if msg.starts_with("missing field") || msg.starts_with("unknown field") =>
            {
                AppError::invalid(
                    "body",
                    msg.split(" at line").next().unwrap_or(&msg).to_string(),
                )
            }
            serde_json::error::Category::Data => {
                AppError::invalid("body", format!("a value has the wrong type ({at})"))
            }
            _ => AppError::invalid("body", format!("is not valid JSON ({at})")),
        }
    })
}

#[derive(Deserialize)]
struct Versioned<T> {
    version: i64,
    #[serde(flatten)]
    inner: T,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: i64,
}

#[derive(Deserialize)]
struct FileBody {
    #[serde(default)]
    unit_id: Option<i64>,
    #[serde(flatten)]
    fields: Fields,
}

async fn me(caller: ApiCaller) -> ApiResult {
    ok(caller.user)
}

async fn units(State(app): State<AppState>, _c: ApiCaller) -> ApiResult {
    ok(app.store.units().await?)
}

async fn create_unit(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    require_admin(&c.user)?;
    created(
        app.store
            .create_unit(&c.user.actor(), &body::<UnitInput>(&b)?)
            .await?,
    )
}

async fn update_unit(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    require_admin(&c.user)?;
    let v: Versioned<UnitInput> = body(&b)?;
    ok(app
        .store
        .update_unit(&c.user.actor(), id, v.version, &v.inner)
        .await?)
}

async fn files(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    ok(app.store.data_files(access::visible_unit(&c.user)).await?)
}

async fn create_file(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    require_writer(&c.user)?;
    let f: FileBody = body(&b)?;
    let unit = access::unit_for(&c.user, f.unit_id)?;
    created(
        app.store
            .create_data_file(&c.user.actor(), unit, &f.fields)
            .await?,
    )
}

async fn file(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    let f = access::readable_file(&app.store, &c.user, id).await?;
    let (kinds, paths) = app.store.evidence(id).await?;
    let mut v = serde_json::to_value(&f).map_err(|e| AppError::Internal(e.to_string()))?;
    v["evidence"] = json!({"kinds": kinds, "paths": paths});
    ok(v)
}

async fn update_file(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    access::editable_file(&app.store, &c.user, id).await?;
    let v: Versioned<FileBody> = body(&b)?;
    let unit = access::unit_for(&c.user, v.inner.unit_id)?;
    ok(app
        .store
        .update_data_file(&c.user.actor(), id, v.version, unit, &v.inner.fields)
        .await?)
}

async fn confirm_file(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    access::editable_file(&app.store, &c.user, id).await?;
    let v: VersionOnly = body(&b)?;
    ok(app
        .store
        .set_data_file_status(&c.user.actor(), id, v.version, FileStatus::Confirmed)
        .await?)
}

async fn publish_file(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    require_admin(&c.user)?;
    let v: VersionOnly = body(&b)?;
    ok(app
        .store
        .publish_data_file(&c.user.actor(), id, v.version)
        .await?)
}

async fn risk(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    access::readable_file(&app.store, &c.user, id).await?;
    // null until the file is first assessed.
    ok(app.store.assessment(id).await?)
}

async fn suggested(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    access::readable_file(&app.store, &c.user, id).await?;
    let s: Vec<Value> = app
        .store
        .suggested_scores(id)
        .await?
        .into_iter()
        .map(|s| json!({"factor": s.factor.id(), "score": s.score, "reason": s.reason}))
        .collect();
    ok(s)
}

#[derive(Deserialize)]
struct RiskBody {
    #[serde(default)]
    version: Option<i64>,
    factors: Vec<FactorScore>,
}

async fn save_risk(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    access::editable_file(&app.store, &c.user, id).await?;
    let r: RiskBody = body(&b)?;
    ok(app
        .store
        .save_assessment(&c.user.actor(), id, r.version, &r.factors)
        .await?)
}

async fn controls(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    access::readable_file(&app.store, &c.user, id).await?;
    ok(app.store.controls(id).await?)
}

async fn add_control(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    access::editable_file(&app.store, &c.user, id).await?;
    created(
        app.store
            .add_control(&c.user.actor(), id, &body::<ControlInput>(&b)?)
            .await?,
    )
}

async fn update_control(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    let control = app.store.control(id).await?;
    access::editable_file(&app.store, &c.user, control.data_file_id).await?;
    let v: Versioned<ControlInput> = body(&b)?;
    ok(app
        .store
        .update_control(&c.user.actor(), id, v.version, &v.inner)
        .await?)
}

async fn imports(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    require_reader_of_all(&c.user)?;
    ok(app.store.imports().await?)
}

async fn import(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    require_admin(&c.user)?;
    let report = parse_report(&b)?;
    created(app.store.import_scan(&c.user.actor(), &report).await?)
}

async fn audit(
    State(app): State<AppState>,
    c: ApiCaller,
    Query(q): Query<BTreeMap<String, String>>,
) -> ApiResult {
    require_reader_of_all(&c.user)?;
    let num = |k: &str, d: i64| q.get(k).and_then(|v| v.parse().ok()).unwrap_or(d);
    ok(app
        .store
        .audit_entries(
            num("limit", 100).clamp(1, 1000),
            num("offset", 0).max(0),
            None,
        )
        .await?)
}

async fn verify(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    require_reader_of_all(&c.user)?;
    let v = app.store.verify_audit().await?;
    ok(json!({"intact": v.intact(), "entries": v.entries, "problems": v.problems}))
}

async fn users(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    require_reader_of_all(&c.user)?;
    ok(app.store.users().await?)
}

async fn create_user(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    require_admin(&c.user)?;
    let new: NewUser = body(&b)?;
    let password = auth::new_one_time_password();
    let user = app
        .store
        .create_user(&c.user.actor(), &new, &auth::hash_password(&password))
        .await?;
    created(json!({"user": user, "one_time_password": password}))
}

async fn update_user(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    require_admin(&c.user)?;
    let v: Versioned<UserUpdate> = body(&b)?;
    ok(app
        .store
        .update_user(&c.user.actor(), id, v.version, &v.inner)
        .await?)
}

async fn codes(State(app): State<AppState>, _c: ApiCaller, Path(list): Path<String>) -> ApiResult {
    let kind = ListKind::parse(&list).ok_or(AppError::NotFound)?;
    let l = app.store.code_list(kind).await?;
    ok(
        json!({"list": kind.id(), "partial": l.is_partial(), "official_size": kind.official_size(), "source": l.source, "codes": l.codes}),
    )
}

async fn replace_codes(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(list): Path<String>,
    b: Bytes,
) -> ApiResult {
    require_admin(&c.user)?;
    let text =
        std::str::from_utf8(&b).map_err(|_| AppError::invalid("body", "must be UTF-8 CSV text"))?;
    let count = crate::pages::load_code_list(&app, &c.user.actor(), &list, text).await?;
    ok(json!({"list": list, "codes": count}))
}

async fn settings(State(app): State<AppState>, _c: ApiCaller) -> ApiResult {
    ok(app.store.settings().await?)
}

async fn save_settings(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    require_admin(&c.user)?;
    let values: BTreeMap<String, String> = body(&b)?;
    app.store.set_settings(&c.user.actor(), &values).await?;
    ok(app.store.settings().await?)
}

async fn public_files(State(app): State<AppState>) -> ApiResult {
    ok(app.store.published().await?)
}
