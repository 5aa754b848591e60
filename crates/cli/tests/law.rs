//! `gezi law deadline` as a person checking gezi against the law runs it.

mod common;

use common::gezi;

fn deadline(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = gezi()
        .args(["law", "deadline", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let v = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code(),
        v,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn json_answers_due_extension_and_basis() {
    let (code, v, _) = deadline(&[
        "--jurisdiction",
        "tw",
        "--request",
        "copy",
        "--received",
        "2026-02-03",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        v["due"], "2026-02-23",
        "day 15 falls in the Lunar New Year holidays"
    );
    assert_eq!(v["extended_due"], "2026-03-10");
    assert!(v["basis"].as_str().unwrap().contains("第13條第1項"));
    let (_, v, _) = deadline(&[
        "--jurisdiction",
        "hk",
        "--request",
        "correction",
        "--received",
        "2026-05-10",
    ]);
    assert_eq!(v["due"], "2026-06-20");
    assert_eq!(v["extended_due"], serde_json::Value::Null);
    assert!(v["basis"].as_str().unwrap().contains("第23(1)條"));
}

#[test]
fn an_imported_calendar_moves_the_date() {
    let dir = common::TempDir::new("law");
    // Not a real holiday: a list the administrator supplies for a year gezi does not ship.
    let cal = dir.write(
        "hk-2027.csv",
        "date,name\n2027-01-01,一月一日\n2027-01-02,測試假期\n",
    );
    let (_, without, _) = deadline(&[
        "--jurisdiction",
        "hk",
        "--request",
        "access",
        "--received",
        "2026-11-22",
    ]);
    assert_eq!(without["due"], "2027-01-02");
    assert!(without["notes"].to_string().contains("not loaded"));
    let (_, with, _) = deadline(&[
        "--jurisdiction",
        "hk",
        "--request",
        "access",
        "--received",
        "2026-11-22",
        "--calendar",
        cal.to_str().unwrap(),
    ]);
    assert_eq!(
        with["due"], "2027-01-04",
        "1 and 2 Jan listed, 3 Jan a Sunday"
    );
    assert!(!with["notes"].to_string().contains("not loaded"));
}

#[test]
fn bad_input_is_named() {
    let (code, _, err) = deadline(&[
        "--jurisdiction",
        "tw",
        "--request",
        "access",
        "--received",
        "2026-02-30",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--received") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
    let (code, _, _) = deadline(&[
        "--jurisdiction",
        "us",
        "--request",
        "access",
        "--received",
        "2026-02-03",
    ]);
    assert_eq!(code, Some(2));
}
