//! What pages and the API share: who is calling, cookies, CSRF, forms, escaping, headers.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use gezi_store::accounts::User;

use crate::auth::token_hash;
use crate::error::PageError;
use crate::i18n::{Lang, Tr};
use crate::{AppError, AppState};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "gezi_session";

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Secure when serving HTTPS.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"
    ))
    .expect("cookie values are ASCII")
}

/// The language chosen by the `lang` cookie.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::from_cookie(cookie(headers, "lang"))
}

/// A logged-in person on a page: who, their form token, their language.
pub struct Ctx {
    /// The user.
    pub user: User,
    /// The CSRF token forms must carry.
    pub csrf: String,
    /// The UI language.
    pub lang: Lang,
    /// Words.
    pub t: Tr,
}

impl Ctx {
    /// Fails with [`AppError::Csrf`] unless the form carried this session's token.
    pub fn check_csrf(&self, form: &FormData) -> Result<(), AppError> {
        match form.get("csrf") {
            Some(t) if constant_time_eq(t.as_bytes(), self.csrf.as_bytes()) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }

    /// Whether the user is an administrator (templates show admin actions).
    pub fn is_admin(&self) -> bool {
        self.user.role == gezi_store::accounts::Role::Admin
    }

    /// Whether the user can change anything (not an auditor).
    pub fn can_write(&self) -> bool {
        self.user.role != gezi_store::accounts::Role::Auditor
    }

    /// Whether the user reads everything (not a unit contact).
    pub fn sees_all(&self) -> bool {
        self.user.role != gezi_store::accounts::Role::UnitContact
    }

    /// The role's label in the UI language.
    pub fn role_label(&self) -> &'static str {
        self.lang.pick(self.user.role.labels())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A page request's session, whatever its state (used by the login steps).
pub async fn session_of(
    app: &AppState,
    headers: &HeaderMap,
) -> Option<(String, gezi_store::accounts::Session)> {
    let token = cookie(headers, SESSION_COOKIE)?;
    let hash = token_hash(token);
    let session = app.store.session(&hash).await.ok()??;
    Some((hash, session))
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Ctx, Response> {
        use axum::response::{IntoResponse, Redirect};
        let Some((_, session)) = session_of(app, &parts.headers).await else {
            return Err(PageError(AppError::Unauthenticated).into_response());
        };
        if !session.second_factor_done {
            return Err(Redirect::to("/login/totp").into_response());
        }
        let path = parts.uri.path();
        if session.user.must_change_password
            && path != "/account"
            && path != "/account/password"
            && path != "/logout"
        {
            return Err(Redirect::to("/account").into_response());
        }
        let lang = lang_of(&parts.headers);
        Ok(Ctx {
            user: session.user,
            csrf: session.csrf_token,
            lang,
            t: Tr(lang),
        })
    }
}

/// A caller of the API: by `Authorization: Bearer <token>`, or by the page session (then
/// changes need the `X-CSRF-Token` header).
pub struct ApiCaller {
    /// The user.
    pub user: User,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<ApiCaller, AppError> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or(AppError::Unauthenticated)?;
            let user = app
                .store
                .token_user(&token_hash(token.trim()))
                .await?
                .ok_or(AppError::Unauthenticated)?;
            return Ok(ApiCaller { user });
        }
        let (_, session) = session_of(app, &parts.headers)
            .await
            .ok_or(AppError::Unauthenticated)?;
        if !session.second_factor_done || session.user.must_change_password {
            return Err(AppError::Unauthenticated);
        }
        let is_change = !matches!(
            parts.method,
            axum::http::Method::GET | axum::http::Method::HEAD
        );
        if is_change {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !constant_time_eq(sent.as_bytes(), session.csrf_token.as_bytes()) {
                return Err(AppError::Csrf);
            }
        }
        Ok(ApiCaller { user: session.user })
    }
}

/// A posted form, keeping repeated keys (multi-selects).
#[derive(Debug, Default)]
pub struct FormData(pub Vec<(String, String)>, pub Vec<Upload>);

/// A file sent with a multipart form: its field, its name as the browser gave it, its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field.
    pub field: String,
    /// The file name the browser sent (only used to tell the format).
    pub name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl FormData {
    /// Parses `application/x-www-form-urlencoded`.
    pub fn parse(body: &[u8]) -> FormData {
        FormData(
            form_urlencoded::parse(body).into_owned().collect(),
            Vec::new(),
        )
    }

    /// The first value of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first value, or "".
    pub fn text(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().to_string()
    }

    /// Every value of a key.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A whole number, or an error naming the field.
    pub fn int(&self, key: &str) -> Result<i64, AppError> {
        self.get(key)
            .unwrap_or_default()
            .trim()
            .parse()
            .map_err(|_| AppError::invalid(key, "must be a whole number"))
    }

    /// An optional id (empty means none).
    pub fn opt_id(&self, key: &str) -> Result<Option<i64>, AppError> {
        match self.get(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| AppError::invalid(key, "must be a whole number")),
        }
    }

    /// An optional date (YYYY-MM-DD; empty means none), or an error naming the field.
    pub fn opt_date(&self, key: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
        match self.get(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| AppError::invalid(key, "must be a date (YYYY-MM-DD)")),
        }
    }

    /// A date that must be given.
    pub fn date(&self, key: &str) -> Result<chrono::NaiveDate, AppError> {
        self.opt_date(key)?
            .ok_or_else(|| AppError::invalid(key, "must be a date (YYYY-MM-DD)"))
    }

    /// A date and time in organisation time (a `datetime-local` field) or RFC 3339.
    pub fn time(&self, key: &str) -> Result<chrono::DateTime<chrono::Utc>, AppError> {
        gezi_store::time::parse_local_time(self.get(key).unwrap_or_default())
            .ok_or_else(|| AppError::invalid(key, "must be a date and time (YYYY-MM-DDTHH:MM)"))
    }

    /// A checkbox.
    pub fn checked(&self, key: &str) -> bool {
        matches!(self.get(key), Some("on" | "true" | "1" | "yes"))
    }

    /// As a map of first values.
    pub fn map(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        for (k, v) in &self.0 {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        m
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for FormData {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<FormData, PageError> {
        let unreadable = || {
            PageError(AppError::invalid(
                "form",
                "the form is too large or could not be read",
            ))
        };
        let multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if multipart {
            // A form with a file (a document to redact): text fields as usual, files apart.
            let mut m = axum::extract::Multipart::from_request(req, state)
                .await
                .map_err(|_| unreadable())?;
            let mut form = FormData(Vec::new(), Vec::new());
            while let Some(field) = m.next_field().await.map_err(|_| unreadable())? {
                let key = field.name().unwrap_or_default().to_string();
                match field.file_name().map(str::to_string) {
                    Some(name) => {
                        let bytes = field.bytes().await.map_err(|_| unreadable())?;
                        if !bytes.is_empty() {
                            form.1.push(Upload {
                                field: key,
                                name,
                                bytes: bytes.to_vec(),
                            });
                        }
                    }
                    None => {
                        let text = field.text().await.map_err(|_| unreadable())?;
                        form.0.push((key, text));
                    }
                }
            }
            return Ok(form);
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| {
                PageError(AppError::invalid(
                    "form",
                    "the form is too large or could not be read",
                ))
            })?;
        Ok(FormData::parse(&bytes))
    }
}

/// HTML-escapes text (for the few places that build HTML without a template).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Headers on every response: no inline scripts, no framing, no sniffing.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    res
}
