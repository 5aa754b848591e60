//! The legal clocks on a real SQLite file and a real PostgreSQL server: requests,
//! incidents, disposals, calendars, what is due, and the five-year rule.

use chrono::{Duration, NaiveDate, Utc};
use gezi_store::disposals::NewDisposal;
use gezi_store::due::Bucket;
use gezi_store::import::parse_report;
use gezi_store::incidents::{IncidentStep, NewIncident};
use gezi_store::requests::{NewRequest, Step};
use gezi_store::time::local_today;
use gezi_store::{Actor, StoreError};

#[macro_use]
mod common;
use common::TestDb;

on_both!(
    a_request_from_intake_to_reply,
    recipients_hear_of_a_correction_before_the_reply,
    hong_kong_has_no_extension,
    late_requests_are_due_and_old_ones_deletable,
    an_incident_keeps_its_four_hour_clocks,
    a_disposal_needs_its_verification,
    imported_holidays_move_deadlines,
    records_follow_their_rules,
);

fn actor() -> Actor {
    Actor {
        user_id: None,
        name: "officer".into(),
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn new_request(kind: &str, received_on: NaiveDate) -> NewRequest {
    NewRequest {
        kind: kind.into(),
        channel: "web".into(),
        requester_name: "王小明".into(),
        requester_contact: "wang.xm@example.com".into(),
        details: "請提供本人於貴處之申請紀錄".into(),
        received_on,
        unit_id: None,
    }
}

fn invalid_field(e: StoreError) -> String {
    match e {
        StoreError::Invalid { field, .. } => field,
        other => panic!("expected a refusal naming a field, got {other}"),
    }
}

async fn a_request_from_intake_to_reply(db: &TestDb) {
    let store = &db.store;
    // Received Friday 2026-11-20: day 15 is Saturday 5 December, moved to Monday the 7th
    // (Civil Code Art. 122); the extension runs 15 days from there to Tuesday the 22nd.
    let fixed = store
        .create_request(&actor(), &new_request("access", d("2026-11-20")))
        .await
        .unwrap();
    assert_eq!(fixed.due_on.as_deref(), Some("2026-12-07"));
    assert_eq!(fixed.extension_limit_on.as_deref(), Some("2026-12-22"));
    assert!(
        fixed.reference.starts_with('R') && fixed.reference.ends_with(&format!("{:05}", fixed.id))
    );

    let received = local_today() - Duration::days(1);
    let r = store
        .create_request(&actor(), &new_request("copy", received))
        .await
        .unwrap();
    assert_eq!(r.status, "open");
    let e = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::Decide {
                decision: "granted".into(),
                ground: None,
                reason: String::new(),
                fee: 0,
                on: local_today(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        invalid_field(e),
        "decision",
        "granting before the identity check is refused"
    );
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::VerifyIdentity {
                method: "身分證正本核對".into(),
            },
        )
        .await
        .unwrap();
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::AskSupplement {
                note: "請補附委任書".into(),
                due_on: local_today() + Duration::days(7),
            },
        )
        .await
        .unwrap();
    assert_eq!(r.status, "awaiting_supplement");
    let due = store.due_items(None, Utc::now()).await.unwrap();
    assert!(due
        .iter()
        .any(|i| i.item == format!("request:{}:supplement", r.id) && i.bucket == Bucket::Week));
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::SupplementReceived { on: local_today() },
        )
        .await
        .unwrap();
    assert_eq!(r.status, "open");
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::Extend {
                reason: "資料分散於三個單位，需調閱".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(r.extended_due_on, r.extension_limit_on);
    assert!(r.effective_due().unwrap() > r.due_on.as_deref().map(d).unwrap());
    let e = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::Extend {
                reason: "再延".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("one extension"), "{e}");
    // A stale version is a conflict, not a silent overwrite.
    assert!(matches!(
        store
            .request_step(
                &actor(),
                r.id,
                r.version - 1,
                &Step::VerifyIdentity { method: "x".into() }
            )
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let decide = |decision: &str, ground: Option<&str>, fee: i64| Step::Decide {
        decision: decision.into(),
        ground: ground.map(String::from),
        reason: "部分資料涉及第三人".into(),
        fee,
        on: local_today(),
    };
    let e = store
        .request_step(&actor(), r.id, r.version, &decide("partly", None, 0))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(e), "ground");
    let e = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &decide("partly", Some("tw_art11_3"), 0),
        )
        .await
        .unwrap_err();
    assert_eq!(
        invalid_field(e),
        "ground",
        "Art. 11(3) does not answer a copy request"
    );
    let e = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &decide("rejected", Some("tw_art10_3"), 20),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(e), "fee", "no fee for a refusal");
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &decide("partly", Some("tw_art10_3"), 20),
        )
        .await
        .unwrap();
    assert_eq!((r.status.as_str(), r.fee), ("decided", 20));
    assert!(!r.decided_late());
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::ReplySent { on: local_today() },
        )
        .await
        .unwrap();
    assert_eq!(r.status, "closed");
    assert!(!store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|i| i.link == format!("/requests/{}", r.id)));
    // The audit trail has every step, and never the requester's name or address.
    let entries = store
        .audit_entries(100, 0, Some(("request", &r.id.to_string())))
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "request.create",
            "request.verify_identity",
            "request.ask_supplement",
            "request.supplement_received",
            "request.extend",
            "request.decide",
            "request.reply_sent"
        ]
    );
    for e in &entries {
        let text = format!("{:?}{:?}", e.before, e.after);
        assert!(
            !text.contains("王小明") && !text.contains("wang.xm@example.com"),
            "{text}"
        );
    }
}

async fn recipients_hear_of_a_correction_before_the_reply(db: &TestDb) {
    let store = &db.store;
    let r = store
        .create_request(&actor(), &new_request("correction", local_today()))
        .await
        .unwrap();
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::VerifyIdentity {
                method: "自然人憑證".into(),
            },
        )
        .await
        .unwrap();
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::Decide {
                decision: "granted".into(),
                ground: None,
                reason: "已更正地址".into(),
                fee: 0,
                on: local_today(),
            },
        )
        .await
        .unwrap();
    assert!(r.notifies_recipients());
    store
        .add_recipient(&actor(), r.id, "臺北市政府人事處")
        .await
        .unwrap();
    let e = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::ReplySent { on: local_today() },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("recipient"), "{e}");
    let rec = store.recipients(r.id).await.unwrap();
    store
        .recipient_notified(&actor(), rec[0].id, local_today())
        .await
        .unwrap();
    let r = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::ReplySent { on: local_today() },
        )
        .await
        .unwrap();
    assert_eq!(r.status, "closed");
}

async fn hong_kong_has_no_extension(db: &TestDb) {
    let store = &db.store;
    let mut settings = std::collections::BTreeMap::new();
    settings.insert("jurisdiction".to_string(), "hk".to_string());
    store.set_settings(&actor(), &settings).await.unwrap();
    settings.insert("jurisdiction".to_string(), "jp".to_string());
    assert!(store.set_settings(&actor(), &settings).await.is_err());
    // A DAR received Monday 2026-11-16: day 40 is Saturday 26 December, a general holiday
    // (the first weekday after Christmas), then Sunday: Monday the 28th (Cap. 1 s71).
    let r = store
        .create_request(&actor(), &new_request("access", d("2026-11-16")))
        .await
        .unwrap();
    assert_eq!(
        (
            r.jurisdiction.as_str(),
            r.due_on.as_deref(),
            r.extension_limit_on.as_deref()
        ),
        ("hk", Some("2026-12-28"), None)
    );
    let r = store
        .create_request(&actor(), &new_request("deletion", local_today()))
        .await
        .unwrap();
    assert_eq!(r.due_on, None, "the PDPO sets no period for deletion");
    let e = store
        .request_step(
            &actor(),
            r.id,
            r.version,
            &Step::Extend {
                reason: "需時".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no extension"), "{e}");
}

async fn late_requests_are_due_and_old_ones_deletable(db: &TestDb) {
    let store = &db.store;
    let late = store
        .create_request(&actor(), &new_request("deletion", d("2026-01-05")))
        .await
        .unwrap();
    assert!(late.is_overdue(local_today()));
    let due = store.due_items(None, Utc::now()).await.unwrap();
    let item = due
        .iter()
        .find(|i| i.item == format!("request:{}:request", late.id))
        .expect("listed");
    assert_eq!(item.bucket, Bucket::Overdue);
    assert_eq!(due[0].bucket, Bucket::Overdue, "overdue first");
    // Five years (point 39): not before, whoever asks.
    match store.delete_request(&actor(), late.id).await {
        Err(StoreError::Retained { until }) => assert!(until > local_today()),
        other => panic!("deletion of a young record was not refused: {other:?}"),
    }
    assert!(store.request(late.id).await.is_ok());
    db.raw_sql(&format!(
        "UPDATE requests SET created_at = '2020-01-02T00:00:00Z' WHERE id = {}",
        late.id
    ))
    .await;
    store.delete_request(&actor(), late.id).await.unwrap();
    assert!(matches!(
        store.request(late.id).await,
        Err(StoreError::NotFound(_))
    ));
    // Reminders are kept once per item, channel and day; a failed one is tried again.
    let today = local_today();
    let key = |item: &str| (item.to_string(), "webhook".to_string());
    assert!(!store
        .reminders_sent_on(today)
        .await
        .unwrap()
        .contains(&key("request:1:request")));
    store
        .record_reminder("request:1:request", "webhook", today, "sent")
        .await
        .unwrap();
    store
        .record_reminder("request:2:request", "webhook", today, "failed: connect")
        .await
        .unwrap();
    let sent = store.reminders_sent_on(today).await.unwrap();
    assert!(sent.contains(&key("request:1:request")));
    assert!(
        !sent.contains(&key("request:2:request")),
        "a failed send is retried"
    );
}

async fn an_incident_keeps_its_four_hour_clocks(db: &TestDb) {
    let store = &db.store;
    let known = Utc::now() - Duration::hours(5);
    let i = store
        .open_incident(
            &actor(),
            &NewIncident {
                title: "承辦人誤寄名冊".into(),
                known_at: known,
                unit_id: None,
            },
        )
        .await
        .unwrap();
    let clocks = i.clocks().unwrap();
    assert_eq!(
        clocks.report_due - gezi_store::time::parse_time(&i.known_at).unwrap(),
        Duration::hours(4)
    );
    let due = store.due_items(None, Utc::now()).await.unwrap();
    for kind in ["measures", "report", "authority"] {
        let item = due
            .iter()
            .find(|x| x.item == format!("incident:{}:{kind}", i.id))
            .unwrap_or_else(|| panic!("{kind} listed"));
        let expected = if kind == "authority" {
            Bucket::Today
        } else {
            Bucket::Overdue
        };
        assert!(
            item.bucket == expected || (kind == "authority" && item.bucket == Bucket::Week),
            "{kind}: {:?}",
            item.bucket
        );
    }
    store
        .record_measure(
            &actor(),
            i.id,
            "m01",
            true,
            known + Duration::hours(1),
            "收回郵件",
        )
        .await
        .unwrap();
    let e = store
        .record_measure(&actor(), i.id, "m12", false, Utc::now(), " ")
        .await
        .unwrap_err();
    assert_eq!(
        invalid_field(e),
        "note",
        "a measure marked not applicable needs its reason"
    );
    assert!(store
        .record_measure(&actor(), i.id, "m14", true, Utc::now(), "")
        .await
        .is_err());
    let e = store
        .record_measure(&actor(), i.id, "m02", true, known - Duration::hours(1), "")
        .await
        .unwrap_err();
    assert_eq!(
        invalid_field(e),
        "done_at",
        "nothing is done before the incident was known"
    );
    let report = |place: &str| IncidentStep::Report {
        reporter: "資訊室 陳專員".into(),
        manner: "電子郵件誤寄".into(),
        occurred_at: "今日上午".into(),
        place: place.into(),
        scope: "姓名、電話，約 40 筆".into(),
        containment: "已請收件人刪除".into(),
        channel: "phone".into(),
        at: Utc::now(),
    };
    let e = store
        .incident_step(&actor(), i.id, i.version, &report(""))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(e), "place");
    assert_eq!(i.missing_report_items().len(), 6);
    let e = store
        .incident_step(
            &actor(),
            i.id,
            i.version,
            &IncidentStep::Close {
                lessons: "x".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("report"), "{e}");
    let i = store
        .incident_step(&actor(), i.id, i.version, &report("本處二樓"))
        .await
        .unwrap();
    assert!(
        i.report_late(Utc::now()),
        "reported after 4 hours: flagged late"
    );
    assert!(i.missing_report_items().is_empty());
    let e = store
        .incident_step(
            &actor(),
            i.id,
            i.version,
            &IncidentStep::NoticeSent {
                channel: "email".into(),
                at: Utc::now(),
                count: 40,
            },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("draft"), "{e}");
    let i = store
        .incident_step(
            &actor(),
            i.id,
            i.version,
            &IncidentStep::NoticeDraft {
                facts: "本處於今日誤寄名冊".into(),
                advice: "留意可疑來電".into(),
                helpdesk: "02-1234-5678".into(),
                remedy: "必要費用由本處負擔".into(),
            },
        )
        .await
        .unwrap();
    let i = store
        .incident_step(
            &actor(),
            i.id,
            i.version,
            &IncidentStep::NoticeSent {
                channel: "sms".into(),
                at: Utc::now(),
                count: 40,
            },
        )
        .await
        .unwrap();
    store
        .add_incident_log(&actor(), i.id, "evidence", "郵件伺服器紀錄已匯出保存")
        .await
        .unwrap();
    assert!(store
        .add_incident_log(&actor(), i.id, "gossip", "x")
        .await
        .is_err());
    let i = store
        .incident_step(
            &actor(),
            i.id,
            i.version,
            &IncidentStep::Close {
                lessons: "寄送名冊改用加密附件".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(i.status, "closed");
    assert_eq!(store.measures(i.id).await.unwrap().len(), 1);
    assert_eq!(store.incident_log(i.id).await.unwrap().len(), 1);
    assert!(!store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|x| x.link == format!("/incidents/{}", i.id)));
    assert!(matches!(
        store.delete_incident(&actor(), i.id).await,
        Err(StoreError::Retained { .. })
    ));
    db.raw_sql(&format!(
        "UPDATE incidents SET created_at = '2021-06-01T00:00:00Z' WHERE id = {}",
        i.id
    ))
    .await;
    store.delete_incident(&actor(), i.id).await.unwrap();
    assert!(store.measures(i.id).await.unwrap().is_empty());
}

async fn a_disposal_needs_its_verification(db: &TestDb) {
    let store = &db.store;
    let report = serde_json::json!({
        "format": "gezi-scan", "version": 1, "gezi_version": "0.1.0", "scanned_at": "2026-11-22T00:00:00Z",
        "roots": ["share"], "summary": {"files_scanned": 1, "findings": 1},
        "files": [{"path": "share/hr/x.csv", "bytes": 10, "encoding": "UTF-8", "total": 1,
            "counts": {"TW_NATIONAL_ID": 3}, "special_category": false, "truncated": false, "findings": []}],
        "skipped": []
    });
    let r = parse_report(&serde_json::to_vec(&report).unwrap()).unwrap();
    let file = store.import_scan(&actor(), &r).await.unwrap().created[0].0;
    store
        .set_retention(&actor(), file, Some(local_today() - Duration::days(1)))
        .await
        .unwrap();
    let due = store.due_items(None, Utc::now()).await.unwrap();
    assert_eq!(
        due.iter().find(|i| i.kind == "disposal").unwrap().bucket,
        Bucket::Overdue
    );
    let mut input = NewDisposal {
        disposed_on: local_today(),
        method: "資料庫刪除並覆寫備份".into(),
        approved_by: "處長".into(),
        impact_check: "差勤系統已改讀新表".into(),
        verification: String::new(),
        verified_by: "資訊室".into(),
        unrecoverable_confirmed: true,
    };
    assert_eq!(
        invalid_field(
            store
                .record_disposal(&actor(), file, &input)
                .await
                .unwrap_err()
        ),
        "verification"
    );
    input.verification = "以還原工具檢查，無法還原".into();
    input.unrecoverable_confirmed = false;
    assert_eq!(
        invalid_field(
            store
                .record_disposal(&actor(), file, &input)
                .await
                .unwrap_err()
        ),
        "unrecoverable_confirmed"
    );
    assert!(
        store.disposals(file).await.unwrap().is_empty(),
        "nothing recorded by the refusals"
    );
    input.unrecoverable_confirmed = true;
    let disposal = store.record_disposal(&actor(), file, &input).await.unwrap();
    assert!(!store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|i| i.kind == "disposal"));
    assert!(matches!(
        store.delete_disposal(&actor(), disposal.id).await,
        Err(StoreError::Retained { .. })
    ));
}

async fn imported_holidays_move_deadlines(db: &TestDb) {
    let store = &db.store;
    use gezi_law::Jurisdiction::Tw;
    assert!(!store.calendar(Tw).await.unwrap().has_year(2027));
    let e = store
        .import_holidays(
            &actor(),
            Tw,
            "date,name\n2027-01-01,開國紀念日\n2027-13-01,壞\n",
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
    assert!(
        !store.calendar(Tw).await.unwrap().has_year(2027),
        "a bad file adds nothing"
    );
    // A made-up rest day (for the test) on Wednesday 2026-12-16 moves a deadline landing on it.
    store
        .import_holidays(
            &actor(),
            Tw,
            "date,name\n2027-01-01,開國紀念日\n2026-12-16,測試休假日\n",
        )
        .await
        .unwrap();
    let cal = store.calendar(Tw).await.unwrap();
    assert!(cal.has_year(2027) && cal.is_rest_day(d("2026-12-16")));
    // Received 2026-12-01: day 15 is Wednesday the 16th, now a rest day → the 17th.
    let r = store
        .create_request(&actor(), &new_request("access", d("2026-12-01")))
        .await
        .unwrap();
    assert_eq!(r.due_on.as_deref(), Some("2026-12-17"));
}

fn values(pairs: &[(&str, &str)]) -> gezi_law::records::Values {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

async fn records_follow_their_rules(db: &TestDb) {
    let store = &db.store;
    let day = |n: i64| (local_today() + Duration::days(n)).to_string();
    let mut contract = values(&[
        ("vendor", "甲資訊公司"),
        ("scope", "差勤系統維護"),
        ("contract_no", "115-07"),
        ("starts_on", &day(-30)),
        ("ends_on", &day(300)),
        ("clause_capability", "yes"),
        ("clause_supervision", "yes"),
        ("clause_penalty", "yes"),
        ("first_check_on", &day(3)),
    ]);
    let e = store
        .create_record(&actor(), "vendor_contract", None, &contract)
        .await
        .unwrap_err();
    assert_eq!(
        invalid_field(e),
        "clause_rules",
        "a contract without the rules attached is refused"
    );
    contract.insert("clause_rules".into(), "yes".into());
    let c = store
        .create_record(&actor(), "vendor_contract", None, &contract)
        .await
        .unwrap();
    let due = store.due_items(None, Utc::now()).await.unwrap();
    let item = due
        .iter()
        .find(|i| i.item == format!("record:{}", c.id))
        .expect("first check listed");
    assert_eq!((item.kind, item.bucket), ("vendor_contract", Bucket::Week));
    // The check done, the next one is months away: nothing due for this vendor.
    let check = values(&[
        ("vendor", "甲資訊公司"),
        ("checked_on", &day(0)),
        ("checked_by", "政風室"),
        ("findings", "存取紀錄完整"),
        ("next_check_on", &day(180)),
    ]);
    store
        .create_record(&actor(), "vendor_check", None, &check)
        .await
        .unwrap();
    assert!(!store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|i| i.title == "甲資訊公司"));
    // Training overdue until the next one is recorded.
    let t1 = values(&[
        ("person", "林志明"),
        ("course", "個資保護基礎"),
        ("hours", "3"),
        ("completed_on", &day(-400)),
        ("next_due_on", &day(-35)),
    ]);
    let t1 = store
        .create_record(&actor(), "training", None, &t1)
        .await
        .unwrap();
    let due = store.due_items(None, Utc::now()).await.unwrap();
    assert_eq!(
        due.iter()
            .find(|i| i.item == format!("record:{}", t1.id))
            .unwrap()
            .bucket,
        Bucket::Overdue
    );
    let t2 = values(&[
        ("person", "林志明"),
        ("course", "個資保護進階"),
        ("hours", "3"),
        ("completed_on", &day(0)),
        ("next_due_on", &day(365)),
    ]);
    store
        .create_record(&actor(), "training", None, &t2)
        .await
        .unwrap();
    assert!(!store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|i| i.item == format!("record:{}", t1.id)));
    // An opt-out is due at once until marketing stops.
    let o = store
        .create_record(
            &actor(),
            "opt_out",
            None,
            &values(&[
                ("subject", "S-0099"),
                ("what", "direct_marketing"),
                ("requested_on", &day(-1)),
            ]),
        )
        .await
        .unwrap();
    assert!(store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|i| i.item == format!("record:{}", o.id) && i.bucket == Bucket::Overdue));
    let mut stopped = o.values.clone();
    stopped.insert("stopped_on".into(), day(0));
    let o2 = store
        .update_record(&actor(), o.id, o.version, &stopped)
        .await
        .unwrap();
    assert!(!store
        .due_items(None, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|i| i.item == format!("record:{}", o.id)));
    assert!(matches!(
        store
            .update_record(&actor(), o.id, o.version, &stopped)
            .await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        store.delete_record(&actor(), o2.id).await,
        Err(StoreError::Retained { .. })
    ));
    assert!(matches!(
        store
            .create_record(&actor(), "gossip", None, &stopped)
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        store.records(Some("training"), None).await.unwrap().len(),
        2
    );
}
