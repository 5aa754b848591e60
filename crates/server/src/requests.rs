//! Data subjects' requests on the web: the public form, staff intake, the handling page
//! with every step, the reply letter, the redacted access package (point 31), and the
//! same under `/api/v1/requests`.

use std::collections::BTreeSet;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Datelike, NaiveDate};
use gezi_detect::Detector;
use gezi_law::deadline::request_deadline;
use gezi_law::grounds::{self, fee_rule};
use gezi_store::requests::{
    label, NewRequest, Recipient, Step, SubjectRequest, CHANNELS, DECISIONS, KINDS, STATUSES,
};
use gezi_store::time::local_today;
use gezi_store::units::Unit;
use gezi_store::Actor;
use serde::Deserialize;

use crate::access::{
    self, check_edit_unit_record, editable_request, readable_request, require_admin,
};
use crate::error::PageError;
use crate::i18n::Lang;
use crate::web::{lang_of, ApiCaller, Ctx, FormData};
use crate::{AppError, AppState};

type PageResult = Result<Response, PageError>;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/requests", get(list).post(create))
        .route("/requests/new", get(new_form))
        .route("/requests/{id}", get(page))
        .route("/requests/{id}/step", post(step))
        .route("/requests/{id}/recipients", post(add_recipient))
        .route("/requests/{id}/recipients/{rid}", post(recipient_notified))
        .route("/requests/{id}/delete", post(delete))
        .route("/requests/{id}/letter", get(letter))
        .route("/requests/{id}/extension-letter", get(extension_letter))
        .route("/requests/{id}/package", get(package_form).post(package))
        .route("/public/requests/new", get(public_form).post(public_submit))
}

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/requests", get(api_list).post(api_create))
        .route("/requests/{id}", get(api_get).delete(api_delete))
        .route("/requests/{id}/steps", post(api_step))
}

/// A request with its labels, for the pages.
pub(crate) struct RequestView {
    pub r: SubjectRequest,
    pub kind: &'static str,
    pub status: &'static str,
    pub channel: &'static str,
    pub decision: &'static str,
    pub ground: String,
    pub unit: String,
    pub due: String,
    pub overdue: bool,
    pub late: bool,
}

pub(crate) fn view(r: SubjectRequest, lang: Lang, units: &[Unit]) -> RequestView {
    let ground = r
        .ground
        .as_deref()
        .and_then(|g| grounds::ground(r.law(), r.request(), g))
        .map(|g| format!("{}：{}", g.citation, lang.pick((g.zh, g.en))))
        .unwrap_or_default();
    RequestView {
        kind: lang.pick(label(KINDS, &r.kind)),
        status: lang.pick(label(STATUSES, &r.status)),
        channel: lang.pick(label(CHANNELS, &r.channel)),
        decision: r
            .decision
            .as_deref()
            .map(|d| lang.pick(label(DECISIONS, d)))
            .unwrap_or(""),
        ground,
        unit: gezi_store::units::unit_name(units, r.unit_id),
        due: r
            .effective_due()
            .map(|d| d.to_string())
            .unwrap_or_else(|| lang.pick(("法律未定期限", "no period set")).into()),
        overdue: r.is_overdue(local_today()),
        late: r.decided_late(),
        r,
    }
}

#[derive(Template)]
#[template(path = "requests.html")]
struct ListPage {
    ctx: Ctx,
    title: &'static str,
    rows: Vec<RequestView>,
}

async fn list(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    let units = app.store.units().await?;
    let rows = app
        .store
        .requests(access::visible_unit(&ctx.user))
        .await?
        .into_iter()
        .map(|r| view(r, ctx.lang, &units))
        .collect();
    let title = ctx.t.s("requests");
    crate::pages_render(ListPage { ctx, title, rows })
}

#[derive(Template)]
#[template(path = "request_new.html")]
struct NewPage {
    ctx: Ctx,
    title: &'static str,
    kinds: Vec<(String, String)>,
    channels: Vec<(String, String)>,
    units: Vec<Unit>,
    today: String,
}

async fn new_form(State(app): State<AppState>, ctx: Ctx) -> PageResult {
    access::require_writer(&ctx.user)?;
    let units = app.store.units().await?;
    let title = ctx.t.s("new_request");
    crate::pages_render(NewPage {
        kinds: ctx.lang.choices(KINDS),
        channels: ctx.lang.choices(&CHANNELS[1..]),
        units,
        today: local_today().to_string(),
        ctx,
        title,
    })
}

fn new_request_from(
    form: &FormData,
    channel: String,
    unit_id: Option<i64>,
) -> Result<NewRequest, AppError> {
    Ok(NewRequest {
        kind: form.text("kind"),
        channel,
        requester_name: form.text("requester_name"),
        requester_contact: form.text("requester_contact"),
        details: form.text("details"),
        received_on: form.date("received_on")?,
        unit_id,
    })
}

async fn create(State(app): State<AppState>, ctx: Ctx, form: FormData) -> PageResult {
    ctx.check_csrf(&form)?;
    access::require_writer(&ctx.user)?;
    let unit = access::unit_for(&ctx.user, form.opt_id("unit_id")?)?;
    let r = app
        .store
        .create_request(
            &ctx.user.actor(),
            &new_request_from(&form, form.text("channel"), unit)?,
        )
        .await?;
    Ok(Redirect::to(&format!("/requests/{}", r.id)).into_response())
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage {
    ctx: Ctx,
    title: String,
    v: RequestView,
    basis: String,
    notes: Vec<String>,
    fee_basis: &'static str,
    chargeable: bool,
    grounds: Vec<(String, String)>,
    decisions: Vec<(String, String)>,
    units: Vec<Unit>,
    recipients: Vec<Recipient>,
    today: String,
    week_later: String,
    can_edit: bool,
}

async fn page(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    let r = readable_request(&app.store, &ctx.user, id).await?;
    let cal = app.store.calendar(r.law()).await?;
    let received = gezi_store::date_of(&r.received_on).unwrap_or_else(local_today);
    let deadline = request_deadline(r.law(), r.request(), received, &cal);
    let notes = match ctx.lang {
        Lang::En => deadline.notes.clone(),
        Lang::Zh => notes_zh(&r, &cal),
    };
    let fee = fee_rule(r.law(), r.request());
    let grounds = grounds::grounds(r.law(), r.request())
        .into_iter()
        .map(|g| {
            (
                g.id.to_string(),
                format!("{} — {}", g.citation, ctx.lang.pick((g.zh, g.en))),
            )
        })
        .collect();
    let units = app.store.units().await?;
    let recipients = app.store.recipients(id).await?;
    let can_edit = check_edit_unit_record(&ctx.user, r.unit_id).is_ok();
    let v = view(r, ctx.lang, &units);
    crate::pages_render(RequestPage {
        title: format!("{} {}", ctx.t.s("request"), v.r.reference),
        basis: deadline.basis,
        notes,
        fee_basis: fee.basis,
        chargeable: fee.chargeable,
        grounds,
        decisions: ctx.lang.choices(DECISIONS),
        units,
        recipients,
        today: local_today().to_string(),
        week_later: (local_today() + chrono::Duration::days(7)).to_string(),
        can_edit,
        v,
        ctx,
    })
}

/// What the officer should also know, in Chinese (gezi-law's notes are in English).
fn notes_zh(r: &SubjectRequest, cal: &gezi_law::calendar::Calendar) -> Vec<String> {
    use gezi_law::Jurisdiction::*;
    let due = r.due_on.clone().unwrap_or_default();
    let mut notes = match (r.law(), r.extension_limit_on.as_deref()) {
        (Tw, Some(_)) => {
            let days = if matches!(r.kind.as_str(), "access" | "copy") { 15 } else { 30 };
            vec![format!("必要時得延長一次，最多{days}日，並應於原期間內（{due}前）以書面通知申請人延長之原因。")]
        }
        (Hk, _) if r.due_on.is_some() => vec![format!(
            "如未能於{due}前依從，須於期限屆滿前以書面通知申請人理由，並盡量依從，其後在切實可行範圍內儘快完全依從（第19條第2款）；拒絕須於同一期間內以書面說明理由（第21條）。"
        )],
        (Hk, _) => vec!["法例未定期限：應從速處理並記錄處理時間。".into()],
        _ => vec![],
    };
    let years: std::collections::BTreeSet<i32> =
        [r.due_on.as_deref(), r.extension_limit_on.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(gezi_store::date_of)
            .map(|d| d.year())
            .collect();
    for y in years {
        if !cal.has_year(y) {
            notes.push(format!("{y}年之官方休息日曆尚未載入：僅計入週末及固定日期之節日；請由管理者於「機關設定」匯入。"));
        }
    }
    notes
}

fn step_from(form: &FormData) -> Result<Step, AppError> {
    Ok(match form.get("step").unwrap_or_default() {
        "verify_identity" => Step::VerifyIdentity {
            method: form.text("method"),
        },
        "ask_supplement" => Step::AskSupplement {
            note: form.text("note"),
            due_on: form.date("due_on")?,
        },
        "supplement_received" => Step::SupplementReceived {
            on: form.date("on")?,
        },
        "assign" => Step::Assign {
            unit_id: form.opt_id("unit_id")?,
        },
        "extend" => Step::Extend {
            reason: form.text("reason"),
        },
        "decide" => Step::Decide {
            decision: form.text("decision"),
            ground: form.get("ground").map(String::from),
            reason: form.text("reason"),
            fee: match form.get("fee").map(str::trim) {
                None | Some("") => 0,
                Some(_) => form.int("fee")?,
            },
            on: form.date("on")?,
        },
        "reply_sent" => Step::ReplySent {
            on: form.date("on")?,
        },
        _ => return Err(AppError::invalid("step", "unknown step")),
    })
}

/// Of the steps a unit's handler takes, assigning to a unit is the administrator's.
fn check_step(user: &gezi_store::accounts::User, step: &Step) -> Result<(), AppError> {
    if matches!(step, Step::Assign { .. }) {
        require_admin(user)?;
    }
    Ok(())
}

async fn step(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_request(&app.store, &ctx.user, id).await?;
    let step = step_from(&form)?;
    check_step(&ctx.user, &step)?;
    app.store
        .request_step(&ctx.user.actor(), id, form.int("version")?, &step)
        .await?;
    Ok(Redirect::to(&format!("/requests/{id}")).into_response())
}

async fn add_recipient(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_request(&app.store, &ctx.user, id).await?;
    app.store
        .add_recipient(&ctx.user.actor(), id, &form.text("recipient"))
        .await?;
    Ok(Redirect::to(&format!("/requests/{id}")).into_response())
}

async fn recipient_notified(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    editable_request(&app.store, &ctx.user, id).await?;
    if !app.store.recipients(id).await?.iter().any(|x| x.id == rid) {
        return Err(AppError::NotFound.into());
    }
    app.store
        .recipient_notified(&ctx.user.actor(), rid, form.date("on")?)
        .await?;
    Ok(Redirect::to(&format!("/requests/{id}")).into_response())
}

async fn delete(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    require_admin(&ctx.user)?;
    app.store.delete_request(&ctx.user.actor(), id).await?;
    Ok(Redirect::to("/requests").into_response())
}

/// A date as a Taiwanese letter writes it (民國 years) or as elsewhere.
fn letter_date(d: NaiveDate, tw: bool) -> String {
    if tw {
        format!("中華民國{}年{}月{}日", d.year() - 1911, d.month(), d.day())
    } else {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }
}

#[derive(Template)]
#[template(path = "request_letter.html")]
struct LetterPage {
    org: String,
    reference: String,
    requester: String,
    date: String,
    subject: String,
    paragraphs: Vec<String>,
}

/// The article granting the right, per law and request.
fn right_article(r: &SubjectRequest) -> &'static str {
    use gezi_law::deadline::Request::*;
    use gezi_law::Jurisdiction::*;
    match (r.law(), r.request()) {
        (Tw, Access | Copy) => "個人資料保護法第3條、第10條",
        (Tw, _) => "個人資料保護法第3條、第11條",
        (Hk, Access | Copy) => "《個人資料（私隱）條例》第18條",
        (Hk, _) => "《個人資料（私隱）條例》第22條",
        (Cn, Access | Copy) => "个人信息保护法第45條",
        (Cn, Correction | Supplement) => "个人信息保护法第46條",
        (Cn, _) => "个人信息保护法第47條",
    }
}

/// The reply letter's paragraphs, in plain Chinese.
pub(crate) fn letter_paragraphs(
    r: &SubjectRequest,
    recipients: &[Recipient],
    dpo: &str,
) -> (String, Vec<String>) {
    let tw = r.law() == gezi_law::Jurisdiction::Tw;
    let kind = label(KINDS, &r.kind).0;
    let received = gezi_store::date_of(&r.received_on)
        .map(|d| letter_date(d, tw))
        .unwrap_or_default();
    let outcome = match r.decision.as_deref() {
        Some("granted") => "准予辦理",
        Some("partly") => "部分准予、部分不予辦理",
        Some("rejected") => "歉難同意",
        _ => "尚在處理中",
    };
    let subject = format!(
        "有關台端於{received}{kind}個人資料一案（申請編號{}），{outcome}，請查照。",
        r.reference
    );
    let mut p = vec![format!(
        "復台端{received}之申請（申請編號{}），本案依{}規定辦理。",
        r.reference,
        right_article(r)
    )];
    let ground = r
        .ground
        .as_deref()
        .and_then(|g| grounds::ground(r.law(), r.request(), g));
    let reason = r.decision_reason.clone().unwrap_or_default();
    match (r.decision.as_deref(), ground) {
        (Some("granted"), _) => {
            let mut s = String::from("經查，台端之請求符合規定，准予辦理。");
            if matches!(r.kind.as_str(), "access" | "copy") {
                s.push_str("檢附台端之個人資料如附件；其中涉及他人之個人資料，已依規定遮蔽。");
            }
            p.push(s);
        }
        (Some(d), Some(g)) => {
            let part = if d == "partly" { "部分" } else { "" };
            p.push(format!(
                "經查，台端之請求{part}有{}所定情形（{}），{}不予辦理。",
                g.citation,
                g.zh,
                if d == "partly" { "該部分" } else { "爰" }
            ));
        }
        _ => {}
    }
    if !reason.trim().is_empty() {
        p.push(format!("理由說明：{}", reason.trim()));
    }
    if r.fee > 0 {
        p.push(format!(
            "依規定應繳納費用新臺幣{}元，請於領取時繳納。",
            r.fee
        ));
    }
    if let (Some(due), Some(why)) = (&r.extended_due_on, &r.extension_reason) {
        p.push(format!(
            "本案前已於法定期間內以書面通知延長處理期間至{}，理由為：{}。",
            due, why
        ));
    }
    let told: Vec<&str> = recipients
        .iter()
        .filter(|x| x.notified_on.is_some())
        .map(|x| x.recipient.as_str())
        .collect();
    if r.notifies_recipients() && !told.is_empty() {
        p.push(format!(
            "本處已將處理結果通知曾提供利用之對象：{}。",
            told.join("、")
        ));
    }
    if tw && matches!(r.decision.as_deref(), Some("partly" | "rejected")) {
        p.push("台端如不服本處分，得依訴願法第14條及第58條規定，自本函送達之次日起30日內，繕具訴願書經由本處向訴願管轄機關提起訴願。".into());
    }
    if !dpo.trim().is_empty() {
        p.push(format!(
            "如有疑義，請洽本處個人資料保護聯絡窗口：{}。",
            dpo.trim()
        ));
    }
    (subject, p)
}

async fn letter(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    let r = readable_request(&app.store, &ctx.user, id).await?;
    if r.decided_on.is_none() {
        return Err(
            AppError::invalid("decision", "decide the request before writing the reply").into(),
        );
    }
    let recipients = app.store.recipients(id).await?;
    let date = r.decided_on.as_deref().and_then(gezi_store::date_of);
    render_letter(&app, &r, date, |dpo| {
        letter_paragraphs(&r, &recipients, dpo)
    })
    .await
}

/// The notice of the one extension, with its reason (PDPA Art. 13: in writing, within
/// the original period).
async fn extension_letter(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> PageResult {
    let r = readable_request(&app.store, &ctx.user, id).await?;
    let (Some(until), Some(reason)) = (r.extended_due_on.clone(), r.extension_reason.clone())
    else {
        return Err(AppError::invalid("extension", "the period was not extended").into());
    };
    let tw = r.law() == gezi_law::Jurisdiction::Tw;
    let received = gezi_store::date_of(&r.received_on)
        .map(|d| letter_date(d, tw))
        .unwrap_or_default();
    let until_text = gezi_store::date_of(&until)
        .map(|d| letter_date(d, tw))
        .unwrap_or(until);
    let kind = label(KINDS, &r.kind).0;
    render_letter(&app, &r, None, |dpo| {
        let mut p = vec![
            format!("台端於{received}{kind}個人資料一案（申請編號{}），因{reason}，無法於法定期間內完成。", r.reference),
            format!("依個人資料保護法第13條規定，延長處理期間至{until_text}，並以一次為限。"),
        ];
        if !dpo.trim().is_empty() {
            p.push(format!("如有疑義，請洽本處個人資料保護聯絡窗口：{}。", dpo.trim()));
        }
        (format!("有關台端申請編號{}一案，延長處理期間，請查照。", r.reference), p)
    })
    .await
}

async fn render_letter(
    app: &AppState,
    r: &SubjectRequest,
    date: Option<NaiveDate>,
    body: impl FnOnce(&str) -> (String, Vec<String>),
) -> PageResult {
    let settings = app.store.settings().await?;
    let get = |k: &str| settings.get(k).cloned().unwrap_or_default();
    let (subject, paragraphs) = body(&get("dpo_contact"));
    let tw = r.law() == gezi_law::Jurisdiction::Tw;
    crate::pages_render(LetterPage {
        org: get("org_name"),
        reference: r.reference.clone(),
        requester: r.requester_name.clone(),
        date: letter_date(date.unwrap_or_else(local_today), tw),
        subject,
        paragraphs,
    })
}

#[derive(Template)]
#[template(path = "request_package.html")]
struct PackagePage {
    ctx: Ctx,
    title: String,
    v: RequestView,
}

async fn package_form(State(app): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult {
    let r = editable_request(&app.store, &ctx.user, id).await?;
    let units = app.store.units().await?;
    let v = view(r, ctx.lang, &units);
    crate::pages_render(PackagePage {
        title: format!("{} {}", ctx.t.s("package"), v.r.reference),
        v,
        ctx,
    })
}

/// Compares values without spaces, dashes, brackets or case (A123-456-789 = a123456789).
fn normalise(v: &str) -> String {
    v.chars()
        .filter(|c| c.is_alphanumeric() || (!c.is_ascii() && !c.is_whitespace()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The data with every personal-data finding that is not the subject's own masked
/// (point 31); returns the text and how many were kept and masked.
pub fn redact_others(text: &str, own_values: &[String]) -> (String, usize, usize) {
    let own: BTreeSet<String> = own_values
        .iter()
        .map(|v| normalise(v))
        .filter(|v| !v.is_empty())
        .collect();
    let (mut out, mut at, mut kept, mut masked) = (String::with_capacity(text.len()), 0, 0, 0);
    for f in Detector::shared().find(text) {
        let span = f.span();
        if span.start < at {
            continue;
        }
        let value = &text[span.clone()];
        out.push_str(&text[at..span.start]);
        if own.contains(&normalise(value)) {
            out.push_str(value);
            kept += 1;
        } else {
            out.push_str(&format!("［已遮蔽：{}］", f.kind().id()));
            masked += 1;
        }
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, kept, masked)
}

/// The text of an uploaded document and of everything inside it, or why it cannot be
/// read (encrypted, damaged, a limit): a package must not silently leave a part out.
fn document_text(name: &str, bytes: Vec<u8>) -> Result<String, AppError> {
    let found = gezi_extract::collect_bytes(name, bytes, &gezi_extract::Options::default());
    let mut text = String::new();
    for doc in &found.docs {
        if let Some((path, why)) = doc.unread.iter().find(|(_, w)| w.kind.incomplete()) {
            return Err(AppError::invalid(
                "document",
                format!(
                    "{} could not be read: {}",
                    path.members.join("!"),
                    why.reason
                ),
            ));
        }
        if let Err(why) = &doc.result {
            if why.kind.incomplete() {
                return Err(AppError::invalid(
                    "document",
                    format!("could not be read: {}", why.reason),
                ));
            }
        }
        let part = doc.all_text();
        if !part.trim().is_empty() {
            text.push_str(&part);
            text.push('\n');
        }
    }
    Ok(text)
}

async fn package(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: FormData,
) -> PageResult {
    ctx.check_csrf(&form)?;
    let r = editable_request(&app.store, &ctx.user, id).await?;
    if !matches!(r.kind.as_str(), "access" | "copy") {
        return Err(
            AppError::invalid("data", "a package is made for access and copy requests").into(),
        );
    }
    let mut data = form.text("data");
    if let Some(doc) = form.1.iter().find(|u| u.field == "document") {
        // An uploaded document (docx, xlsx, PDF, mail, zip …) is read like `gezi scan`
        // reads it, off the async executor; its text joins the pasted records.
        let (name, bytes) = (doc.name.clone(), doc.bytes.clone());
        let text = tokio::task::spawn_blocking(move || document_text(&name, bytes))
            .await
            .map_err(|_| AppError::invalid("document", "the document could not be read"))??;
        if !data.trim().is_empty() {
            data.push('\n');
        }
        data.push_str(&text);
    }
    if data.trim().is_empty() {
        return Err(AppError::invalid(
            "data",
            "paste the records that hold the subject's data, or upload a document",
        )
        .into());
    }
    let own: Vec<String> = form.text("own").lines().map(String::from).collect();
    let (text, kept, masked) = redact_others(&data, &own);
    app.store
        .record_event(
            &ctx.user.actor(),
            "request.package",
            "request",
            id,
            &serde_json::json!({"kept": kept, "redacted": masked, "bytes": data.len()}),
        )
        .await?;
    let body = format!(
        "{} — {}\n{}: {kept}  {}: {masked}\n\n{text}",
        r.reference,
        ctx.t.s("package"),
        ctx.t.s("kept"),
        ctx.t.s("redacted")
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-package.txt\"", r.reference),
            ),
        ],
        body,
    )
        .into_response())
}

// ---- the public form ----

#[derive(Template)]
#[template(path = "public_request.html")]
struct PublicPage {
    lang: Lang,
    t: crate::i18n::Tr,
    org: String,
    kinds: Vec<(String, String)>,
    today: String,
    done: Option<(String, String)>,
}

async fn public_form(State(app): State<AppState>, headers: axum::http::HeaderMap) -> PageResult {
    public_page(&app, lang_of(&headers), None).await
}

/// The public form, or (`done`) the reference and due date of what was just sent.
async fn public_page(app: &AppState, lang: Lang, done: Option<(String, String)>) -> PageResult {
    let settings = app.store.settings().await?;
    let created = done.is_some();
    let mut res = crate::pages_render(PublicPage {
        lang,
        t: crate::i18n::Tr(lang),
        org: settings.get("org_name").cloned().unwrap_or_default(),
        kinds: lang.choices(KINDS),
        today: local_today().to_string(),
        done,
    })?;
    if created {
        *res.status_mut() = StatusCode::CREATED;
    }
    Ok(res)
}

/// Requests one address may send from the public form in an hour.
const PUBLIC_PER_HOUR: usize = 10;

/// Whether `ip` may send another request now; remembers it if so. Process-wide: the
/// limit protects the register from a flood, not one server from another.
fn public_form_allows(ip: std::net::IpAddr) -> bool {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    use std::time::{Duration, Instant};
    static SENT: OnceLock<Mutex<HashMap<std::net::IpAddr, Vec<Instant>>>> = OnceLock::new();
    let mut sent = SENT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let hour_ago = Instant::now().checked_sub(Duration::from_secs(3600));
    sent.retain(|_, times| {
        times.retain(|t| hour_ago.is_none_or(|h| *t > h));
        !times.is_empty()
    });
    let times = sent.entry(ip).or_default();
    if times.len() >= PUBLIC_PER_HOUR {
        return false;
    }
    times.push(Instant::now());
    true
}

async fn public_submit(
    State(app): State<AppState>,
    // Present behind `gezi serve`; the tests' bare router has no peer address.
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    headers: axum::http::HeaderMap,
    form: FormData,
) -> PageResult {
    if peer.is_some_and(|p| !public_form_allows(p.0 .0.ip())) {
        return Err(AppError::TooManyRequests.into());
    }
    let mut done = ("R----".to_string(), String::new());
    // A field people never see: robots fill it in, and get the same answer as people.
    if form.text("website").is_empty() {
        let mut input = new_request_from(&form, "web".into(), None)?;
        input.received_on = local_today();
        let actor = Actor {
            user_id: None,
            name: "public-form".into(),
        };
        let r = app.store.create_request(&actor, &input).await?;
        done = (r.reference, r.due_on.unwrap_or_default());
    }
    public_page(&app, lang_of(&headers), Some(done)).await
}

// ---- API ----

type ApiResult = Result<Response, AppError>;

#[derive(Deserialize)]
struct StepBody {
    version: i64,
    #[serde(flatten)]
    step: Step,
}

async fn api_list(State(app): State<AppState>, c: ApiCaller) -> ApiResult {
    Ok(Json(app.store.requests(access::visible_unit(&c.user)).await?).into_response())
}

async fn api_create(State(app): State<AppState>, c: ApiCaller, b: Bytes) -> ApiResult {
    access::require_writer(&c.user)?;
    let mut input: NewRequest = crate::api::body(&b)?;
    input.unit_id = access::unit_for(&c.user, input.unit_id)?;
    let r = app.store.create_request(&c.user.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(r)).into_response())
}

async fn api_get(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    let r = readable_request(&app.store, &c.user, id).await?;
    let recipients = app.store.recipients(id).await?;
    let mut v = serde_json::to_value(&r).unwrap_or_default();
    v["recipients"] = serde_json::to_value(recipients).unwrap_or_default();
    v["overdue"] = serde_json::Value::Bool(r.is_overdue(local_today()));
    Ok(Json(v).into_response())
}

async fn api_step(
    State(app): State<AppState>,
    c: ApiCaller,
    Path(id): Path<i64>,
    b: Bytes,
) -> ApiResult {
    editable_request(&app.store, &c.user, id).await?;
    let s: StepBody = crate::api::body(&b)?;
    check_step(&c.user, &s.step)?;
    Ok(Json(
        app.store
            .request_step(&c.user.actor(), id, s.version, &s.step)
            .await?,
    )
    .into_response())
}

async fn api_delete(State(app): State<AppState>, c: ApiCaller, Path(id): Path<i64>) -> ApiResult {
    require_admin(&c.user)?;
    app.store.delete_request(&c.user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_subjects_own_values_survive() {
        let text = "申請人：王小明 身分證字號 A123456789，電話 0912-345-678；承辦人：李大華 電話 0922-111-222";
        let own = vec!["A123456789".to_string(), "0912345678".to_string()];
        let (out, kept, masked) = redact_others(text, &own);
        assert!(
            out.contains("A123456789") && out.contains("0912-345-678"),
            "{out}"
        );
        assert!(
            !out.contains("0922-111-222") && !out.contains("李大華"),
            "{out}"
        );
        assert!(kept == 2 && masked >= 2, "{kept} {masked}");
    }
}
