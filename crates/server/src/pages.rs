//! The web UI: server-rendered pages and their forms.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header::{self, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use gezi_law::codes::{self, ListKind};
use gezi_law::inventory::{Field, FileStatus, SpecialItem, StorageForm};
use gezi_law::publication;
use gezi_law::risk::Factor;
use gezi_store::accounts::{NewUser, Role, UserUpdate};
use gezi_store::audit::{Entry, Verification};
use gezi_store::due::{kind_labels, Bucket, DueItem};
use gezi_store::files::{DataFile, Fields};
use gezi_store::import::{parse_report, ImportRecord};
use gezi_store::risk::{level_labels, Control, ControlInput, FactorScore, CONTROL_STATUSES};
use gezi_store::units::{Unit, UnitInput};
use gezi_store::{date_of, Actor};

use crate::access::{self, require_admin, require_writer};
use crate::auth::{self, token_hash};
use crate::error::PageError;
use crate::i18n::{Lang, Tr};
use crate::web::{lang_of, session_of, set_cookie, Ctx, FormData, SESSION_COOKIE};
use crate::{AppError, AppState};

type PageResult = Result<Response, PageError>;

const SESSION_HOURS: i64 = 8;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/static/gezi.css", get(stylesheet))
        .route("/lang/{code}", get(set_lang))
        .route("/login", get(login_form).post(login))
        .route("/login/totp", get(totp_form).post(totp_login))
        .route("/logout", post(logout))
        .route("/account", get(account))
        .route("/account/password", post(change_password))
        .route("/account/totp", post(set_totp))
        .route("/account/tokens", post(create_token))
        .route("/units", get(units).post(create_unit))
        .route("/units/{id}", post(update_unit))
        .route("/files", get(files).post(create_file))
        .route("/files/new", get(new_file))
        .route("/files/{id}", get(file).post(update_file))
        .route("/files/{id}/confirm", post(confirm_file))
        .route("/files/{id}/publish", post(publish_file))
        .route("/files/{id}/risk", get(risk).post(save_risk))
        .route("/files/{id}/controls", post(add_control))
        .route("/controls/{id}", post(update_control))
        .route("/risk", get(matrix))
        .route("/imports", get(imports).post(upload_import))
        .route("/users", get(users).post(create_user))
        .route("/users/{id}", post(update_user))
        .route("/users/{id}/reset", post(reset_password))
        .route("/audit", get(audit))
        .route("/settings", get(settings).post(save_settings))
        .route("/codes/{list}", post(import_codes))
}

fn render(t: impl Template) -> PageResult {
    crate::pages_render(t)
}

fn see_other(to: &str) -> PageResult {
    Ok(Redirect::to(to).into_response())
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../static/gezi.css"),
    )
}

async fn set_lang(
    State(app): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = if code == "en" { "en" } else { "zh" };
    // Back to the page the link was on, if it was ours.
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    let mut res = Redirect::to(&back).into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie("lang", lang, 60 * 60 * 24 * 365, app.secure_cookies),
    );
    res
}

// ---- login ----

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    t: Tr,
    lang: Lang,
    error: Option<&'a str>,
    totp_step: bool,
    csrf: String,
}

async fn login_form(headers: HeaderMap) -> PageResult {
    let lang = lang_of(&headers);
    render(LoginPage {
        t: Tr(lang),
        lang,
        error: None,
        totp_step: false,
        csrf: String::new(),
    })
}

async fn login(State(app): State<AppState>, headers: HeaderMap, form: FormData) -> PageResult {
    let lang = lang_of(&headers);
    let username = form.text("username");
    let password = form.text("password");
    let creds = app.store.credentials(username.trim()).await?;
    let ok = match &creds {
        Some(c) if c.user.active => auth::verify_password(&password, &c.password_hash),
        _ => {
            // Same work whether or not the user exists: no timing hint.
            auth::verify_password(&password, auth::dummy_hash());
            false
        }
    };
    let Some(creds) = creds.filter(|_| ok) else {
        let mut res = render(LoginPage {
            t: Tr(lang),
            lang,
            error: Some(Tr(lang).s("login_failed")),
            totp_step: false,
            csrf: String::new(),
        })?;
        *res.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
        return Ok(res);
    };
    let token = auth::new_token();
    let expires = (chrono::Utc::now() + chrono::Duration::hours(SESSION_HOURS))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    app.store
        .create_session(
            &token_hash(&token),
            creds.user.id,
            &auth::new_token(),
            creds.totp_secret.is_none(),
            &expires,
        )
        .await?;
    let to = if creds.totp_secret.is_some() {
        "/login/totp"
    } else if creds.user.must_change_password {
        "/account"
    } else {
        "/"
    };
    let mut res = Redirect::to(to).into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            &token,
            SESSION_HOURS * 3600,
            app.secure_cookies,
        ),
    );
    Ok(res)
}

async fn totp_form(State(app): State<AppState>, headers: HeaderMap) -> PageResult {
    let lang = lang_of(&headers);
    let Some((_, session)) = session_of(&app, &headers).await else {
        return see_other("/login");
    };
    render(LoginPage {
        t: Tr(lang),
        lang,
        error: None,
        totp_step: true,
        csrf: session.csrf_token,
    })
}

async fn totp_login(State(app): State<AppState>, headers: HeaderMap, form: FormData) -> PageResult {
    let lang = lang_of(&headers);
    let Some((hash, session)) = session_of(&app, &headers).await else {
        return see_other("/login");
    };
    if form.get("csrf") != Some(session.csrf_token.as_str()) {
        return Err(AppError::Csrf.into());
    }
    let secret = app
        .store
        .credentials(&session.user.username)
        .await?
        .and_then(|c| c.totp_secret);
    let now = chrono::Utc::now().timestamp() as u64;
    match secret {
        Some(s) if auth::totp_ok(&s, &form.text("code"), now) => {
            app.store.session_second_factor_done(&hash).await?;
            see_other(if session.user.must_change_password {
                "/account"
            } else {
                "/"
            })
        }
        _ => {
            let mut res = render(LoginPage {
                t: Tr(lang),
                lang,
                error: Some(Tr(lang).s("totp_failed")),
                totp_step: true,
                csrf: session.csrf_token,
            })?;
            *res.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
            Ok(res)
        }
    }
}

async fn logout(State(app): State<AppState>, headers: HeaderMap, form: FormData) -> PageResult {
    if let Some((hash, session)) = session_of(&app, &headers).await {
        if form.get("csrf") != Some(session.csrf_token.as_str()) {
            return Err(AppError::Csrf.into());
        }
        app.store.end_session(&hash).await?;
    }
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", 0, app.secure_cookies),
    );
    Ok(res)
}

// ---- account ----

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    ctx: Ctx,
    title: &'static str,
    message: Option<&'static str>,
    totp_secret: String,
    totp_uri: String,
    new_token: Option<String>,
}

fn account_page(ctx: Ctx, message: Option<&'static str>, new_token: Option<String>) -> PageResult {
    let secret = auth::new_totp_secret();
    let uri = auth::totp_uri(&secret, &ctx.user.username);
    let title = ctx.t.s("account");
    render(AccountPage {
        ctx,
        title,
        message,
        totp_secret: secret,
        totp_uri: uri,
        new_token,
    })
}

async fn account(ctx: Ctx) -> PageResult {
    account_page(ctx, None, None)
}

async fn change_password(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    let creds = app
        .store
        .credentials(&ctx.user.username)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !auth::verify_password(&form.text("current"), &creds.password_hash) {
        return Err(AppError::invalid("current", "the current password is wrong").into());
    }
    let new = form.text("new_password");
    if let Some(problem) = auth::password_problem(&new, &ctx.user.username) {
        return Err(AppError::invalid("new_password", problem).into());
    }
    app.store
        .set_password(
            &ctx.user.actor(),
            ctx.user.id,
            &auth::hash_password(&new),
            false,
        )
        .await?;
    see_other("/")
}

async fn set_totp(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    if form.get("disable").is_some() {
        app.store
            .set_totp(&ctx.user.actor(), ctx.user.id, None)
            .await?;
        return see_other("/account");
    }
    let secret = form.text("secret");
    let now = chrono::Utc::now().timestamp() as u64;
    if !auth::totp_ok(&secret, &form.text("code"), now) {
        return Err(AppError::invalid(
            "code",
            "the code does not match the key; check the app's clock and try again",
        )
        .into());
    }
    app.store
        .set_totp(&ctx.user.actor(), ctx.user.id, Some(&secret))
        .await?;
    see_other("/account")
}

async fn create_token(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    let token = auth::new_token();
    app.store
        .create_api_token(
            &ctx.user.actor(),
            ctx.user.id,
            form.text("name").trim(),
            &token_hash(&token),
        )
        .await?;
    account_page(ctx, None, Some(token))
}

// ---- dashboard ----

struct LevelBar {
    label: &'static str,
    class: &'static str,
    count: usize,
    width: usize,
    y: usize,
}

struct UnitRow {
    name: String,
    files: usize,
    proposed: usize,
    high: usize,
    overdue: usize,
}

struct DueRow {
    what: &'static str,
    reference: String,
    title: String,
    unit: String,
    due: String,
    bucket: &'static str,
    link: String,
}

struct DueUnit {
    name: String,
    overdue: usize,
    today: usize,
    week: usize,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    due: Vec<DueRow>,
    due_counts: (usize, usize, usize),
    due_units: Vec<DueUnit>,
    title: &'static str,
    total: usize,
    proposed: usize,
    special: usize,
    overdue: Vec<(i64, String, String)>,
    levels: Vec<LevelBar>,
    chart_height: usize,
    units: Vec<UnitRow>,
}

/// Whether a file's publication is overdue today (point 32), and its due date.
pub(crate) fn publication_state(f: &DataFile) -> Option<publication::State> {
    if f.status != FileStatus::Confirmed.id() || !f.fields.publish_required {
        return None;
    }
    let changed = date_of(&f.changed_at)?;
    Some(publication::state(
        changed,
        f.is_published_current(),
        chrono::Utc::now().date_naive(),
    ))
}

async fn dashboard(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let files = app
        .store
        .data_files(access::visible_unit(&ctx.user))
        .await?;
    let levels_by_file: BTreeMap<i64, String> = app
        .store
        .assessments()
        .await?
        .into_iter()
        .map(|a| (a.data_file_id, a.level))
        .collect();
    let overdue: Vec<(i64, String, String)> = files
        .iter()
        .filter_map(|f| match publication_state(f) {
            Some(publication::State::Overdue(due)) => {
                Some((f.id, f.fields.name.clone(), due.to_string()))
            }
            _ => None,
        })
        .collect();
    let count_level = |id: Option<&str>| {
        files
            .iter()
            .filter(|f| levels_by_file.get(&f.id).map(String::as_str) == id)
            .count()
    };
    let raw = [
        (ctx.t.s("high"), "high", count_level(Some("high"))),
        (ctx.t.s("medium"), "medium", count_level(Some("medium"))),
        (ctx.t.s("low"), "low", count_level(Some("low"))),
        (ctx.t.s("not_assessed"), "none", count_level(None)),
    ];
    let max = raw.iter().map(|r| r.2).max().unwrap_or(0).max(1);
    let levels: Vec<LevelBar> = raw
        .iter()
        .enumerate()
        .map(|(i, (label, class, count))| LevelBar {
            label,
            class,
            count: *count,
            width: count * 260 / max,
            y: i * 26,
        })
        .collect();
    let units = app.store.units().await?;
    let unit_rows = units
        .iter()
        .map(|u| Some(u.id))
        .chain([None])
        .filter_map(|uid| {
            let mine: Vec<&DataFile> = files.iter().filter(|f| f.unit_id == uid).collect();
            if mine.is_empty() {
                return None;
            }
            Some(UnitRow {
                name: Some(gezi_store::units::unit_name(&units, uid))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| ctx.t.s("none").into()),
                files: mine.len(),
                proposed: mine.iter().filter(|f| f.status == "proposed").count(),
                high: mine
                    .iter()
                    .filter(|f| levels_by_file.get(&f.id).map(String::as_str) == Some("high"))
                    .count(),
                overdue: mine
                    .iter()
                    .filter(|f| overdue.iter().any(|o| o.0 == f.id))
                    .count(),
            })
        })
        .collect();
    let items = app
        .store
        .due_items(access::visible_unit(&ctx.user), chrono::Utc::now())
        .await?;
    let unit_name = |id: Option<i64>| {
        Some(gezi_store::units::unit_name(&units, id))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| ctx.t.s("none").into())
    };
    let count = |list: &[&DueItem], b: Bucket| list.iter().filter(|i| i.bucket == b).count();
    let all: Vec<&DueItem> = items.iter().collect();
    let due_counts = (
        count(&all, Bucket::Overdue),
        count(&all, Bucket::Today),
        count(&all, Bucket::Week),
    );
    let mut by_unit: BTreeMap<String, Vec<&DueItem>> = BTreeMap::new();
    for i in &items {
        by_unit.entry(unit_name(i.unit_id)).or_default().push(i);
    }
    let due_units = by_unit
        .into_iter()
        .map(|(name, list)| DueUnit {
            overdue: count(&list, Bucket::Overdue),
            today: count(&list, Bucket::Today),
            week: count(&list, Bucket::Week),
            name,
        })
        .collect();
    let due = items
        .iter()
        .map(|i| DueRow {
            what: ctx.lang.pick(kind_labels(i.kind)),
            reference: i.reference.clone(),
            title: {
                let (zh, en) = i.title_labels();
                if ctx.lang.is_en() {
                    en
                } else {
                    zh
                }
            },
            unit: unit_name(i.unit_id),
            due: i.due.clone(),
            bucket: i.bucket.id(),
            link: i.link.clone(),
        })
        .collect();
    let title = ctx.t.s("dashboard");
    render(DashboardPage {
        due,
        due_counts,
        due_units,
        title,
        total: files.len(),
        proposed: files.iter().filter(|f| f.status == "proposed").count(),
        special: files
            .iter()
            .filter(|f| !f.fields.special_items.is_empty())
            .count(),
        overdue,
        chart_height: levels.len() * 26 + 4,
        levels,
        units: unit_rows,
        ctx,
    })
}

// ---- units ----

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    ctx: Ctx,
    title: &'static str,
    units: Vec<Unit>,
}

async fn units(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let units = app.store.units().await?;
    let title = ctx.t.s("units");
    render(UnitsPage { ctx, title, units })
}

fn unit_input(form: &FormData) -> UnitInput {
    UnitInput {
        name: form.text("name"),
        contact_name: form.text("contact_name"),
        contact_email: form.text("contact_email"),
        contact_phone: form.text("contact_phone"),
    }
}

async fn create_unit(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    app.store
        .create_unit(&ctx.user.actor(), &unit_input(&form))
        .await?;
    see_other("/units")
}

async fn update_unit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    app.store
        .update_unit(
            &ctx.user.actor(),
            id,
            form.int("version")?,
            &unit_input(&form),
        )
        .await?;
    see_other("/units")
}

// ---- files ----

struct FileRow {
    id: i64,
    name: String,
    unit: String,
    status: &'static str,
    records: i64,
    level: &'static str,
    publication: String,
    changed: String,
    row_class: &'static str,
}

#[derive(Template)]
#[template(path = "files.html")]
struct FilesPage {
    ctx: Ctx,
    title: &'static str,
    files: Vec<FileRow>,
}

fn status_label(lang: Lang, id: &str) -> &'static str {
    FileStatus::parse(id)
        .map(|s| lang.pick(s.labels()))
        .unwrap_or("?")
}

fn publication_label(t: Tr, f: &DataFile) -> (String, &'static str) {
    match publication_state(f) {
        Some(publication::State::Published) => (t.s("published_current").into(), "ok"),
        Some(publication::State::Due(d)) => (format!("{} {d}", t.s("publication_due")), "due"),
        Some(publication::State::Overdue(d)) => {
            (format!("{} ({d})", t.s("publication_overdue")), "overdue")
        }
        None => (
            f.published_at
                .as_deref()
                .map(|p| p[..10].to_string())
                .unwrap_or_else(|| t.s("not_published").into()),
            "",
        ),
    }
}

async fn files(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let files = app
        .store
        .data_files(access::visible_unit(&ctx.user))
        .await?;
    let units = app.store.units().await?;
    let levels: BTreeMap<i64, String> = app
        .store
        .assessments()
        .await?
        .into_iter()
        .map(|a| (a.data_file_id, a.level))
        .collect();
    let rows = files
        .iter()
        .map(|f| {
            let (publication, class) = publication_label(ctx.t, f);
            FileRow {
                id: f.id,
                name: f.fields.name.clone(),
                unit: gezi_store::units::unit_name(&units, f.unit_id),
                status: status_label(ctx.lang, &f.status),
                records: f.fields.record_count,
                level: ctx.lang.pick(level_labels(
                    levels.get(&f.id).map(String::as_str).unwrap_or(""),
                )),
                publication,
                changed: f.changed_at.get(..10).unwrap_or_default().to_string(),
                row_class: if class == "overdue" { "overdue" } else { "" },
            }
        })
        .collect();
    let title = ctx.t.s("files");
    render(FilesPage {
        ctx,
        title,
        files: rows,
    })
}

pub(crate) struct Opt {
    pub value: String,
    pub label: String,
    pub on: bool,
}

pub(crate) enum Input {
    Text(String),
    Area(String),
    Number(i64),
    Check(bool),
    Select(Vec<Opt>),
    Many(Vec<Opt>),
}

pub(crate) struct Row {
    number: usize,
    id: &'static str,
    label: &'static str,
    input: Input,
}

#[derive(Template)]
#[template(path = "file.html")]
struct FilePage {
    ctx: Ctx,
    title: String,
    message: Option<&'static str>,
    file_id: Option<i64>,
    status: &'static str,
    status_id: String,
    version: i64,
    publication: String,
    publication_class: &'static str,
    level: &'static str,
    can_edit: bool,
    action: String,
    rows: Vec<Row>,
    evidence: Vec<(String, i64, i64)>,
    paths: Vec<(String, i64)>,
}

async fn form_rows(
    app: &AppState,
    lang: Lang,
    unit_id: Option<i64>,
    f: &Fields,
) -> Result<Vec<Row>, PageError> {
    let units = app.store.units().await?;
    let purposes = app.store.code_list(ListKind::Purpose).await?;
    let categories = app.store.code_list(ListKind::Category).await?;
    let code_opts = |list: &codes::CodeList, chosen: &[String]| {
        let mut opts: Vec<Opt> = list
            .codes
            .iter()
            .map(|c| Opt {
                value: c.code.clone(),
                label: format!(
                    "{} {}",
                    c.code,
                    if lang == Lang::En {
                        c.name_en.as_deref().unwrap_or(&c.name_zh)
                    } else {
                        &c.name_zh
                    }
                ),
                on: chosen.contains(&c.code),
            })
            .collect();
        // Codes kept from an earlier list stay visible and chosen.
        for c in chosen
            .iter()
            .filter(|c| !list.codes.iter().any(|x| &x.code == *c))
        {
            opts.push(Opt {
                value: c.clone(),
                label: c.clone(),
                on: true,
            });
        }
        opts
    };
    let input = |field: Field| -> Input {
        match field {
            Field::Business => Input::Area(f.business.clone()),
            Field::Name => Input::Text(f.name.clone()),
            Field::ResponsibleUnit => Input::Select(
                units
                    .iter()
                    .map(|u| Opt {
                        value: u.id.to_string(),
                        label: u.name.clone(),
                        on: Some(u.id) == unit_id,
                    })
                    .collect(),
            ),
            Field::CustodianUnit => Input::Text(f.custodian_unit.clone()),
            Field::CustodyMethod => Input::Area(f.custody_method.clone()),
            Field::StorageForms => Input::Many(
                StorageForm::ALL
                    .iter()
                    .map(|s| Opt {
                        value: s.id().into(),
                        label: lang.pick(s.labels()).into(),
                        on: f.storage_forms.iter().any(|x| x == s.id()),
                    })
                    .collect(),
            ),
            Field::Source => Input::Area(f.source.clone()),
            Field::LegalBasis => Input::Area(f.legal_basis.clone()),
            Field::NoticeRequired => Input::Check(f.notice_required),
            Field::Purposes => Input::Many(code_opts(&purposes, &f.purposes)),
            Field::Categories => Input::Many(code_opts(&categories, &f.categories)),
            Field::Items => Input::Area(f.items.join("\n")),
            Field::SpecialItems => Input::Many(
                SpecialItem::ALL
                    .iter()
                    .map(|s| Opt {
                        value: s.id().into(),
                        label: lang.pick(s.labels()).into(),
                        on: f.special_items.iter().any(|x| x == s.id()),
                    })
                    .collect(),
            ),
            Field::RecordCount => Input::Number(f.record_count),
            Field::InternalUnits => Input::Area(f.internal_units.clone()),
            Field::ExternalParties => Input::Area(f.external_parties.clone()),
            Field::Outsourcing => Input::Area(f.outsourcing.clone()),
            Field::Retention => Input::Text(f.retention.clone()),
            Field::DisposalMethod => Input::Text(f.disposal_method.clone()),
            Field::PublishRequired => Input::Check(f.publish_required),
        }
    };
    Ok(Field::ALL
        .iter()
        .enumerate()
        .map(|(i, field)| Row {
            number: i + 1,
            id: field.id(),
            label: lang.pick(field.labels()),
            input: input(*field),
        })
        .collect())
}

/// Reads the 20 fields from a posted form.
pub(crate) fn fields_from_form(form: &FormData) -> Result<(Option<i64>, Fields), AppError> {
    let items = form
        .text("items")
        .split(['\n', '、', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let record_count = match form.get("record_count").map(str::trim) {
        None | Some("") => 0,
        Some(v) => v
            .parse()
            .map_err(|_| AppError::invalid("record_count", "must be a whole number"))?,
    };
    Ok((
        form.opt_id("unit")?,
        Fields {
            business: form.text("business"),
            name: form.text("name"),
            custodian_unit: form.text("custodian_unit"),
            custody_method: form.text("custody_method"),
            storage_forms: form.all("storage_forms"),
            source: form.text("source"),
            legal_basis: form.text("legal_basis"),
            notice_required: form.checked("notice_required"),
            purposes: form.all("purposes"),
            categories: form.all("categories"),
            items,
            special_items: form.all("special_items"),
            record_count,
            internal_units: form.text("internal_units"),
            external_parties: form.text("external_parties"),
            outsourcing: form.text("outsourcing"),
            retention: form.text("retention"),
            disposal_method: form.text("disposal_method"),
            publish_required: form.checked("publish_required"),
        },
    ))
}

async fn new_file(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    require_writer(&ctx.user)?;
    let defaults = Fields {
        notice_required: true,
        publish_required: true,
        ..Fields::default()
    };
    let rows = form_rows(&app, ctx.lang, ctx.user.unit_id, &defaults).await?;
    render(FilePage {
        title: ctx.t.s("new_file").into(),
        message: None,
        file_id: None,
        status: "",
        status_id: String::new(),
        version: 0,
        publication: String::new(),
        publication_class: "",
        level: "",
        can_edit: true,
        action: "/files".into(),
        rows,
        evidence: vec![],
        paths: vec![],
        ctx,
    })
}

async fn create_file(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    require_writer(&ctx.user)?;
    let (unit, fields) = fields_from_form(&form)?;
    let unit = access::unit_for(&ctx.user, unit)?;
    let file = app
        .store
        .create_data_file(&ctx.user.actor(), unit, &fields)
        .await?;
    see_other(&format!("/files/{}", file.id))
}

async fn file_page(app: &AppState, ctx: Ctx, id: i64, message: Option<&'static str>) -> PageResult {
    let f = access::readable_file(&app.store, &ctx.user, id).await?;
    let can_edit = access::can_edit_file(&ctx.user, &f);
    let rows = form_rows(app, ctx.lang, f.unit_id, &f.fields).await?;
    let (evidence, paths) = app.store.evidence(id).await?;
    let level = app
        .store
        .assessment(id)
        .await?
        .map(|a| a.level)
        .unwrap_or_default();
    let (publication, publication_class) = publication_label(ctx.t, &f);
    render(FilePage {
        title: f.fields.name.clone(),
        message,
        file_id: Some(id),
        status: status_label(ctx.lang, &f.status),
        status_id: f.status.clone(),
        version: f.version,
        publication,
        publication_class,
        level: ctx.lang.pick(level_labels(&level)),
        can_edit,
        action: format!("/files/{id}"),
        rows,
        evidence,
        paths,
        ctx,
    })
}

async fn file(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    file_page(&app, ctx, id, None).await
}

async fn update_file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    access::editable_file(&app.store, &ctx.user, id).await?;
    let (unit, fields) = fields_from_form(&form)?;
    let unit = access::unit_for(&ctx.user, unit)?;
    app.store
        .update_data_file(&ctx.user.actor(), id, form.int("version")?, unit, &fields)
        .await?;
    see_other(&format!("/files/{id}"))
}

async fn confirm_file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    access::editable_file(&app.store, &ctx.user, id).await?;
    app.store
        .set_data_file_status(
            &ctx.user.actor(),
            id,
            form.int("version")?,
            FileStatus::Confirmed,
        )
        .await?;
    see_other(&format!("/files/{id}"))
}

async fn publish_file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    app.store
        .publish_data_file(&ctx.user.actor(), id, form.int("version")?)
        .await?;
    see_other(&format!("/files/{id}"))
}

// ---- risk ----

struct FactorRow {
    number: usize,
    id: &'static str,
    label: &'static str,
    score: i64,
    reason: String,
    suggestion: Option<String>,
}

struct StatusOpt {
    value: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "risk.html")]
struct RiskPage {
    ctx: Ctx,
    title: String,
    file_id: i64,
    file_name: String,
    version: i64,
    outcome: Option<(i64, i64, &'static str, String)>,
    assessed: String,
    can_edit: bool,
    factors: Vec<FactorRow>,
    controls: Vec<Control>,
    statuses: Vec<StatusOpt>,
}

async fn risk(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    let f = access::readable_file(&app.store, &ctx.user, id).await?;
    let a = app.store.assessment(id).await?;
    let suggestions = app.store.suggested_scores(id).await?;
    let factors = Factor::ALL
        .iter()
        .enumerate()
        .map(|(i, factor)| {
            let saved = a
                .as_ref()
                .and_then(|a| a.factors.iter().find(|s| s.factor == factor.id()));
            let suggested = suggestions.iter().find(|s| s.factor == *factor);
            FactorRow {
                number: i + 1,
                id: factor.id(),
                label: ctx.lang.pick(factor.labels()),
                score: saved
                    .map(|s| s.score)
                    .or(suggested.map(|s| s.score))
                    .unwrap_or(1),
                reason: saved
                    .map(|s| s.reason.clone())
                    .or(suggested.map(|s| s.reason.clone()))
                    .unwrap_or_default(),
                suggestion: suggested.map(|s| format!("{} — {}", s.score, s.reason)),
            }
        })
        .collect();
    render(RiskPage {
        title: format!("{} · {}", ctx.t.s("risk"), f.fields.name),
        file_id: id,
        file_name: f.fields.name.clone(),
        version: a.as_ref().map(|a| a.version).unwrap_or(0),
        outcome: a.as_ref().map(|a| {
            (
                a.impact,
                a.likelihood,
                ctx.lang.pick(level_labels(&a.level)),
                a.level.clone(),
            )
        }),
        assessed: a
            .as_ref()
            .map(|a| format!("{} {}", a.assessed_by, a.assessed_at))
            .unwrap_or_default(),
        can_edit: access::can_edit_file(&ctx.user, &f),
        factors,
        controls: app.store.controls(id).await?,
        statuses: CONTROL_STATUSES
            .iter()
            .map(|(v, zh, en)| StatusOpt {
                value: v,
                label: ctx.lang.pick((zh, en)),
            })
            .collect(),
        ctx,
    })
}

/// Reads the 7 factors from a posted form (`score_<id>`, `reason_<id>`).
pub(crate) fn factors_from_form(form: &FormData) -> Result<Vec<FactorScore>, AppError> {
    Factor::ALL
        .iter()
        .map(|f| {
            let score = form
                .get(&format!("score_{}", f.id()))
                .unwrap_or_default()
                .parse()
                .map_err(|_| AppError::invalid(f.id(), "score must be 1, 2 or 3"))?;
            Ok(FactorScore {
                factor: f.id().into(),
                score,
                reason: form.text(&format!("reason_{}", f.id())),
            })
        })
        .collect()
}

async fn save_risk(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    access::editable_file(&app.store, &ctx.user, id).await?;
    let version = match form.int("version")? {
        0 => None,
        v => Some(v),
    };
    app.store
        .save_assessment(&ctx.user.actor(), id, version, &factors_from_form(&form)?)
        .await?;
    see_other(&format!("/files/{id}/risk"))
}

fn control_input(form: &FormData) -> ControlInput {
    ControlInput {
        description: form.text("description"),
        owner: form.text("owner"),
        due_date: form.text("due_date"),
        status: form.get("status").unwrap_or("planned").to_string(),
    }
}

async fn add_control(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    access::editable_file(&app.store, &ctx.user, id).await?;
    app.store
        .add_control(&ctx.user.actor(), id, &control_input(&form))
        .await?;
    see_other(&format!("/files/{id}/risk"))
}

async fn update_control(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    let c = app.store.control(id).await?;
    access::editable_file(&app.store, &ctx.user, c.data_file_id).await?;
    app.store
        .update_control(
            &ctx.user.actor(),
            id,
            form.int("version")?,
            &control_input(&form),
        )
        .await?;
    see_other(&format!("/files/{}/risk", c.data_file_id))
}

struct Cell {
    class: &'static str,
    files: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "matrix.html")]
struct MatrixPage {
    ctx: Ctx,
    title: &'static str,
    cells: Vec<(i64, Vec<Cell>)>,
    unassessed: Vec<(i64, String)>,
}

async fn matrix(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let files = app
        .store
        .data_files(access::visible_unit(&ctx.user))
        .await?;
    let assessments = app.store.assessments().await?;
    let mut cells = Vec::new();
    for impact in (1..=3).rev() {
        let mut row = Vec::new();
        for likelihood in 1..=3 {
            let level = gezi_law::risk::assess([
                impact, 1, 1, likelihood, likelihood, likelihood, likelihood,
            ])
            .expect("1..=3")
            .level;
            row.push(Cell {
                class: level.id(),
                files: assessments
                    .iter()
                    .filter(|a| a.impact == impact && a.likelihood == likelihood)
                    .filter_map(|a| files.iter().find(|f| f.id == a.data_file_id))
                    .map(|f| (f.id, f.fields.name.clone()))
                    .collect(),
            });
        }
        cells.push((impact, row));
    }
    let unassessed = files
        .iter()
        .filter(|f| !assessments.iter().any(|a| a.data_file_id == f.id))
        .map(|f| (f.id, f.fields.name.clone()))
        .collect();
    let title = ctx.t.s("matrix");
    render(MatrixPage {
        ctx,
        title,
        cells,
        unassessed,
    })
}

// ---- imports ----

#[derive(Template)]
#[template(path = "imports.html")]
struct ImportsPage {
    ctx: Ctx,
    title: &'static str,
    imports: Vec<ImportRecord>,
}

async fn imports(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    access::require_reader_of_all(&ctx.user)?;
    let imports = app.store.imports().await?;
    let title = ctx.t.s("imports");
    render(ImportsPage {
        ctx,
        title,
        imports,
    })
}

async fn upload_import(
    State(app): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> PageResult {
    let mut csrf = None;
    let mut report = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        AppError::invalid(
            "report",
            format!("the upload could not be read ({})", e.body_text()),
        )
    })? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.ok(),
            Some("report") => {
                report = Some(field.bytes().await.map_err(|e| {
                    AppError::invalid(
                        "report",
                        format!("the upload could not be read ({})", e.body_text()),
                    )
                })?)
            }
            _ => {}
        }
    }
    ctx.check_csrf(&FormData(
        vec![("csrf".into(), csrf.unwrap_or_default())],
        Vec::new(),
    ))?;
    require_admin(&ctx.user)?;
    let bytes = report.ok_or_else(|| AppError::invalid("report", "no file was uploaded"))?;
    let report = parse_report(&bytes)?;
    let outcome = app.store.import_scan(&ctx.user.actor(), &report).await?;
    see_other(&format!("/imports#import-{}", outcome.import_id))
}

// ---- users ----

struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: &'static str,
    unit: String,
    active: bool,
    version: i64,
    roles: Vec<Opt>,
    units: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    ctx: Ctx,
    title: &'static str,
    one_time: Option<String>,
    users: Vec<UserRow>,
    roles: Vec<Opt>,
    units: Vec<Opt>,
}

async fn users_page(app: &AppState, ctx: Ctx, one_time: Option<String>) -> PageResult {
    access::require_reader_of_all(&ctx.user)?;
    let units = app.store.units().await?;
    let unit_opts = |chosen: Option<i64>| -> Vec<Opt> {
        units
            .iter()
            .map(|u| Opt {
                value: u.id.to_string(),
                label: u.name.clone(),
                on: Some(u.id) == chosen,
            })
            .collect()
    };
    let role_opts = |chosen: Option<Role>| -> Vec<Opt> {
        Role::ALL
            .iter()
            .map(|r| Opt {
                value: r.id().into(),
                label: ctx.lang.pick(r.labels()).into(),
                on: Some(*r) == chosen,
            })
            .collect()
    };
    let users = app
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            role: ctx.lang.pick(u.role.labels()),
            unit: units
                .iter()
                .find(|x| Some(x.id) == u.unit_id)
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            roles: role_opts(Some(u.role)),
            units: unit_opts(u.unit_id),
            username: u.username,
            display_name: u.display_name,
            active: u.active,
            version: u.version,
        })
        .collect();
    let title = ctx.t.s("users");
    render(UsersPage {
        title,
        one_time,
        users,
        roles: role_opts(None),
        units: unit_opts(None),
        ctx,
    })
}

async fn users(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    users_page(&app, ctx, None).await
}

fn role_of(form: &FormData) -> Result<Role, AppError> {
    Role::parse(&form.text("role"))
        .ok_or_else(|| AppError::invalid("role", "must be admin, unit_contact or auditor"))
}

async fn create_user(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    let password = auth::new_one_time_password();
    let new = NewUser {
        username: form.text("username").trim().into(),
        display_name: form.text("display_name"),
        role: role_of(&form)?,
        unit_id: form.opt_id("unit_id")?,
    };
    app.store
        .create_user(&ctx.user.actor(), &new, &auth::hash_password(&password))
        .await?;
    users_page(&app, ctx, Some(password)).await
}

async fn update_user(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    let change = UserUpdate {
        display_name: form.text("display_name"),
        role: role_of(&form)?,
        unit_id: form.opt_id("unit_id")?,
        active: form.checked("active"),
    };
    app.store
        .update_user(&ctx.user.actor(), id, form.int("version")?, &change)
        .await?;
    see_other("/users")
}

async fn reset_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    let password = auth::new_one_time_password();
    app.store
        .set_password(&ctx.user.actor(), id, &auth::hash_password(&password), true)
        .await?;
    users_page(&app, ctx, Some(password)).await
}

// ---- audit ----

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ctx: Ctx,
    title: &'static str,
    verification: Option<Verification>,
    entries: Vec<Entry>,
    page: i64,
}

async fn audit(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BTreeMap<String, String>>,
) -> PageResult {
    access::require_reader_of_all(&ctx.user)?;
    let page: i64 = q
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
        .max(0);
    let verification = if q.contains_key("verify") {
        Some(app.store.verify_audit().await?)
    } else {
        None
    };
    let about = match (q.get("entity"), q.get("id")) {
        (Some(e), Some(i)) => Some((e.as_str(), i.as_str())),
        _ => None,
    };
    let entries = app.store.audit_entries(100, page * 100, about).await?;
    let title = ctx.t.s("audit");
    render(AuditPage {
        ctx,
        title,
        verification,
        entries,
        page,
    })
}

// ---- settings and code lists ----

struct ListView {
    id: &'static str,
    title: &'static str,
    count: usize,
    partial: bool,
    source: String,
    codes: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    ctx: Ctx,
    title: &'static str,
    settings: Vec<(&'static str, &'static str, String)>,
    lists: Vec<ListView>,
    calendars: Vec<CalendarView>,
    reminders: Vec<(String, String, String, String)>,
}

struct CalendarView {
    id: &'static str,
    name: &'static str,
    years: String,
    days: usize,
}

async fn settings(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let values = app.store.settings().await?;
    let settings = gezi_store::codes::SETTING_KEYS
        .iter()
        .map(|(k, zh, en)| {
            (
                *k,
                ctx.lang.pick((zh, en)),
                values.get(*k).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let mut lists = Vec::new();
    for (kind, key) in [
        (ListKind::Purpose, "purpose_list"),
        (ListKind::Category, "category_list"),
    ] {
        let l = app.store.code_list(kind).await?;
        lists.push(ListView {
            id: kind.id(),
            title: ctx.t.s(key),
            count: l.codes.len(),
            partial: l.is_partial(),
            source: l.source.clone(),
            codes: l.codes.into_iter().map(|c| (c.code, c.name_zh)).collect(),
        });
    }
    let mut calendars = Vec::new();
    for j in [gezi_law::Jurisdiction::Tw, gezi_law::Jurisdiction::Hk] {
        let cal = app.store.calendar(j).await?;
        calendars.push(CalendarView {
            id: j.id(),
            name: match j {
                gezi_law::Jurisdiction::Tw => "臺灣 Taiwan",
                _ => "香港 Hong Kong",
            },
            years: cal
                .years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            days: cal.holidays.len(),
        });
    }
    let title = ctx.t.s("settings");
    render(SettingsPage {
        reminders: app.store.reminders(20).await?,
        ctx,
        title,
        settings,
        lists,
        calendars,
    })
}

async fn save_settings(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    let mut values = form.map();
    values.remove("csrf");
    app.store.set_settings(&ctx.user.actor(), &values).await?;
    see_other("/settings")
}

/// Parses and loads a full code list, reporting the first bad lines.
pub(crate) async fn load_code_list(
    app: &AppState,
    actor: &Actor,
    list: &str,
    csv: &str,
) -> Result<usize, AppError> {
    let kind = ListKind::parse(list).ok_or(AppError::NotFound)?;
    let parsed = codes::parse(kind, csv).map_err(|errors| {
        let shown: Vec<String> = errors.iter().take(5).map(|e| e.to_string()).collect();
        AppError::invalid(
            "csv",
            format!("{} bad line(s): {}", errors.len(), shown.join("; ")),
        )
    })?;
    let count = parsed.len();
    let list = codes::CodeList {
        kind,
        codes: parsed,
        source: format!("imported by {} on {}", actor.name, gezi_store::now()),
    };
    app.store.replace_codes(actor, &list).await?;
    Ok(count)
}

async fn import_codes(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(list): Path<String>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    load_code_list(&app, &ctx.user.actor(), &list, &form.text("csv")).await?;
    see_other("/settings")
}
