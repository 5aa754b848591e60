//! A 1 GB file that is one single line, scanned in bounded memory, with values placed
//! on and around the borders of the 8 MB chunks so none is lost or counted twice.

mod common;
use common::*;
use std::io::Write;

#[test]
fn one_gigabyte_single_line_in_bounded_memory() {
    let dir = TempDir::new("large");
    let path = dir.path().join("huge.log");
    let chunk = 8usize << 20; // gezi-extract's default chunk size
    let total = 1usize << 30;
    let value = " A123456789 ";
    // The reader owns text up to 16 KiB before each multiple of 8 MB (the rest is look-ahead
    // for the chunk and is owned by the next one). Plant values before, across and after
    // those cuts, and across the raw 8 MB reads too.
    let mut positions: Vec<usize> = vec![0, 1000, total / 2, total - 20];
    for border in [chunk, 2 * chunk, 64 * chunk] {
        for cut in [border - (16 << 10), border] {
            for delta in [-60isize, -40, -20, -9, 3, 30] {
                positions.push((cut as isize + delta) as usize);
            }
        }
    }
    positions.sort_unstable();
    positions.dedup_by(|a, b| *a < *b + value.len());
    {
        let mut w =
            std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).unwrap());
        let filler = "Lorem ipsum 個資保護 dolor sit amet 資料 ".repeat(4096);
        let filler = filler.as_bytes();
        let mut written = 0;
        for &p in &positions {
            while written < p {
                let n = (p - written).min(filler.len());
                w.write_all(&filler[..n]).unwrap();
                written += n;
            }
            w.write_all(value.as_bytes()).unwrap();
            written += value.len();
        }
        while written < total {
            let n = (total - written).min(filler.len());
            w.write_all(&filler[..n]).unwrap();
            written += n;
        }
    }
    common::set_mode(&path, 0o644);
    let mut cmd = gezi();
    cmd.args([
        "scan",
        "--kinds",
        "ids",
        "--format",
        "json",
        "-q",
        "--max-findings-per-file",
        "100000",
    ])
    .arg(&path);
    let (out, max_rss_kib) = run_measured(cmd);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let f = &report["files"][0];
    let offsets: Vec<u64> = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["kind"] == "TW_NATIONAL_ID")
        .map(|x| x["offset"].as_u64().unwrap())
        .collect();
    // Filler bytes cut mid-character become U+FFFD (3 bytes), so offsets may drift a little:
    // compare counts, and that every finding is on line 1.
    assert_eq!(
        offsets.len(),
        positions.len(),
        "every planted value found exactly once"
    );
    assert!(f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["line"] == 1));
    assert!(
        max_rss_kib < 300 * 1024,
        "peak memory {max_rss_kib} KiB for a 1 GB line"
    );
}
