//! The same suite against a real SQLite file and a real PostgreSQL server.
//!
//! PostgreSQL: `GEZI_TEST_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`); each
//! test creates its own database and drops it afterwards.

use gezi_law::inventory::FileStatus;
use gezi_store::accounts::{NewUser, Role, UserUpdate};
use gezi_store::files::Fields;
use gezi_store::import::parse_report;
use gezi_store::risk::{ControlInput, FactorScore};
use gezi_store::units::UnitInput;
use gezi_store::{Actor, DbUrl, StoreError};

#[macro_use]
mod common;
use common::TestDb;

on_both!(
    units_and_conflicts,
    files_validate_codes_and_publish,
    import_proposes_then_updates,
    risk_and_controls,
    audit_chain_detects_edits_and_deletions,
    users_and_sessions,
    hostile_text_is_stored_as_text,
);

fn actor() -> Actor {
    Actor {
        user_id: None,
        name: "tester".into(),
    }
}

fn report(files: &[(&str, &[(&str, u64)])]) -> Vec<u8> {
    let files: Vec<_> = files
        .iter()
        .map(|(path, counts)| {
            let counts: serde_json::Map<_, _> = counts
                .iter()
                .map(|(k, n)| (k.to_string(), serde_json::json!(n)))
                .collect();
            serde_json::json!({"path": path, "bytes": 10, "encoding": "UTF-8", "total": 1,
                "counts": counts, "special_category": false, "truncated": false, "findings": []})
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "format": "gezi-scan", "version": 1, "gezi_version": "0.1.0", "scanned_at": "2026-11-22T00:00:00Z",
        "roots": ["share"], "summary": {"files_scanned": files.len(), "findings": 3}, "files": files, "skipped": []
    }))
    .unwrap()
}

async fn units_and_conflicts(db: &TestDb) {
    let store = &db.store;
    let u = store
        .create_unit(
            &actor(),
            &UnitInput {
                name: "人事室".into(),
                contact_email: "hr@example.gov.tw".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(u.version, 1);
    let dup = store
        .create_unit(
            &actor(),
            &UnitInput {
                name: "人事室".into(),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(dup, Err(StoreError::Invalid { ref field, .. }) if field == "name"),
        "{dup:?}"
    );
    let edit = UnitInput {
        name: "人事處".into(),
        ..Default::default()
    };
    let first = store.update_unit(&actor(), u.id, 1, &edit).await.unwrap();
    assert_eq!(first.version, 2);
    // A second editor who read version 1 is told, and nothing is overwritten.
    let late = store
        .update_unit(
            &actor(),
            u.id,
            1,
            &UnitInput {
                name: "秘書室".into(),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(late, Err(StoreError::Conflict { current: 2, .. })),
        "{late:?}"
    );
    assert_eq!(store.unit(u.id).await.unwrap().name, "人事處");
    assert!(matches!(
        store.update_unit(&actor(), 999, 1, &edit).await,
        Err(StoreError::NotFound(_))
    ));
}

async fn files_validate_codes_and_publish(db: &TestDb) {
    let store = &db.store;
    let unit = store
        .create_unit(
            &actor(),
            &UnitInput {
                name: "秘書室".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut f = Fields {
        name: "員工資料".into(),
        purposes: vec!["999".into()],
        ..Default::default()
    };
    let bad = store.create_data_file(&actor(), Some(unit.id), &f).await;
    assert!(
        matches!(bad, Err(StoreError::Invalid { ref field, .. }) if field == "purposes"),
        "{bad:?}"
    );
    f.purposes = vec!["002".into()];
    f.categories = vec!["C001".into(), "C003".into()];
    f.storage_forms = vec!["database".into()];
    let file = store
        .create_data_file(&actor(), Some(unit.id), &f)
        .await
        .unwrap();
    assert_eq!(file.status, "confirmed");
    // Publishing needs the legal basis.
    assert!(store
        .publish_data_file(&actor(), file.id, file.version)
        .await
        .is_err());
    f.legal_basis = "個人資料保護法第15條".into();
    let file = store
        .update_data_file(&actor(), file.id, file.version, Some(unit.id), &f)
        .await
        .unwrap();
    let published = store
        .publish_data_file(&actor(), file.id, file.version)
        .await
        .unwrap();
    assert!(published.is_published_current());
    let list = store.published().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].unit, "秘書室");
    assert!(list[0].purposes[0].starts_with("002 人事管理"));
    // A later change is not public until published again.
    f.name = "員工資料（新）".into();
    let changed = store
        .update_data_file(&actor(), file.id, published.version, Some(unit.id), &f)
        .await
        .unwrap();
    assert!(!changed.is_published_current());
    assert_eq!(store.published_one(file.id).await.unwrap().name, "員工資料");
}

async fn import_proposes_then_updates(db: &TestDb) {
    let store = &db.store;
    let r1 = parse_report(&report(&[
        (
            "share/hr/a.csv",
            &[("TW_NATIONAL_ID", 10), ("PHONE", 12), ("TW_UBN", 3)],
        ),
        ("share/hr/b/c.txt", &[("SENSITIVE_HEALTH", 2)]),
        ("share/vendors/list.csv", &[("TW_UBN", 5)]),
    ]))
    .unwrap();
    let out = store.import_scan(&actor(), &r1).await.unwrap();
    assert_eq!(
        out.created.len(),
        1,
        "company numbers alone make no personal-data file: {out:?}"
    );
    let (id, name) = out.created[0].clone();
    assert_eq!(name, "hr");
    let file = store.data_file(id).await.unwrap();
    assert_eq!(file.status, FileStatus::Proposed.id());
    assert_eq!(file.fields.record_count, 12);
    assert!(file
        .fields
        .items
        .contains(&"國民身分證統一編號".to_string()));
    assert!(file.fields.categories.contains(&"C003".to_string()));
    assert_eq!(file.fields.special_items, vec!["medical"]);
    let (kinds, paths) = store.evidence(id).await.unwrap();
    assert_eq!(kinds.len(), 4);
    assert_eq!(paths.len(), 2);
    // The same scan again changes nothing; a different one updates counts and says how.
    let again = store.import_scan(&actor(), &r1).await.unwrap();
    assert_eq!(again.unchanged.len(), 1);
    let r2 = parse_report(&report(&[(
        "share/hr/a.csv",
        &[("TW_NATIONAL_ID", 40), ("PHONE", 12), ("EMAIL", 1)],
    )]))
    .unwrap();
    let third = store.import_scan(&actor(), &r2).await.unwrap();
    assert_eq!(third.updated.len(), 1);
    let changes = &third.updated[0].changes;
    assert!(
        changes.contains(&("TW_NATIONAL_ID".into(), 10, 40)),
        "{changes:?}"
    );
    assert!(changes.contains(&("EMAIL".into(), 0, 1)), "{changes:?}");
    assert!(
        changes.contains(&("SENSITIVE_HEALTH".into(), 2, 0)),
        "{changes:?}"
    );
    let file = store.data_file(id).await.unwrap();
    assert_eq!(file.fields.record_count, 40);
    assert!(file.fields.items.contains(&"電子郵件地址".to_string()));
    assert_eq!(store.imports().await.unwrap().len(), 3);
    // Confirming needs a unit.
    let e = store
        .set_data_file_status(&actor(), id, file.version, FileStatus::Confirmed)
        .await;
    assert!(matches!(e, Err(StoreError::Invalid { ref field, .. }) if field == "unit_id"));
}

async fn risk_and_controls(db: &TestDb) {
    let store = &db.store;
    let r = parse_report(&report(&[(
        "share/clinic/x.csv",
        &[("TW_NATIONAL_ID", 20_000), ("SENSITIVE_HEALTH", 4)],
    )]))
    .unwrap();
    let id = store.import_scan(&actor(), &r).await.unwrap().created[0].0;
    let s = store.suggested_scores(id).await.unwrap();
    assert_eq!(s.iter().map(|s| s.score).collect::<Vec<_>>(), vec![3, 3, 3]);
    let mut factors: Vec<FactorScore> = gezi_law::risk::Factor::ALL
        .iter()
        .map(|f| FactorScore {
            factor: f.id().into(),
            score: 1,
            reason: "檢視後".into(),
        })
        .collect();
    factors[6].reason = " ".into();
    let e = store
        .save_assessment(&actor(), id, None, &factors)
        .await
        .unwrap_err();
    assert!(
        e.to_string().starts_with("awareness: needs a reason"),
        "{e}"
    );
    factors[6].reason = "已受訓".into();
    factors[2].score = 3;
    let a = store
        .save_assessment(&actor(), id, None, &factors)
        .await
        .unwrap();
    assert_eq!((a.impact, a.likelihood, a.level.as_str()), (3, 1, "medium"));
    // A stale second save is refused.
    assert!(matches!(
        store.save_assessment(&actor(), id, None, &factors).await,
        Err(StoreError::Conflict { .. })
    ));
    factors[3].score = 3;
    let a2 = store
        .save_assessment(&actor(), id, Some(a.version), &factors)
        .await
        .unwrap();
    assert_eq!(a2.level, "high");
    assert_eq!(store.assessments().await.unwrap().len(), 1);
    let bad = ControlInput {
        description: "加密".into(),
        owner: "資訊室".into(),
        due_date: "2026-13-01".into(),
        status: "planned".into(),
    };
    assert!(store.add_control(&actor(), id, &bad).await.is_err());
    let c = store
        .add_control(
            &actor(),
            id,
            &ControlInput {
                due_date: "2026-12-31".into(),
                ..bad.clone()
            },
        )
        .await
        .unwrap();
    let done = ControlInput {
        status: "done".into(),
        due_date: "2026-12-31".into(),
        ..bad
    };
    store
        .update_control(&actor(), c.id, c.version, &done)
        .await
        .unwrap();
    assert!(store
        .update_control(&actor(), c.id, c.version, &done)
        .await
        .is_err());
    assert_eq!(store.controls(id).await.unwrap()[0].status, "done");
}

async fn audit_chain_detects_edits_and_deletions(db: &TestDb) {
    let store = &db.store;
    for name in ["甲", "乙", "丙"] {
        store
            .create_unit(
                &actor(),
                &UnitInput {
                    name: name.into(),
                    contact_phone: "0912-345-678".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    }
    let v = store.verify_audit().await.unwrap();
    assert!(v.intact(), "{:?}", v.problems);
    let entries = store.audit_entries(100, 0, None).await.unwrap();
    assert!(entries.len() >= 5, "code lists and units are audited");
    // Personal values are masked in the trail.
    let unit_entry = entries.iter().find(|e| e.action == "unit.create").unwrap();
    let after = unit_entry.after.as_deref().unwrap();
    assert!(
        !after.contains("0912-345-678") && after.contains("091*******78"),
        "{after}"
    );
    let target = unit_entry.seq;
    db.raw_sql(&format!(
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = {target}"
    ))
    .await;
    let v = store.verify_audit().await.unwrap();
    assert!(!v.intact());
    assert!(
        v.problems[0].contains(&format!("entry {target}: altered")),
        "{:?}",
        v.problems
    );
    db.raw_sql(&format!(
        "UPDATE audit_log SET actor = 'tester' WHERE seq = {target}"
    ))
    .await;
    assert!(store.verify_audit().await.unwrap().intact());
    db.raw_sql(&format!("DELETE FROM audit_log WHERE seq = {}", target - 1))
        .await;
    let v = store.verify_audit().await.unwrap();
    assert!(
        v.problems.iter().any(|p| p.contains("missing")),
        "{:?}",
        v.problems
    );
}

async fn users_and_sessions(db: &TestDb) {
    let store = &db.store;
    let unit = store
        .create_unit(
            &actor(),
            &UnitInput {
                name: "資訊室".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let no_unit = NewUser {
        username: "amy".into(),
        display_name: "Amy".into(),
        role: Role::UnitContact,
        unit_id: None,
    };
    assert!(store.create_user(&actor(), &no_unit, "hash").await.is_err());
    let bad_name = NewUser {
        username: "a b".into(),
        ..no_unit.clone()
    };
    assert!(store
        .create_user(&actor(), &bad_name, "hash")
        .await
        .is_err());
    let u = store
        .create_user(
            &actor(),
            &NewUser {
                unit_id: Some(unit.id),
                ..no_unit
            },
            "hash",
        )
        .await
        .unwrap();
    assert!(u.must_change_password);
    let c = store.credentials("amy").await.unwrap().unwrap();
    assert_eq!(c.password_hash, "hash");
    store
        .create_session("t1", u.id, "csrf", true, "2999-01-01T00:00:00Z")
        .await
        .unwrap();
    store
        .create_session("old", u.id, "csrf", true, "2000-01-01T00:00:00Z")
        .await
        .unwrap();
    assert!(store.session("t1").await.unwrap().is_some());
    assert!(
        store.session("old").await.unwrap().is_none(),
        "expired sessions are not live"
    );
    // Disabling a user ends their sessions.
    store
        .update_user(
            &actor(),
            u.id,
            u.version,
            &UserUpdate {
                display_name: "Amy".into(),
                role: Role::UnitContact,
                unit_id: Some(unit.id),
                active: false,
            },
        )
        .await
        .unwrap();
    assert!(store.session("t1").await.unwrap().is_none());
    store
        .create_api_token(&actor(), u.id, "ci", "tok")
        .await
        .unwrap();
    assert!(
        store.token_user("tok").await.unwrap().is_none(),
        "inactive users' tokens do not work"
    );
    let entries = store
        .audit_entries(50, 0, Some(("user", &u.id.to_string())))
        .await
        .unwrap();
    assert!(entries
        .iter()
        .all(|e| !e.after.as_deref().unwrap_or("").contains("hash")));
}

async fn hostile_text_is_stored_as_text(db: &TestDb) {
    let store = &db.store;
    let name = "x'); DROP TABLE data_files; -- <script>alert(1)</script>";
    let f = Fields {
        name: name.into(),
        business: "\"; DELETE FROM units; --".into(),
        ..Default::default()
    };
    let file = store.create_data_file(&actor(), None, &f).await.unwrap();
    assert_eq!(store.data_file(file.id).await.unwrap().fields.name, name);
    assert_eq!(store.data_files(None).await.unwrap().len(), 1);
    let _ = DbUrl::new("sqlite://x");
}
