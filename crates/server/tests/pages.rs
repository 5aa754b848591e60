//! The web UI's pages and forms with each role, CSRF, and hostile text rendered inert.

mod support;

use support::{csrf_of, Server, TestDb};

const PAGES: &[&str] = &[
    "/",
    "/files",
    "/files/new",
    "/files/{a}",
    "/files/{a}/risk",
    "/risk",
    "/units",
    "/imports",
    "/users",
    "/audit",
    "/audit?verify=1",
    "/settings",
    "/account",
    "/export/register.csv",
    "/export/register.xlsx",
    "/export/risk.csv",
    "/report",
    "/requests",
    "/requests/new",
    "/requests/{r}",
    "/incidents",
    "/incidents/{i}",
    "/retention",
    "/files/{a}/retention",
    "/records",
    "/records/training",
    "/records/training/{t}",
    "/records/vendor_contract",
];

fn concrete(s: &Server, page: &str) -> String {
    s.url(
        &page
            .replace("{a}", &s.file_a.to_string())
            .replace("{r}", &s.request_a.to_string())
            .replace("{i}", &s.incident_a.to_string())
            .replace("{t}", &s.record_a.to_string()),
    )
}

fn expected(role: &str, page: &str) -> u16 {
    match (role, page) {
        ("contact_a", "/imports" | "/users" | "/audit" | "/audit?verify=1") => 403,
        ("auditor", "/files/new" | "/requests/new") => 403,
        _ => 200,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_with_every_role() {
    let s = Server::start(TestDb::sqlite().await).await;
    let anon = Server::api();
    for page in PAGES {
        let url = concrete(&s, page);
        let r = anon.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 303, "{page} without login");
        assert_eq!(r.headers()["location"], "/login");
    }
    for role in ["admin", "contact_a", "auditor"] {
        let c = s.login(role).await;
        for page in PAGES {
            let url = concrete(&s, page);
            let r = c.get(&url).send().await.unwrap();
            assert_eq!(
                r.status().as_u16(),
                expected(role, page),
                "{role} GET {page}"
            );
            if r.status() == 200 && !page.starts_with("/export") {
                let html = r.text().await.unwrap();
                assert!(
                    html.contains("<html lang=\"zh-Hant-TW\">"),
                    "{page} in Traditional Chinese by default"
                );
                assert!(
                    !html.contains("??"),
                    "{page}: a word is missing from the UI table"
                );
            }
        }
        // Another unit's file is not found for a unit contact.
        let other = c
            .get(s.url(&format!("/files/{}", s.file_b)))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(
            other.as_u16(),
            if role == "contact_a" { 404 } else { 200 },
            "{role} reads file b"
        );
    }
    // The public pages need no login.
    assert_eq!(
        anon.get(s.url("/public/data-files"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_check_role_and_csrf() {
    let s = Server::start(TestDb::sqlite().await).await;
    let file_url = s.url(&format!("/files/{}", s.file_a));
    let form = |csrf: &str, name: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("version".into(), "1".into()),
            ("name".into(), name.into()),
            ("unit".into(), s.unit_a.to_string()),
        ]
    };
    // Without the CSRF token: refused, nothing changed.
    let admin = s.login("admin").await;
    let r = admin
        .post(&file_url)
        .form(&form("", "無權杖"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // An auditor with a valid token still cannot change anything.
    let auditor = s.login("auditor").await;
    let token = csrf_of(&auditor, &file_url).await;
    assert_eq!(
        auditor
            .post(&file_url)
            .form(&form(&token, "稽核改"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        auditor
            .post(s.url("/units"))
            .form(&[("csrf", token.as_str()), ("name", "x")])
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    // A unit contact cannot change another unit's file, nor create units.
    let b = s.login("contact_b").await;
    let token_b = csrf_of(&b, &s.url("/files")).await;
    assert_eq!(
        b.post(&file_url)
            .form(&form(&token_b, "越權"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        b.post(s.url("/units"))
            .form(&[("csrf", token_b.as_str()), ("name", "x")])
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    // The owner unit's contact can.
    let a = s.login("contact_a").await;
    let token_a = csrf_of(&a, &file_url).await;
    let r = a
        .post(&file_url)
        .form(&form(&token_a, "人事資料（更新）"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let f = s.db.store.data_file(s.file_a).await.unwrap();
    assert_eq!(f.fields.name, "人事資料（更新）");
    // A second edit from the same stale version is told, not applied.
    let r = admin
        .post(&file_url)
        .form(&form(&csrf_of(&admin, &file_url).await, "舊版覆蓋"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("此紀錄已被他人修改"));
    assert_eq!(
        s.db.store.data_file(s.file_a).await.unwrap().fields.name,
        "人事資料（更新）"
    );
    // Logging out ends the session.
    let token = csrf_of(&a, &s.url("/")).await;
    a.post(s.url("/logout"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(a.get(s.url("/")).send().await.unwrap().status(), 303);
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn young_records_stay_and_disposals_need_verification() {
    let s = Server::start(TestDb::sqlite().await).await;
    let admin = s.login("admin").await;
    let csrf = csrf_of(&admin, &s.url("/requests")).await;
    for path in [
        format!("/requests/{}/delete", s.request_a),
        format!("/incidents/{}/delete", s.incident_a),
        format!("/disposals/{}/delete", s.disposal_a),
        format!("/records/training/{}/delete", s.record_a),
    ] {
        let r = admin
            .post(s.url(&path))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 409, "POST {path}");
        assert!(
            r.text().await.unwrap().contains("五年"),
            "the page says why"
        );
    }
    assert_eq!(
        admin
            .get(s.url(&format!("/requests/{}", s.request_a)))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "still there"
    );
    let form = [
        ("csrf", csrf.as_str()),
        ("disposed_on", "2026-11-30"),
        ("method", "碎紙"),
        ("approved_by", "處長"),
        ("impact_check", "無系統使用"),
        ("verification", ""),
        ("verified_by", "政風室"),
        ("unrecoverable_confirmed", "on"),
    ];
    let r = admin
        .post(s.url(&format!("/files/{}/disposals", s.file_a)))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("verification: is required"));
    assert_eq!(
        s.db.store.disposals(s.file_a).await.unwrap().len(),
        1,
        "only the harness's"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_is_rendered_inert_everywhere() {
    let s = Server::start(TestDb::sqlite().await).await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
    let admin = s.login("admin").await;
    let url = s.url(&format!("/files/{}", s.file_a));
    let token = csrf_of(&admin, &url).await;
    let mut form: Vec<(String, String)> = vec![
        ("csrf".into(), token.clone()),
        ("version".into(), "1".into()),
        ("unit".into(), s.unit_a.to_string()),
    ];
    for f in gezi_law::inventory::Field::ALL {
        match f.id() {
            "unit" | "storage_forms" | "special_items" | "record_count" | "notice_required"
            | "publish_required" => {}
            "purposes" => form.push(("purposes".into(), "002".into())),
            "categories" => form.push(("categories".into(), "C001".into())),
            id => form.push((id.into(), evil.into())),
        }
    }
    let r = admin.post(&url).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let f = s.db.store.data_file(s.file_a).await.unwrap();
    assert_eq!(f.fields.name, evil, "stored as typed");
    let token = csrf_of(&admin, &url).await;
    let r = admin
        .post(s.url(&format!("/files/{}/publish", s.file_a)))
        .form(&[
            ("csrf", token.as_str()),
            ("version", &f.version.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Settings too (the complaint contact is on the public page).
    let token = csrf_of(&admin, &s.url("/settings")).await;
    admin
        .post(s.url("/settings"))
        .form(&[
            ("csrf", token.as_str()),
            ("org_name", evil),
            ("complaint_contact", evil),
        ])
        .send()
        .await
        .unwrap();
    for page in [
        format!("/files/{}", s.file_a),
        "/files".into(),
        "/".into(),
        "/report".into(),
        "/audit".into(),
        "/settings".into(),
        "/public/data-files".into(),
        format!("/public/notices/{}", s.file_a),
    ] {
        let html = admin
            .get(s.url(&page))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{page} renders a script tag"
        );
        assert!(!html.contains("<img src=x"), "{page} renders an img tag");
        if page != "/" {
            assert!(
                html.contains("&#60;script&#62;alert(1)")
                    || html.contains("&lt;script&gt;alert(1)"),
                "{page} shows the text escaped"
            );
        }
    }
    // And no page may run inline script even if one slipped through.
    let r = admin.get(s.url("/")).send().await.unwrap();
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totp_second_factor_is_asked_and_checked() {
    let s = Server::start(TestDb::sqlite().await).await;
    let secret = gezi_server::auth::new_totp_secret();
    let admin_id = s.user_ids["admin"];
    s.db.store
        .set_totp(&gezi_store::Actor::system(), admin_id, Some(&secret))
        .await
        .unwrap();
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = c
        .post(s.url("/login"))
        .form(&[("username", "admin"), ("password", support::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/login/totp");
    // The password alone opens nothing.
    assert_eq!(
        c.get(s.url("/files")).send().await.unwrap().headers()["location"],
        "/login/totp"
    );
    assert_eq!(
        c.get(s.url("/api/v1/me")).send().await.unwrap().status(),
        401
    );
    let csrf = csrf_of(&c, &s.url("/login/totp")).await;
    let r = c
        .post(s.url("/login/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", "000000")])
        .send()
        .await
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let right = gezi_server::auth::totp_code(&secret, now).unwrap();
    if right != "000000" {
        assert_eq!(r.status(), 401, "a wrong code is refused");
    }
    let r = c
        .post(s.url("/login/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", right.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
    assert_eq!(c.get(s.url("/files")).send().await.unwrap().status(), 200);
    // A wrong password never reaches the second step.
    let other = Server::api();
    let r = other
        .post(s.url("/login"))
        .form(&[("username", "admin"), ("password", "wrong password!")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    s.finish().await;
}

/// Every form the UI posts to, with who may use it.
fn form_routes(s: &Server) -> Vec<(String, &'static str)> {
    let (a, u, c) = (s.file_a, s.unit_a, s.control_a);
    let (r, i, d) = (s.request_a, s.incident_a, s.disposal_a);
    let user = s.user_ids["contact_b"];
    vec![
        ("/units".into(), "admin"),
        (format!("/units/{u}"), "admin"),
        ("/files".into(), "writers"),
        (format!("/files/{a}"), "writers"),
        (format!("/files/{a}/confirm"), "writers"),
        (format!("/files/{a}/publish"), "admin"),
        (format!("/files/{a}/risk"), "writers"),
        (format!("/files/{a}/controls"), "writers"),
        (format!("/controls/{c}"), "writers"),
        ("/users".into(), "admin"),
        (format!("/users/{user}"), "admin"),
        (format!("/users/{user}/reset"), "admin"),
        ("/settings".into(), "admin"),
        ("/codes/purpose".into(), "admin"),
        ("/imports".into(), "admin"),
        ("/account/tokens".into(), "anyone"),
        ("/requests".into(), "writers"),
        (format!("/requests/{r}/step"), "writers"),
        (format!("/requests/{r}/recipients"), "writers"),
        (format!("/requests/{r}/package"), "writers"),
        (format!("/requests/{r}/delete"), "admin"),
        ("/incidents".into(), "writers"),
        (format!("/incidents/{i}/step"), "writers"),
        (format!("/incidents/{i}/measures"), "writers"),
        (format!("/incidents/{i}/log"), "writers"),
        (format!("/incidents/{i}/delete"), "admin"),
        (format!("/files/{a}/retention"), "writers"),
        (format!("/files/{a}/disposals"), "writers"),
        (format!("/disposals/{d}/delete"), "admin"),
        ("/reminders/send".into(), "admin"),
        ("/calendars/tw".into(), "admin"),
        ("/records/training".into(), "writers"),
        (format!("/records/training/{}", s.record_a), "writers"),
        (format!("/records/training/{}/delete", s.record_a), "admin"),
    ]
}

async fn post_form(c: &reqwest::Client, url: &str, csrf: &str) -> u16 {
    let r = if url.ends_with("/imports") {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_string())
            .text("report", "{}");
        c.post(url).multipart(form).send().await.unwrap()
    } else {
        c.post(url)
            .form(&[("csrf", csrf), ("name", "")])
            .send()
            .await
            .unwrap()
    };
    r.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_with_every_role() {
    let s = Server::start(TestDb::sqlite().await).await;
    let anon = Server::api();
    for (path, _) in form_routes(&s) {
        let r = anon
            .post(s.url(&path))
            .form(&[("name", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "POST {path} without login");
        assert_eq!(r.headers()["location"], "/login");
    }
    for role in ["admin", "contact_a", "auditor"] {
        let c = s.login(role).await;
        let csrf = csrf_of(&c, &s.url("/account")).await;
        for (path, who) in form_routes(&s) {
            let may = match who {
                "admin" => role == "admin",
                "writers" => role != "auditor",
                _ => true,
            };
            let status = post_form(&c, &s.url(&path), &csrf).await;
            if may {
                assert!(
                    ![401, 403, 404].contains(&status),
                    "{role} may POST {path}, got {status}"
                );
            } else {
                assert_eq!(status, 403, "{role} may not POST {path}");
            }
            // Without the form token nobody gets through.
            assert_eq!(
                post_form(&c, &s.url(&path), "wrong").await,
                403,
                "{role} POST {path} without CSRF token"
            );
        }
    }
    s.finish().await;
}

#[tokio::test]
async fn a_package_can_be_made_from_an_uploaded_document() {
    use std::io::Write;
    let s = Server::start(TestDb::sqlite().await).await;
    let admin = s.login("admin").await;
    let url = s.url(&format!("/requests/{}/package", s.request_a));
    let csrf = csrf_of(&admin, &url).await;
    // A zip holding a CSV with the requester's row and a neighbour's.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("2024/名冊.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(
        "姓名,身分證字號,手機\n王小明,A123456789,0912345678\n陳美玲,F131104093,0933111222\n"
            .as_bytes(),
    )
    .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("own", "A123456789\n0912345678")
        .text("data", "")
        .part(
            "document",
            reqwest::multipart::Part::bytes(bytes).file_name("records.zip"),
        );
    let r = admin.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("A123456789") && body.contains("0912345678"),
        "{body}"
    );
    assert!(
        !body.contains("F131104093") && !body.contains("0933111222"),
        "{body}"
    );
    assert!(body.contains("已遮蔽"), "{body}");
    // An encrypted or damaged document is refused with the reason, not half-used.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("own", "A123456789")
        .part(
            "document",
            reqwest::multipart::Part::bytes(b"PK\x03\x04 truncated".to_vec())
                .file_name("broken.docx"),
        );
    let r = admin.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("could not be read"));
    s.finish().await;
}
