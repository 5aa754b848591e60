//! `gezi detect`: the JSONL batch interface.

mod common;
use common::*;
use std::io::Write;
use std::process::Stdio;

fn detect(input: &str, args: &[&str]) -> std::process::Output {
    let mut child = gezi()
        .arg("detect")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn spans_carry_character_and_byte_offsets() {
    let out = detect("{\"id\":\"a\",\"text\":\"電話：0912-345-678\"}\n", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["id"], "a");
    let s = &v["spans"][0];
    assert_eq!(s["kind"], "PHONE");
    assert_eq!(
        (s["start"].as_u64(), s["end"].as_u64()),
        (Some(3), Some(15))
    );
    assert_eq!(
        (s["bstart"].as_u64(), s["bend"].as_u64()),
        (Some(9), Some(21))
    );
    // No raw value unless asked.
    assert!(s.get("text").is_none());
    assert_eq!(s["preview"], "091*******78");
    // Why: the context word that raised the score.
    assert_eq!(s["context"][0], "電話");
}

#[test]
fn show_values_adds_the_text() {
    let out = detect(
        "{\"id\":1,\"text\":\"ID A123456789\"}\n",
        &["--show-values"],
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["spans"][0]["text"], "A123456789");
}

#[test]
fn bad_lines_are_reported_by_number_and_the_rest_goes_on() {
    let input = "{\"id\":1,\"text\":\"A123456789\"}\nnot json A987654321\n{\"id\":3}\n{\"id\":4,\"text\":\"0912345678\"}\n";
    let out = detect(input, &[]);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    assert_eq!(lines[0]["spans"][0]["kind"], "TW_NATIONAL_ID");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[2]["error"].as_str().unwrap().contains("text"));
    assert_eq!(lines[3]["spans"][0]["kind"], "PHONE");
    let err = stderr(&out);
    assert!(err.contains("line 2") && err.contains("line 3"), "{err}");
    assert!(
        !err.contains("A987654321"),
        "errors must not echo personal data: {err}"
    );
}

#[test]
fn kinds_filter() {
    let out = detect(
        "{\"id\":1,\"text\":\"王小明 電話 0912345678 A123456789\"}\n",
        &["--kinds", "PHONE"],
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let kinds: Vec<_> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["PHONE"]);
    let bad = detect("", &["--kinds", "NOT_A_KIND"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("NOT_A_KIND"));
}

#[test]
fn lines_that_are_not_utf8_or_empty_keep_their_place() {
    let mut child = gezi()
        .arg("detect")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"{\"id\":1,\"text\":\"A123456789\"}\n".to_vec();
    input.extend(b"{\"id\":2,\"text\":\"\xff\xfe A987654321\"}\n\n");
    input.extend(b"{\"id\":4,\"text\":\"0912345678\"}\r\n");
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output line per input line: {lines:?}");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[2]["spans"].as_array().map(Vec::len), Some(0));
    assert_eq!(lines[3]["id"], 4);
    assert!(!stderr(&out).contains("A987654321"));
}
