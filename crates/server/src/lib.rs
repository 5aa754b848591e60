//! gezi-server: the register on the web.
//!
//! Server-rendered pages (askama templates, no JavaScript framework) in Traditional
//! Chinese with English switchable; a REST API under `/api/v1` doing everything the
//! pages do, described at `/api/v1/openapi.json`; the public data-file list and notices
//! under `/public`. Who may do what is decided in one place, [`access`]; the store
//! checks the data. Handlers are thin: read the request, call the store, render.
#![deny(missing_docs)]

pub mod access;
mod api;
pub mod auth;
mod error;
mod export;
pub mod i18n;
mod incidents;
pub mod openapi;
mod pages;
mod public;
mod records;
pub mod reminders;
mod requests;
mod retention;
mod web;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use gezi_store::accounts::{NewUser, Role};
use gezi_store::{Actor, Store};

pub use error::AppError;

/// Largest request body accepted (a scan report of a large share fits in 20 MB).
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The register.
    pub store: Store,
    /// Mark cookies `Secure` (behind HTTPS). Off for plain-HTTP local use.
    pub secure_cookies: bool,
}

/// All routes: pages, API, public pages, health.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(requests::page_routes())
        .merge(incidents::page_routes())
        .merge(retention::page_routes())
        .merge(reminders::page_routes())
        .merge(records::page_routes())
        .nest("/api/v1", api::routes())
        .merge(public::routes())
        .merge(export::routes())
        .route("/healthz", get(healthz))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(web::security_headers))
        .with_state(state)
}

async fn healthz(
    axum::extract::State(app): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    if app.store.ping().await {
        (axum::http::StatusCode::OK, "ok\n")
    } else {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "database unreachable\n",
        )
    }
}

/// Renders a template as an HTML response.
pub(crate) fn pages_render(
    t: impl askama::Template,
) -> Result<axum::response::Response, error::PageError> {
    use axum::response::IntoResponse;
    let html = t
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(axum::response::Html(html).into_response())
}

/// On a database without users, creates the administrator `admin` with a one-time
/// password and returns it (to be printed once). Never a default password.
pub async fn first_run(store: &Store) -> Result<Option<String>, gezi_store::StoreError> {
    if store.user_count().await? > 0 {
        return Ok(None);
    }
    let password = auth::new_one_time_password();
    let admin = NewUser {
        username: "admin".into(),
        display_name: "Administrator".into(),
        role: Role::Admin,
        unit_id: None,
    };
    store
        .create_user(&Actor::system(), &admin, &auth::hash_password(&password))
        .await?;
    Ok(Some(password))
}

/// Serves until interrupted (Ctrl-C).
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
