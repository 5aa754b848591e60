//! Pages anyone can read: the list of personal-data files (PDPA Art. 17, point 32) and
//! a privacy notice per file (Art. 8 items in plain language). They show only what was
//! published, never drafts.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::Router;
use gezi_store::files::Published;

use crate::error::PageError;
use crate::i18n::{Lang, Tr};
use crate::web::lang_of;
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/public/data-files", get(list))
        .route("/public/notices/{id}", get(notice))
}

#[derive(Template)]
#[template(path = "public_list.html")]
struct ListPage {
    t: Tr,
    lang: Lang,
    org: String,
    complaint: String,
    dpo: String,
    files: Vec<Published>,
}

#[derive(Template)]
#[template(path = "public_notice.html")]
struct NoticePage {
    t: Tr,
    lang: Lang,
    org: String,
    contact: String,
    f: Published,
}

fn org_name(settings: &std::collections::BTreeMap<String, String>) -> String {
    settings
        .get("org_name")
        .filter(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| "本機關".into())
}

async fn list(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<axum::response::Response, PageError> {
    let lang = lang_of(&headers);
    let settings = app.store.settings().await?;
    super::pages_render(ListPage {
        t: Tr(lang),
        lang,
        org: org_name(&settings),
        complaint: settings
            .get("complaint_contact")
            .cloned()
            .unwrap_or_default(),
        dpo: settings.get("dpo_contact").cloned().unwrap_or_default(),
        files: app.store.published().await?,
    })
}

async fn notice(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<axum::response::Response, PageError> {
    let lang = lang_of(&headers);
    let settings = app.store.settings().await?;
    let contact = [
        settings.get("dpo_contact"),
        settings.get("complaint_contact"),
    ]
    .into_iter()
    .flatten()
    .find(|s| !s.is_empty())
    .cloned()
    .unwrap_or_default();
    super::pages_render(NoticePage {
        t: Tr(lang),
        lang,
        org: org_name(&settings),
        contact,
        f: app.store.published_one(id).await?,
    })
}
