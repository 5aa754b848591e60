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
    dir.write("report.pdf", b"%PDF-1.4 truncated, not a real PDF");
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
    let pdf = skipped(&report, "report.pdf").expect("a broken PDF is listed");
    assert_eq!(pdf["error"], true, "{pdf}");

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
    assert!(csv.starts_with("path,line,column,offset,where,kind"));
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

#[test]
fn text_that_looks_binary_is_still_read() {
    let dir = TempDir::new("edge");
    // UTF-16 without a byte-order mark, as some Windows exports write it.
    let utf16: Vec<u8> = "姓名：陳美玲\r\n身分證字號：A123456789\r\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    dir.write("export.txt", &utf16);
    // Text followed by NUL padding (a pre-allocated log).
    let mut padded = "手機 0912-345-678\n".as_bytes().to_vec();
    padded.extend(vec![0u8; 8192]);
    dir.write("padded.log", &padded);
    let out = gezi()
        .args(["scan", "-q", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json_report(&out);
    let utf16 = file(&report, "export.txt").expect("UTF-16 without BOM is read");
    assert_eq!(utf16["encoding"], "UTF-16LE");
    assert_eq!(utf16["counts"]["TW_NATIONAL_ID"], 1);
    assert_eq!(
        file(&report, "padded.log").expect("padded text is read")["counts"]["PHONE"],
        1
    );
}

#[test]
fn a_file_that_could_not_be_read_never_counts_as_clean() {
    let dir = TempDir::new("incomplete");
    dir.write("scan.png", b"\x89PNG\r\n\x1a\n not really an image");
    dir.write("notes.txt", "會議改到下午三點。\n");
    let out = gezi()
        .args(["scan", "-q", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    // Nothing personal was found, but an image was not read: incomplete, not clean.
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let report = json_report(&out);
    let png = skipped(&report, "scan.png").expect("the image is listed");
    assert_eq!(png["status"], "not_read");
    assert!(png["reason"].as_str().unwrap().contains("--ocr"), "{png}");
}

#[test]
fn file_names_cannot_rewrite_the_terminal() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("names");
    dir.write("a\nfake: clean.txt", "身分證字號 A123456789\n");
    dir.write("invoice\u{202e}txt.exe", "手機 0912-345-678\n");
    let raw = std::ffi::OsStr::from_bytes(b"big5-\xb3\xf8\xaa\xed.txt");
    std::fs::write(dir.path().join(raw), "email amy.chen@example.com\n").unwrap();
    let out = gezi()
        .args(["scan", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    let summary = stdout(&out);
    assert!(!summary.contains('\u{202e}'), "{summary}");
    assert!(summary.contains("a\\u{a}fake: clean.txt"), "{summary}");
    assert!(summary.lines().all(|l| !l.starts_with("fake: clean.txt")));
    // JSON keeps the exact bytes of a name that is not UTF-8.
    let out = gezi()
        .args(["scan", "-q", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report = json_report(&out);
    let f = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path_hex"].is_string())
        .expect("the non-UTF-8 name has its bytes");
    assert!(f["path_hex"].as_str().unwrap().ends_with(
        &b"big5-\xb3\xf8\xaa\xed.txt"
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ));
    let bidi = file(&report, "txt.exe").expect("the bidi name is in the JSON as it is");
    assert!(bidi["path"].as_str().unwrap().contains('\u{202e}'));
}

#[test]
fn a_rescan_with_the_cache_reads_only_what_changed() {
    let dir = TempDir::new("cache");
    for i in 0..20 {
        dir.write(
            &format!("f{i}.txt"),
            format!("第{i}筆 手機 0912-345-{i:03}\n"),
        );
    }
    let cache = dir.path().join("scan-cache.db");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for i in 0..20 {
        std::fs::rename(
            dir.path().join(format!("f{i}.txt")),
            data.join(format!("f{i}.txt")),
        )
        .unwrap();
    }
    let scan = || {
        let out = gezi()
            .args(["scan", "-q", "--format", "json", "--cache"])
            .arg(&cache)
            .arg(&data)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        json_report(&out)
    };
    let first = scan();
    assert_eq!(first["summary"]["from_cache"], 0);
    assert_eq!(first["summary"]["findings"], 20);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the cache is readable by its owner only");
    let second = scan();
    assert_eq!(second["summary"]["from_cache"], 20);
    assert_eq!(second["summary"]["findings"], 20);
    assert_eq!(second["files"], first["files"]);
    // One file changes, one is only touched: the changed one is read again.
    std::fs::write(data.join("f3.txt"), "身分證字號 A123456789\n").unwrap();
    let f5 = std::fs::read(data.join("f5.txt")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(data.join("f5.txt"), f5).unwrap();
    let third = scan();
    assert_eq!(third["summary"]["from_cache"], 19);
    let f3 = file(&third, "f3.txt").unwrap();
    assert_eq!(f3["counts"]["TW_NATIONAL_ID"], 1);
    // The cache holds no raw value.
    let bytes = std::fs::read(&cache).unwrap();
    assert!(!bytes.windows(10).any(|w| w == b"A123456789"));
    // --show-values cannot be cached.
    let out = gezi()
        .args(["scan", "-q", "--show-values", "--cache"])
        .arg(&cache)
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
