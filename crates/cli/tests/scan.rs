//! `gezi scan` on real files: encodings, formats, skipped and unreadable files, exit codes.

mod common;
use common::*;

fn json_report(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

fn file<'a>(report: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
}

fn skipped<'a>(report: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
}

#[test]
fn hostile_directory_is_scanned_to_the_end() {
    let dir = TempDir::new("hostile");
    dir.write("plain.txt", "申請人：王小明\n身分證字號：A123456789\n");
    let (big5, _, _) = encoding_rs::BIG5
        .encode("姓名：陳大文\n身分證：F131104093\n地址：臺北市中正區重慶南路一段122號\n");
    dir.write("big5.txt", &big5);
    let (gb, _, _) = encoding_rs::GB18030
        .encode("联系人：李四\n手机：13912345678\n身份证：11010519491231002X\n");
    dir.write("gb18030.csv", &gb);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "電話 0912-345-678\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    dir.write("utf16.txt", &utf16);
    dir.write("binary.bin", [0u8, 1, 2, 3, 0, 0xFF].repeat(100));
    dir.write(
        "broken-utf8.log",
        b"user ok \xff\xfe\xfd phone 0912345678 \xc3\x28 done\n",
    );
    dir.write("report.pdf", b"%PDF-1.4 not read yet");
    let locked = dir.write("locked.txt", "A123456789");
    set_mode(&locked, 0o000);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();

    let mut cmd = gezi_unprivileged(&dir);
    cmd.args(["scan", "--follow-links", "--format", "json", "-q"])
        .arg(dir.path());
    let (out, _) = run_measured(cmd);
    let report = json_report(&out);
    // An unreadable file makes the result incomplete: exit 2, and it says why.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let locked = skipped(&report, "locked.txt").expect("locked file listed");
    assert_eq!(locked["error"], true);
    assert!(
        locked["reason"].as_str().unwrap().contains("ermission"),
        "{locked}"
    );
    let looped = skipped(&report, "loop").expect("symlink loop listed");
    assert!(
        looped["reason"].as_str().unwrap().contains("loop"),
        "{looped}"
    );
    assert!(skipped(&report, "binary.bin").unwrap()["reason"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert!(skipped(&report, "report.pdf").unwrap()["reason"]
        .as_str()
        .unwrap()
        .contains("PDF"));

    let big5 = file(&report, "big5.txt").expect("Big5 file has findings");
    assert_eq!(big5["encoding"], "Big5");
    assert_eq!(big5["counts"]["TW_NATIONAL_ID"], 1);
    assert_eq!(big5["counts"]["PERSON_NAME"], 1);
    assert_eq!(big5["counts"]["ADDRESS"], 1);
    let gb = file(&report, "gb18030.csv").expect("GB18030 file has findings");
    assert_eq!(gb["counts"]["CN_RESIDENT_ID"], 1);
    assert_eq!(gb["counts"]["PHONE"], 1);
    assert_eq!(file(&report, "utf16.txt").unwrap()["counts"]["PHONE"], 1);
    let broken = file(&report, "broken-utf8.log").expect("damaged UTF-8 still scanned");
    assert_eq!(broken["counts"]["PHONE"], 1);
    let plain = file(&report, "plain.txt").unwrap();
    let id = plain["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "TW_NATIONAL_ID")
        .unwrap();
    assert_eq!(
        (id["line"].as_u64(), id["column"].as_u64()),
        (Some(2), Some(7))
    );
    // Never the raw value by default.
    assert!(!stdout(&out).contains("A123456789") && !stderr(&out).contains("A123456789"));
}

#[test]
fn exit_codes_follow_grep() {
    let clean = TempDir::new("clean");
    clean.write("notes.txt", "今天天氣很好，會議改到下午三點。\n");
    let out = gezi()
        .args(["scan", "-q"])
        .arg(clean.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    let dirty = TempDir::new("dirty");
    dirty.write("a.csv", "姓名,電話\n王小明,0912-345-678\n");
    dirty.write("company.txt", "統一編號 04595252\n");
    let out = gezi()
        .args(["scan", "-q"])
        .arg(dirty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let summary = stdout(&out);
    assert!(
        summary.contains("PHONE") && summary.contains("091*******78"),
        "{summary}"
    );
    assert!(!summary.contains("0912-345-678"));
    // --fail-on: only these kinds fail the gate.
    let out = gezi()
        .args(["scan", "-q", "--fail-on", "CREDIT_CARD"])
        .arg(dirty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A company number alone is not personal data.
    let out = gezi()
        .args(["scan", "-q"])
        .arg(dirty.path().join("company.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A missing path is an error.
    let out = gezi()
        .args(["scan", "-q", "/nonexistent/gezi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn include_exclude_and_formats() {
    let dir = TempDir::new("formats");
    dir.write("keep/a.csv", "name,phone\nJohn Smith,+852 9123 4567\n");
    dir.write("keep/b.txt", "ID A123456789\n");
    dir.write("skip/c.csv", "ID F131104093\n");
    let run = |args: &[&str]| {
        gezi()
            .args(["scan", "-q"])
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap()
    };

    let out = run(&[
        "--include",
        "*.csv",
        "--exclude",
        "skip/**",
        "--format",
        "jsonl",
    ]);
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["path"].as_str().unwrap().ends_with("keep/a.csv")),
        "{rows:?}"
    );

    let out = run(&["--format", "csv"]);
    let csv = stdout(&out);
    assert!(csv.starts_with("path,line,column,offset,kind"));
    assert_eq!(
        csv.lines().filter(|l| l.contains("TW_NATIONAL_ID")).count(),
        2
    );

    let out = run(&["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "PHONE"));
    assert!(results.iter().all(
        |r| r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some()
    ));

    let out = run(&["--format", "json", "--show-values"]);
    assert!(stdout(&out).contains("A123456789"));
}
