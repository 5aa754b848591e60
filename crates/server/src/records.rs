//! The other records on the web and the API, each form drawn from its kind's definition
//! in gezi-law: consent and notices, purpose-external use and exchanges, vendors,
//! people, training and audits.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use gezi_law::records::{self, FieldType, RecordKind, Values, GROUPS, KINDS};
use gezi_store::records::Record;
use gezi_store::units::{unit_name, Unit};
use serde::Deserialize;

use crate::access::{self, check_edit_unit_record, check_read_unit_record, require_admin};
use crate::error::PageError;
use crate::i18n::Lang;
use crate::web::{ApiCaller, Ctx, FormData};
use crate::{AppError, AppState};

type PageResult = Result<Response, PageError>;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/records", get(hub))
        .route("/records/{kind}", get(list).post(create))
        .route("/records/{kind}/{id}", get(edit).post(update))
        .route("/records/{kind}/{id}/delete", post(delete))
}

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/records/{kind}", get(api_list).post(api_create))
        .route(
            "/records/{kind}/{id}",
            get(api_get).put(api_update).delete(api_delete),
        )
}

fn kind_of(id: &str) -> Result<&'static RecordKind, AppError> {
    records::kind(id).ok_or(AppError::NotFound)
}

struct KindLink {
    id: &'static str,
    name: &'static str,
    basis: &'static str,
    count: usize,
}

#[derive(Template)]
#[template(path = "records_hub.html")]
struct HubPage {
    ctx: Ctx,
    title: &'static str,
    groups: Vec<(&'static str, Vec<KindLink>)>,
}

async fn hub(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let all = app
        .store
        .records(None, access::visible_unit(&ctx.user))
        .await?;
    let groups = GROUPS
        .iter()
        .map(|(g, zh, en)| {
            let kinds = KINDS
                .iter()
                .filter(|k| k.group == *g)
                .map(|k| KindLink {
                    id: k.id,
                    name: ctx.lang.pick((k.zh, k.en)),
                    basis: k.basis,
                    count: all.iter().filter(|r| r.kind == k.id).count(),
                })
                .collect();
            (ctx.lang.pick((zh, en)), kinds)
        })
        .collect();
    let title = ctx.t.s("records");
    crate::pages_render(HubPage { ctx, title, groups })
}

/// A field as a form shows it.
pub(crate) struct FieldView {
    id: &'static str,
    label: &'static str,
    input: &'static str,
    required: bool,
    value: String,
    options: Vec<(&'static str, &'static str)>,
}

fn field_views(kind: &RecordKind, values: &Values, lang: Lang) -> Vec<FieldView> {
    kind.fields
        .iter()
        .map(|f| {
            let (input, options) = match f.ty {
                FieldType::Text => ("text", vec![]),
                FieldType::LongText => ("textarea", vec![]),
                FieldType::Date => ("date", vec![]),
                FieldType::Check => ("check", vec![]),
                FieldType::Number => ("number", vec![]),
                FieldType::Choice(items) => (
                    "select",
                    items
                        .iter()
                        .map(|(id, zh, en)| (*id, lang.pick((zh, en))))
                        .collect(),
                ),
            };
            FieldView {
                id: f.id,
                label: lang.pick((f.zh, f.en)),
                input,
                required: f.required,
                value: values.get(f.id).cloned().unwrap_or_default(),
                options,
            }
        })
        .collect()
}

struct Row {
    id: i64,
    title: String,
    unit: String,
    cells: Vec<String>,
    created: String,
}

#[derive(Template)]
#[template(path = "records.html")]
struct ListPage {
    ctx: Ctx,
    title: &'static str,
    kind: &'static RecordKind,
    columns: Vec<&'static str>,
    rows: Vec<Row>,
    fields: Vec<FieldView>,
    units: Vec<Unit>,
}

/// The date and choice columns a list shows besides the title.
fn columns(kind: &RecordKind) -> Vec<&'static records::RecordField> {
    kind.fields
        .iter()
        .filter(|f| {
            f.id != kind.title_field && matches!(f.ty, FieldType::Date | FieldType::Choice(_))
        })
        .take(4)
        .collect()
}

fn cell(f: &records::RecordField, r: &Record, lang: Lang) -> String {
    let v = r.value(f.id);
    match f.ty {
        FieldType::Choice(items) => items
            .iter()
            .find(|(id, _, _)| *id == v)
            .map(|(_, zh, en)| lang.pick((zh, en)).to_string())
            .unwrap_or_default(),
        _ => v.to_string(),
    }
}

async fn list(State(app): State<AppState>, ctx: Ctx, Path(kind): Path<String>) -> PageResult {
    let kind = kind_of(&kind)?;
    let units = app.store.units().await?;
    let cols = columns(kind);
    let rows = app
        .store
        .records(Some(kind.id), access::visible_unit(&ctx.user))
        .await?
        .iter()
        .map(|r| Row {
            id: r.id,
            title: r.value(kind.title_field).to_string(),
            unit: unit_name(&units, r.unit_id),
            cells: cols.iter().map(|f| cell(f, r, ctx.lang)).collect(),
            created: r.created_at.get(..10).unwrap_or_default().to_string(),
        })
        .collect();
    crate::pages_render(ListPage {
        title: ctx.lang.pick((kind.zh, kind.en)),
        columns: cols.iter().map(|f| ctx.lang.pick((f.zh, f.en))).collect(),
        fields: field_views(kind, &Values::new(), ctx.lang),
        kind,
        rows,
        units,
        ctx,
    })
}

fn values_from(kind: &RecordKind, form: &FormData) -> Values {
    kind.fields
        .iter()
        .map(|f| {
            let v = match f.ty {
                FieldType::Check if form.checked(f.id) => "yes".to_string(),
                FieldType::Check => String::new(),
                _ => form.text(f.id),
            };
            (f.id.to_string(), v)
        })
        .collect()
}

async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    access::require_writer(&ctx.user)?;
    let kind = kind_of(&kind)?;
    let unit = access::unit_for(&ctx.user, form.opt_id("unit_id")?)?;
    app.store
        .create_record(&ctx.user.actor(), kind.id, unit, &values_from(kind, &form))
        .await?;
    Ok(Redirect::to(&format!("/records/{}", kind.id)).into_response())
}

/// A record of `kind` that `user` may read.
async fn readable(
    app: &AppState,
    user: &gezi_store::accounts::User,
    kind: &str,
    id: i64,
) -> Result<Record, AppError> {
    let r = app.store.record(id).await?;
    if r.kind != kind {
        return Err(AppError::NotFound);
    }
    check_read_unit_record(user, r.unit_id)?;
    Ok(r)
}

#[derive(Template)]
#[template(path = "record.html")]
struct EditPage {
    ctx: Ctx,
    title: String,
    kind: &'static RecordKind,
    kind_name: &'static str,
    record: Record,
    fields: Vec<FieldView>,
    can_edit: bool,
}

async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((kind, id)): Path<(String, i64)>,
) -> PageResult {
    let kind = kind_of(&kind)?;
    let record = readable(&app, &ctx.user, kind.id, id).await?;
    crate::pages_render(EditPage {
        title: format!(
            "{} · {}",
            ctx.lang.pick((kind.zh, kind.en)),
            record.value(kind.title_field)
        ),
        fields: field_views(kind, &record.values, ctx.lang),
        can_edit: check_edit_unit_record(&ctx.user, record.unit_id).is_ok(),
        kind_name: ctx.lang.pick((kind.zh, kind.en)),
        kind,
        record,
        ctx,
    })
}

async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((kind, id)): Path<(String, i64)>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    let kind = kind_of(&kind)?;
    let r = readable(&app, &ctx.user, kind.id, id).await?;
    check_edit_unit_record(&ctx.user, r.unit_id)?;
    app.store
        .update_record(
            &ctx.user.actor(),
            id,
            form.int("version")?,
            &values_from(kind, &form),
        )
        .await?;
    Ok(Redirect::to(&format!("/records/{}/{id}", kind.id)).into_response())
}

async fn delete(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((kind, id)): Path<(String, i64)>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    readable(&app, &ctx.user, &kind, id).await?;
    app.store.delete_record(&ctx.user.actor(), id).await?;
    Ok(Redirect::to(&format!("/records/{kind}")).into_response())
}

// ---- API ----

type ApiResult = Result<Response, AppError>;

#[derive(Deserialize)]
struct NewBody {
    #[serde(default)]
    unit_id: Option<i64>,
    values: Values,
}

#[derive(Deserialize)]
struct UpdateBody {
    version: i64,
    values: Values,
}

async fn api_list(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(kind): Path<String>,
) -> ApiResult {
    let kind = kind_of(&kind)?;
    Ok(Json(
        app.store
            .records(Some(kind.id), access::visible_unit(&c.user))
            .await?,
    )
    .into_response())
}

async fn api_create(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(kind): Path<String>,
    b: Bytes,
) -> ApiResult {
    access::require_writer(&c.user)?;
    let kind = kind_of(&kind)?;
    let body: NewBody = crate::api::body(&b)?;
    let unit = access::unit_for(&c.user, body.unit_id)?;
    let r = app
        .store
        .create_record(&c.user.actor(), kind.id, unit, &body.values)
        .await?;
    Ok((StatusCode::CREATED, Json(r)).into_response())
}

async fn api_get(
    State(app): State<AppState>,
    c: ApiCaller,
    Path((kind, id)): Path<(String, i64)>,
) -> ApiResult {
    Ok(Json(readable(&app, &c.user, &kind, id).await?).into_response())
}

async fn api_update(
    State(app): State<AppState>,
    c: ApiCaller,
    Path((kind, id)): Path<(String, i64)>,
    b: Bytes,
) -> ApiResult {
    let r = readable(&app, &c.user, &kind, id).await?;
    check_edit_unit_record(&c.user, r.unit_id)?;
    let body: UpdateBody = crate::api::body(&b)?;
    Ok(Json(
        app.store
            .update_record(&c.user.actor(), id, body.version, &body.values)
            .await?,
    )
    .into_response())
}

async fn api_delete(
    State(app): State<AppState>,
    c: ApiCaller,
    Path((kind, id)): Path<(String, i64)>,
) -> ApiResult {
    require_admin(&c.user)?;
    readable(&app, &c.user, &kind, id).await?;
    app.store.delete_record(&c.user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
