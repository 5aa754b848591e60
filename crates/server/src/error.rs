//! Errors as the API (JSON) and the pages (HTML) show them. Messages name the field and
//! the reason and never echo submitted values.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gezi_store::StoreError;

use crate::web::escape;

/// What went wrong with a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not logged in (or the token is not valid).
    #[error("login required")]
    Unauthenticated,
    /// Logged in, but the role does not allow it.
    #[error("your role does not allow this")]
    Forbidden,
    /// A form was posted without the session's CSRF token.
    #[error("the form's security token is missing or wrong; reload the page and try again")]
    Csrf,
    /// No such record (or not one the user may know of).
    #[error("not found")]
    NotFound,
    /// Bad input: which field and why.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// Someone else changed the record meanwhile.
    #[error("{0}")]
    Conflict(String),
    /// The rules forbid it (e.g. deleting a record younger than five years).
    #[error("{0}")]
    Refused(String),
    /// Too many submissions from one address (the public form).
    #[error("too many requests from this address; try again in an hour")]
    TooManyRequests,
    /// Something failed inside.
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    /// An [`AppError::Invalid`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> AppError {
        AppError::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::Refused(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::NotFound => "not_found",
            AppError::Invalid { .. } => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::Refused(_) => "refused",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound(_) => AppError::NotFound,
            StoreError::Conflict { .. } => AppError::Conflict(e.to_string()),
            StoreError::Invalid { field, reason } => AppError::Invalid { field, reason },
            StoreError::Retained { .. } => AppError::Refused(e.to_string()),
            StoreError::Database(db) => {
                // The database's message can quote values; the log gets the kind only.
                eprintln!("gezi-server: database error: {}", db_kind(&db));
                AppError::Internal(db_kind(&db))
            }
        }
    }
}

fn db_kind(e: &sqlx_error::Error) -> String {
    match e {
        sqlx_error::Error::Database(d) => {
            format!("database refused the statement ({:?})", d.kind())
        }
        sqlx_error::Error::PoolTimedOut => "database pool timed out".into(),
        sqlx_error::Error::Io(_) => "database connection failed".into(),
        _ => "database error".into(),
    }
}

mod sqlx_error {
    pub use gezi_store::SqlxError as Error;
}

/// JSON: `{"error": code, "message": …, "field": …}`.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({"error": self.code(), "message": self.to_string()});
        if let AppError::Invalid { field, .. } = &self {
            body["field"] = serde_json::Value::String(field.clone());
        }
        (self.status(), axum::Json(body)).into_response()
    }
}

/// The same error, as a page (both languages: the error may come before the language is known).
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        if matches!(e, AppError::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        let (zh, en) = match &e {
            AppError::Forbidden => ("您沒有權限執行此操作。", "You are not allowed to do this."),
            AppError::Csrf => ("表單安全碼錯誤，請重新載入頁面。", "The form's security token is wrong; reload the page."),
            AppError::NotFound => ("找不到此紀錄。", "Not found."),
            AppError::Invalid { .. } => ("輸入有誤：", "Invalid input:"),
            AppError::Conflict(_) => (
                "此紀錄已被他人修改，您的輸入未儲存。請重新載入後再修改。",
                "Someone else changed this record meanwhile; nothing of yours was saved. Reload and try again.",
            ),
            AppError::Refused(_) => (
                "紀錄至少保存五年（第39點），尚不得刪除：",
                "Records are kept at least five years (point 39); this one cannot be deleted yet:",
            ),
            AppError::TooManyRequests => (
                "申請次數過多，請一小時後再試，或以書面、電話提出。",
                "Too many requests from this address; try again in an hour, or write or call.",
            ),
            _ => ("系統錯誤。", "Something failed on the server."),
        };
        let detail = match &e {
            AppError::Invalid { .. } | AppError::Refused(_) => {
                format!("<p class=\"detail\">{}</p>", escape(&e.to_string()))
            }
            _ => String::new(),
        };
        let page = format!(
            "<!doctype html><html lang=\"zh-Hant-TW\"><head><meta charset=\"utf-8\"><title>gezi</title>\
             <link rel=\"stylesheet\" href=\"/static/gezi.css\"></head><body><main class=\"error\">\
             <h1>{zh}</h1><p lang=\"en\">{en}</p>{detail}<p><a href=\"/\">總覽 Dashboard</a></p></main></body></html>"
        );
        (e.status(), Html(page)).into_response()
    }
}
