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
    score_file(&eval_dir().join(format!("{set}.jsonl")), set)
}

/// `gezi detect` on a gold file, scored on `track` by the set's scorer.
fn score_file(gold: &std::path::Path, track: &str) -> serde_json::Value {
    let dir = eval_dir();
    let tmp = TempDir::new("accuracy");
    let pred = tmp.path().join("pred.jsonl");
    let out = gezi()
        .arg("detect")
        .arg(gold)
        .arg("-o")
        .arg(&pred)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = std::process::Command::new("python3")
        .arg(dir.join("score.py"))
        .arg("--gold")
        .arg(gold)
        .arg("--pred")
        .arg(&pred)
        .arg("--track")
        .arg(track)
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

/// Names in real news sentences, read by the tagger: the floor, in both scripts
/// (the Traditional sentences are the Simplified ones converted, and the tagger folds them
/// back, so they must score alike).
#[test]
fn news_names_meet_the_floor() {
    let r = score("names");
    let got = f1(&r, "PERSON_NAME");
    assert!(got >= 0.80, "PERSON_NAME F1 on names.jsonl is {got}");
    let all = std::fs::read_to_string(eval_dir().join("names.jsonl")).unwrap();
    let tmp = TempDir::new("scripts");
    let mut by_script = Vec::new();
    for script in ["s", "t"] {
        let gold = tmp.path().join(format!("names-{script}.jsonl"));
        let lines: Vec<&str> = all
            .lines()
            .filter(|l| l.contains(&format!("\"names-{script}-")))
            .collect();
        assert!(lines.len() > 100, "{script}: {} sentences", lines.len());
        std::fs::write(&gold, lines.join("\n") + "\n").unwrap();
        by_script.push(f1(&score_file(&gold, "names"), "PERSON_NAME"));
    }
    assert!(
        (by_script[0] - by_script[1]).abs() <= 0.02,
        "Simplified {} and Traditional {} differ",
        by_script[0],
        by_script[1]
    );
}
