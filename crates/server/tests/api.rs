//! The API against a real server, over SQLite and over PostgreSQL: every route with
//! every role and without login; bad input; concurrent edits.

mod support;

use gezi_server::openapi::{Allowed, ROUTES};
use serde_json::{json, Value};
use support::{Server, TestDb};

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let s = super::Server::start(super::TestDb::sqlite().await).await;
                super::$name(&s).await;
                s.finish().await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let s = super::Server::start(super::TestDb::postgres().await).await;
                super::$name(&s).await;
                s.finish().await;
            })*
        }
    };
}

on_both!(
    every_route_with_every_role,
    unit_contacts_see_only_their_unit,
    bad_input_is_named_and_harmless,
    concurrent_edits_are_told,
    import_confirm_assess_publish,
    legal_clocks_over_http,
);

fn concrete(s: &Server, path: &str, file: i64) -> String {
    let id = if path.starts_with("/units") {
        s.unit_a
    } else if path.starts_with("/controls") {
        s.control_a
    } else if path.starts_with("/requests") {
        s.request_a
    } else if path.starts_with("/incidents") {
        s.incident_a
    } else if path.starts_with("/disposals") {
        s.disposal_a
    } else if path.starts_with("/records") {
        s.record_a
    } else if path.starts_with("/users") {
        s.user_ids["contact_a"]
    } else {
        file
    };
    format!(
        "/api/v1{}",
        path.replace("{id}", &id.to_string())
            .replace("{list}", "purpose")
            .replace("{kind}", "training")
    )
}

async fn call(
    s: &Server,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let c = Server::api();
    let url = s.url(path);
    let mut req = match method {
        "get" => c.get(url),
        "post" => c.post(url),
        "put" => c.put(url),
        "delete" => c.delete(url),
        m => panic!("method {m}"),
    };
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if method != "get" {
        req = req
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    req.send().await.unwrap()
}

/// Sends a request with a body of `len` spaces; returns the response's first line.
pub async fn raw_upload(s: &Server, path: &str, headers: &str, len: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut sock = tokio::net::TcpStream::connect(s.base.trim_start_matches("http://"))
        .await
        .unwrap();
    let head = format!("POST {path} HTTP/1.1\r\nHost: x\r\n{headers}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n");
    sock.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 0;
    while sent < len {
        if sock
            .write_all(&chunk[..chunk.len().min(len - sent)])
            .await
            .is_err()
        {
            break;
        }
        sent += chunk.len();
    }
    let mut response = Vec::new();
    let _ = sock.read_to_end(&mut response).await;
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn every_route_with_every_role(s: &Server) {
    let mut checked = 0;
    for (method, path, _, allowed, _) in ROUTES {
        let url = concrete(s, path, s.file_a);
        // Without login.
        let anon = call(s, method, &url, None, "{}").await.status().as_u16();
        if *allowed == Allowed::Public {
            assert_eq!(anon, 200, "{method} {url} is public");
        } else {
            assert_eq!(anon, 401, "{method} {url} without login");
        }
        // A wrong token is no login.
        if *allowed != Allowed::Public {
            assert_eq!(
                call(s, method, &url, Some("forged"), "{}").await.status(),
                401,
                "{method} {url} forged token"
            );
        }
        for role in ["admin", "contact_a", "auditor"] {
            let may = match allowed {
                Allowed::Public | Allowed::AnyRole => true,
                Allowed::Writers => role != "auditor",
                Allowed::ReadersOfAll => role != "contact_a",
                Allowed::Admin => role == "admin",
            };
            let status = call(s, method, &url, Some(&s.tokens[role]), "{}")
                .await
                .status()
                .as_u16();
            if may {
                assert!(
                    ![401, 403, 404, 405].contains(&status),
                    "{role} may {method} {url}, got {status}"
                );
            } else {
                assert_eq!(status, 403, "{role} may not {method} {url}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, ROUTES.len() * 3);
    // The document lists every route the tests walked.
    let doc: Value = call(s, "get", "/api/v1/openapi.json", None, "")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for (method, path, ..) in ROUTES {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} in openapi.json"
        );
    }
}

async fn unit_contacts_see_only_their_unit(s: &Server) {
    let a = &s.tokens["contact_a"];
    let files: Value = call(s, "get", "/api/v1/data-files", Some(a), "")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<i64> = files
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![s.file_a]);
    // Another unit's file does not exist for them, whatever the route.
    for (method, path, _, allowed, _) in ROUTES {
        if !path.starts_with("/data-files/{id}") || matches!(allowed, Allowed::Admin) {
            continue;
        }
        let url = concrete(s, path, s.file_b);
        let status = call(s, method, &url, Some(a), "{\"version\":1}")
            .await
            .status();
        assert_eq!(status, 404, "contact_a {method} {url}");
    }
    // They cannot put a file under another unit.
    let body = json!({"name": "x", "unit_id": s.unit_b}).to_string();
    assert_eq!(
        call(s, "post", "/api/v1/data-files", Some(a), &body)
            .await
            .status(),
        403
    );
    let body = json!({"name": "本單位新檔案", "unit_id": s.unit_a}).to_string();
    assert_eq!(
        call(s, "post", "/api/v1/data-files", Some(a), &body)
            .await
            .status(),
        201
    );
    // An auditor changes nothing, even with a well-formed body.
    let body = json!({"name": "稽核想改", "version": 1, "unit_id": s.unit_a}).to_string();
    let url = format!("/api/v1/data-files/{}", s.file_a);
    assert_eq!(
        call(s, "put", &url, Some(&s.tokens["auditor"]), &body)
            .await
            .status(),
        403
    );
    let f: Value = call(s, "get", &url, Some(&s.tokens["admin"]), "")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(f["name"], "人事資料");
}

async fn bad_input_is_named_and_harmless(s: &Server) {
    let admin = Some(s.tokens["admin"].as_str());
    // Malformed JSON.
    let r = call(s, "post", "/api/v1/units", admin, "{\"name\": ").await;
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "invalid");
    assert_eq!(e["field"], "body");
    assert!(
        e["message"].as_str().unwrap().contains("not valid JSON"),
        "{e}"
    );
    // A wrong type is named without echoing the value sent.
    let r = call(
        s,
        "post",
        "/api/v1/units",
        admin,
        "{\"name\": [\"A123456789\"]}",
    )
    .await;
    let e: Value = r.json().await.unwrap();
    assert!(!e.to_string().contains("A123456789"), "{e}");
    // A report of an unknown version.
    let r = call(
        s,
        "post",
        "/api/v1/imports",
        admin,
        "{\"format\":\"gezi-scan\",\"version\":99}",
    )
    .await;
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert!(e["message"].as_str().unwrap().contains("version 99"), "{e}");
    // A 50 MB upload is refused with a status that says why (the server may stop reading
    // early, so the body is written over a raw socket and write errors are expected).
    let head = raw_upload(
        s,
        "/api/v1/imports",
        &format!(
            "Authorization: Bearer {}\r\nContent-Type: application/json",
            s.tokens["admin"]
        ),
        50 << 20,
    )
    .await;
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    // SQL meta-characters are data.
    let name = "Robert'); DROP TABLE units;-- \" \\ %_";
    let r = call(
        s,
        "post",
        "/api/v1/units",
        admin,
        &json!({"name": name}).to_string(),
    )
    .await;
    assert_eq!(r.status(), 201);
    let units: Value = call(s, "get", "/api/v1/units", admin, "")
        .await
        .json()
        .await
        .unwrap();
    assert!(units.as_array().unwrap().iter().any(|u| u["name"] == name));
    // Codes outside the official list are refused by field.
    let body = json!({"name": "x", "purposes": ["999"]}).to_string();
    let e: Value = call(s, "post", "/api/v1/data-files", admin, &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(e["field"], "purposes");
    // An unknown API path is a JSON 404.
    let r = call(s, "get", "/api/v1/nothing-here", admin, "").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "not_found");
}

async fn concurrent_edits_are_told(s: &Server) {
    let url = format!("/api/v1/data-files/{}", s.file_a);
    let admin = s.tokens["admin"].clone();
    let current: Value = call(s, "get", &url, Some(&admin), "")
        .await
        .json()
        .await
        .unwrap();
    let version = current["version"].as_i64().unwrap();
    let edit = |name: &str| {
        json!({"version": version, "unit_id": s.unit_a, "name": name, "purposes": ["002"], "categories": ["C001"]}).to_string()
    };
    let (first, second) = (edit("甲版"), edit("乙版"));
    let (one, two) = tokio::join!(
        call(s, "put", &url, Some(&admin), &first),
        call(s, "put", &url, Some(&admin), &second)
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort();
    assert_eq!(
        statuses,
        [200, 409],
        "exactly one of two edits of the same version wins"
    );
    let winner = if one.status() == 200 {
        "甲版"
    } else {
        "乙版"
    };
    let loser = if one.status() == 200 { two } else { one };
    let e: Value = loser.json().await.unwrap();
    assert_eq!(e["error"], "conflict");
    let now: Value = call(s, "get", &url, Some(&admin), "")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        now["name"], winner,
        "the later edit did not overwrite silently"
    );
    assert_eq!(now["version"].as_i64().unwrap(), version + 1);
}

async fn import_confirm_assess_publish(s: &Server) {
    let admin = Some(s.tokens["admin"].as_str());
    let report = json!({
        "format": "gezi-scan", "version": 1, "scanned_at": "2026-11-22T00:00:00Z", "roots": ["share"],
        "summary": {"files_scanned": 2, "findings": 30},
        "files": [{"path": "share/students/list.csv", "counts": {"PERSON_NAME": 20, "TW_NATIONAL_ID": 10}}]
    });
    let out: Value = call(s, "post", "/api/v1/imports", admin, &report.to_string())
        .await
        .json()
        .await
        .unwrap();
    let id = out["created"][0][0].as_i64().unwrap();
    let url = format!("/api/v1/data-files/{id}");
    let f: Value = call(s, "get", &url, admin, "").await.json().await.unwrap();
    assert_eq!(f["status"], "proposed");
    assert_eq!(f["evidence"]["kinds"].as_array().unwrap().len(), 2);
    let mut edit = f.clone();
    edit["unit_id"] = json!(s.unit_a);
    edit["purposes"] = json!(["109"]);
    edit["legal_basis"] = json!("教育基本法");
    let r = call(s, "put", &url, admin, &edit.to_string()).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let v = f["version"].as_i64().unwrap() + 1;
    let confirmed: Value = call(
        s,
        "post",
        &format!("{url}/confirm"),
        admin,
        &json!({"version": v}).to_string(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(confirmed["status"], "confirmed");
    let suggested: Value = call(s, "get", &format!("{url}/risk/suggested"), admin, "")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        suggested[0]["score"], 3,
        "a national ID makes identifiability high: {suggested}"
    );
    let factors: Vec<Value> = [
        "identifiability",
        "form_volume",
        "sensitivity",
        "process_environment",
        "access_location",
        "lawfulness",
        "awareness",
    ]
    .iter()
    .map(|f| json!({"factor": f, "score": 2, "reason": "檢視後"}))
    .collect();
    let a: Value = call(
        s,
        "put",
        &format!("{url}/risk"),
        admin,
        &json!({"factors": factors}).to_string(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(a["level"], "medium");
    let p = call(
        s,
        "post",
        &format!("{url}/publish"),
        admin,
        &json!({"version": confirmed["version"]}).to_string(),
    )
    .await;
    assert_eq!(p.status(), 200);
    let public: Value = call(s, "get", "/api/v1/public/data-files", None, "")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        public
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "students"),
        "{public}"
    );
    let verify: Value = call(
        s,
        "get",
        "/api/v1/audit/verify",
        Some(&s.tokens["auditor"]),
        "",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(verify["intact"], true, "{verify}");
}

async fn legal_clocks_over_http(s: &Server) {
    let a = &s.tokens["contact_a"];
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    // A unit contact's request lands in their unit; another unit's contact cannot see it.
    let body = json!({"kind": "correction", "channel": "email", "requester_name": "陳美麗",
        "requester_contact": "chen@example.com", "details": "更正地址", "received_on": today.to_string()});
    let r = call(s, "post", "/api/v1/requests", Some(a), &body.to_string()).await;
    assert_eq!(r.status(), 201);
    let req: Value = r.json().await.unwrap();
    assert_eq!(req["unit_id"], s.unit_a);
    assert!(req["due_on"].as_str().unwrap() > today.to_string().as_str());
    let id = req["id"].as_i64().unwrap();
    let url = format!("/api/v1/requests/{id}");
    assert_eq!(
        call(s, "get", &url, Some(&s.tokens["contact_b"]), "")
            .await
            .status(),
        404
    );
    // Steps, with the version read; a stale version is 409.
    let step = |v: i64, extra: Value| {
        let mut b = extra;
        b["version"] = json!(v);
        b.to_string()
    };
    let r = call(
        s,
        "post",
        &format!("{url}/steps"),
        Some(a),
        &step(
            1,
            json!({"step": "verify_identity", "method": "自然人憑證"}),
        ),
    )
    .await;
    assert_eq!(r.status(), 200);
    let r = call(
        s,
        "post",
        &format!("{url}/steps"),
        Some(a),
        &step(1, json!({"step": "extend", "reason": "x"})),
    )
    .await;
    assert_eq!(r.status(), 409);
    let r = call(s, "post", &format!("{url}/steps"), Some(a), &step(2, json!({"step": "decide", "decision": "rejected", "reason": "", "fee": 0, "on": today.to_string()}))).await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.json::<Value>().await.unwrap()["field"], "ground");
    // Only an administrator assigns.
    let r = call(
        s,
        "post",
        &format!("{url}/steps"),
        Some(a),
        &step(2, json!({"step": "assign", "unit_id": s.unit_b})),
    )
    .await;
    assert_eq!(r.status(), 403);
    // Five years before anyone deletes it, the administrator included.
    let r = call(s, "delete", &url, Some(&s.tokens["admin"]), "").await;
    assert_eq!(r.status(), 409);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "refused");
    assert_eq!(call(s, "get", &url, Some(a), "").await.status(), 200);
    // An incident known five hours ago: its report comes late, and says so.
    let known = (chrono::Utc::now() - chrono::Duration::hours(5)).to_rfc3339();
    let r = call(
        s,
        "post",
        "/api/v1/incidents",
        Some(a),
        &json!({"title": "USB 遺失", "known_at": known}).to_string(),
    )
    .await;
    assert_eq!(r.status(), 201);
    let inc: Value = r.json().await.unwrap();
    let iurl = format!("/api/v1/incidents/{}", inc["id"]);
    let m =
        json!({"measure": "m01", "done_at": chrono::Utc::now().to_rfc3339(), "note": "鎖定帳號"});
    assert_eq!(
        call(
            s,
            "post",
            &format!("{iurl}/measures"),
            Some(a),
            &m.to_string()
        )
        .await
        .status(),
        200
    );
    let report = json!({"step": "report", "reporter": "人事室", "manner": "遺失", "occurred_at": "上午", "place": "捷運",
        "scope": "姓名 200 筆", "containment": "遠端抹除", "channel": "phone", "at": chrono::Utc::now().to_rfc3339()});
    assert_eq!(
        call(
            s,
            "post",
            &format!("{iurl}/steps"),
            Some(a),
            &step(1, report)
        )
        .await
        .status(),
        200
    );
    let got: Value = call(s, "get", &iurl, Some(a), "")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["report_late"], true);
    assert_eq!(got["measures"].as_array().unwrap().len(), 1);
    assert_eq!(
        call(s, "delete", &iurl, Some(&s.tokens["admin"]), "")
            .await
            .status(),
        409
    );
    // A disposal without its verification is refused; a recorded one is kept five years.
    let d = json!({"disposed_on": today.to_string(), "method": "刪除", "approved_by": "處長", "impact_check": "無",
        "verification": "", "verified_by": "資訊室", "unrecoverable_confirmed": true});
    let r = call(
        s,
        "post",
        &format!("/api/v1/data-files/{}/disposals", s.file_a),
        Some(a),
        &d.to_string(),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.json::<Value>().await.unwrap()["field"], "verification");
    let r = call(
        s,
        "delete",
        &format!("/api/v1/disposals/{}", s.disposal_a),
        Some(&s.tokens["admin"]),
        "",
    )
    .await;
    assert_eq!(r.status(), 409);
    // Records: another unit's are not found; a contract without its clauses is refused.
    let rec = format!("/api/v1/records/training/{}", s.record_a);
    assert_eq!(
        call(s, "get", &rec, Some(&s.tokens["contact_b"]), "")
            .await
            .status(),
        404
    );
    assert_eq!(
        call(
            s,
            "get",
            &format!("/api/v1/records/incident/{}", s.record_a),
            Some(a),
            ""
        )
        .await
        .status(),
        404
    );
    let contract = json!({"values": {"vendor": "甲公司", "scope": "維護", "contract_no": "1", "starts_on": "2026-01-01",
        "ends_on": "2026-12-31", "clause_capability": "yes", "clause_supervision": "yes", "clause_penalty": "yes",
        "first_check_on": "2026-12-31"}});
    let r = call(
        s,
        "post",
        "/api/v1/records/vendor_contract",
        Some(a),
        &contract.to_string(),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.json::<Value>().await.unwrap()["field"], "clause_rules");
    assert_eq!(
        call(s, "delete", &rec, Some(&s.tokens["admin"]), "")
            .await
            .status(),
        409
    );
    // What is due lists the late incident's clocks, not a request due in 30 days.
    let due: Value = call(s, "get", "/api/v1/due", Some(a), "")
        .await
        .json()
        .await
        .unwrap();
    let items: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item"].as_str().unwrap())
        .collect();
    assert!(
        !items.contains(&format!("request:{id}:request").as_str()),
        "{items:?}"
    );
    assert!(
        items.contains(&format!("incident:{}:measures", inc["id"]).as_str()),
        "{items:?}"
    );
}
