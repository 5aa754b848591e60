//! A real server on a free port over a real database, with one user per role.

#![allow(dead_code)]

#[path = "../../../store/tests/common/mod.rs"]
pub mod db;

use std::collections::BTreeMap;

use gezi_server::auth::{hash_password, token_hash};
use gezi_server::{router, AppState};
use gezi_store::accounts::{NewUser, Role};
use gezi_store::disposals::NewDisposal;
use gezi_store::files::Fields;
use gezi_store::incidents::NewIncident;
use gezi_store::requests::NewRequest;
use gezi_store::risk::ControlInput;
use gezi_store::time::local_today;
use gezi_store::units::UnitInput;
use gezi_store::Actor;

pub use db::TestDb;

pub const PASSWORD: &str = "correct-horse-battery-staple";
pub const ROLES: [&str; 4] = ["admin", "contact_a", "contact_b", "auditor"];

pub struct Server {
    pub base: String,
    pub db: TestDb,
    /// API token per username.
    pub tokens: BTreeMap<&'static str, String>,
    pub user_ids: BTreeMap<&'static str, i64>,
    pub unit_a: i64,
    pub unit_b: i64,
    pub file_a: i64,
    pub file_b: i64,
    pub control_a: i64,
    pub request_a: i64,
    pub incident_a: i64,
    pub disposal_a: i64,
    pub record_a: i64,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub async fn start(db: TestDb) -> Server {
        let store = db.store.clone();
        let sys = Actor::system();
        let unit = |name: &str| UnitInput {
            name: name.into(),
            contact_name: "窗口".into(),
            ..Default::default()
        };
        let unit_a = store.create_unit(&sys, &unit("人事室")).await.unwrap().id;
        let unit_b = store.create_unit(&sys, &unit("會計室")).await.unwrap().id;
        let mut tokens = BTreeMap::new();
        let mut user_ids = BTreeMap::new();
        for (name, role, unit_id) in [
            ("admin", Role::Admin, None),
            ("contact_a", Role::UnitContact, Some(unit_a)),
            ("contact_b", Role::UnitContact, Some(unit_b)),
            ("auditor", Role::Auditor, None),
        ] {
            let new = NewUser {
                username: name.into(),
                display_name: format!("{name} 測試"),
                role,
                unit_id,
            };
            let u = store.create_user(&sys, &new, "unused").await.unwrap();
            store
                .set_password(&sys, u.id, &hash_password(PASSWORD), false)
                .await
                .unwrap();
            let token = format!("test-token-{name}-{}", u.id);
            store
                .create_api_token(&sys, u.id, "tests", &token_hash(&token))
                .await
                .unwrap();
            tokens.insert(name, token);
            user_ids.insert(name, u.id);
        }
        let file = |name: &str| Fields {
            name: name.into(),
            purposes: vec!["002".into()],
            categories: vec!["C001".into()],
            legal_basis: "個人資料保護法第15條".into(),
            ..Default::default()
        };
        let file_a = store
            .create_data_file(&sys, Some(unit_a), &file("人事資料"))
            .await
            .unwrap()
            .id;
        let file_b = store
            .create_data_file(&sys, Some(unit_b), &file("廠商請款資料"))
            .await
            .unwrap()
            .id;
        let control_a = store
            .add_control(
                &sys,
                file_a,
                &ControlInput {
                    description: "加密".into(),
                    owner: "資訊室".into(),
                    due_date: "2026-12-31".into(),
                    status: "planned".into(),
                },
            )
            .await
            .unwrap()
            .id;
        let request_a = store
            .create_request(
                &sys,
                &NewRequest {
                    kind: "access".into(),
                    channel: "paper".into(),
                    requester_name: "王小明".into(),
                    requester_contact: "臺北市信義區市府路1號".into(),
                    details: "查詢本人人事資料".into(),
                    received_on: local_today(),
                    unit_id: Some(unit_a),
                },
            )
            .await
            .unwrap()
            .id;
        let incident_a = store
            .open_incident(
                &sys,
                &NewIncident {
                    title: "名冊誤寄".into(),
                    known_at: chrono::Utc::now(),
                    unit_id: Some(unit_a),
                },
            )
            .await
            .unwrap()
            .id;
        let disposal_a = store
            .record_disposal(
                &sys,
                file_a,
                &NewDisposal {
                    disposed_on: local_today(),
                    method: "銷毀".into(),
                    approved_by: "處長".into(),
                    impact_check: "無".into(),
                    verification: "已確認".into(),
                    verified_by: "資訊室".into(),
                    unrecoverable_confirmed: true,
                },
            )
            .await
            .unwrap()
            .id;
        let training = [
            ("person", "林志明"),
            ("course", "個資保護"),
            ("hours", "3"),
            ("completed_on", "2026-01-10"),
            ("next_due_on", "2027-01-10"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let record_a = store
            .create_record(&sys, "training", Some(unit_a), &training)
            .await
            .unwrap()
            .id;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = router(AppState {
            store,
            secure_cookies: false,
        });
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server {
            base,
            db,
            tokens,
            user_ids,
            unit_a,
            unit_b,
            file_a,
            file_b,
            control_a,
            request_a,
            incident_a,
            disposal_a,
            record_a,
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// An API client (no cookies, no redirects).
    pub fn api() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A browser-like client logged in as `user` (cookies kept, redirects not followed).
    pub async fn login(&self, user: &str) -> reqwest::Client {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let res = c
            .post(self.url("/login"))
            .form(&[("username", user), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "login of {user}");
        c
    }

    pub async fn finish(self) {
        self.task.abort();
        self.db.finish().await;
    }
}

/// The CSRF token in a page's forms.
pub async fn csrf_of(client: &reqwest::Client, url: &str) -> String {
    let html = client.get(url).send().await.unwrap().text().await.unwrap();
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    html[at..at + 64].to_string()
}
