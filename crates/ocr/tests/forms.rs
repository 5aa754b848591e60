//! OCR on forms rendered by scripts/corpus/render_forms.py with the real models (no
//! mocks). Needs the models (bash scripts/setup_ocr.sh), python3 with Pillow and
//! fonts-noto-cjk; each test panics with instructions when one is missing.

mod common;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use common::{fold, Form};
use gezi_extract::{Ocr, OcrPage};

struct Read {
    forms: Vec<Form>,
    pages: HashMap<String, Vec<OcrPage>>,
    _dir: tempfile::TempDir,
}

fn engine() -> &'static gezi_ocr::OcrEngine {
    static E: OnceLock<gezi_ocr::OcrEngine> = OnceLock::new();
    E.get_or_init(common::engine)
}

impl Read {
    /// The rendered form of this file name.
    fn form(&self, file: &str) -> &Form {
        self.forms
            .iter()
            .find(|f| f.file == file)
            .unwrap_or_else(|| panic!("no rendered form {file}"))
    }
}

/// Every rendered form read once, on two threads, shared by the tests.
fn read() -> &'static Read {
    static R: OnceLock<Read> = OnceLock::new();
    R.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let forms = common::render_forms(dir.path());
        let engine = engine();
        let pages = Mutex::new(HashMap::new());
        let next = Mutex::new(0usize);
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(f) = forms.get(i) else { break };
                    let bytes = std::fs::read(&f.path).expect("rendered image");
                    let got = engine
                        .read_image(&bytes, Duration::from_secs(300))
                        .unwrap_or_else(|e| panic!("{}: {e}", f.file));
                    pages.lock().unwrap().insert(f.file.clone(), got);
                });
            }
        });
        Read {
            forms,
            pages: pages.into_inner().unwrap(),
            _dir: dir,
        }
    })
}

fn page_text(pages: &[OcrPage], frame: usize) -> String {
    pages
        .get(frame - 1)
        .map(|p| {
            p.lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// Planted values of these kinds that were not read, as "file: kind value".
fn missed(kinds: &[&str], qualities: &[&str]) -> (usize, Vec<String>) {
    let r = read();
    let (mut n, mut out) = (0, Vec::new());
    for f in r
        .forms
        .iter()
        .filter(|f| qualities.contains(&f.quality.as_str()))
    {
        let pages = &r.pages[&f.file];
        for (kind, value, frame, _) in &f.values {
            if !kinds.contains(&kind.as_str()) {
                continue;
            }
            n += 1;
            if !fold(&page_text(pages, *frame)).contains(&fold(value)) {
                out.push(format!(
                    "{}: {kind} {value} (frame {frame}) not in:\n{}",
                    f.file,
                    page_text(pages, *frame)
                ));
            }
        }
    }
    (n, out)
}

const ALL: &[&str] = &["clean", "degraded", "harsh"];
const IDS: &[&str] = &["TW_NATIONAL_ID", "HK_ID", "CN_RESIDENT_ID"];

#[test]
fn every_planted_id_is_read_exactly() {
    let (n, miss) = missed(IDS, ALL);
    assert!(n >= 12, "only {n} IDs planted");
    assert!(
        miss.is_empty(),
        "{} of {n} IDs not read:\n{}",
        miss.len(),
        miss.join("\n\n")
    );
}

#[test]
fn every_planted_name_is_read() {
    let (n, miss) = missed(&["PERSON_NAME"], ALL);
    assert!(n >= 15, "only {n} names planted");
    assert!(
        miss.is_empty(),
        "{} of {n} names not read:\n{}",
        miss.len(),
        miss.join("\n\n")
    );
}

#[test]
fn phones_and_emails_are_read() {
    let (n, miss) = missed(&["PHONE", "EMAIL"], ALL);
    assert!(
        miss.is_empty(),
        "{} of {n} phones and e-mails not read:\n{}",
        miss.len(),
        miss.join("\n\n")
    );
}

#[test]
fn addresses_are_read_on_clean_and_degraded_pages() {
    let (n, miss) = missed(&["ADDRESS", "DATE_OF_BIRTH"], &["clean", "degraded"]);
    assert!(
        miss.is_empty(),
        "{} of {n} addresses and dates not read:\n{}",
        miss.len(),
        miss.join("\n\n")
    );
}

/// The label is on the same line as its value and stands before it: `姓名： 陳美玲`,
/// also on the rotated degraded pages.
#[test]
fn labels_stand_before_their_values_on_one_line() {
    let r = read();
    let mut bad = Vec::new();
    for f in r.forms.iter().filter(|f| f.quality != "harsh") {
        let pages = &r.pages[&f.file];
        for (kind, value, frame, label) in &f.values {
            let Some(page) = pages.get(frame - 1) else {
                continue;
            };
            let Some(line) = page
                .lines
                .iter()
                .find(|l| fold(&l.text).contains(&fold(value)))
            else {
                continue; // Not read at all: the other tests say so.
            };
            let t = fold(&line.text);
            let ok = match (t.find(&fold(label)), t.find(&fold(value))) {
                (Some(l), Some(v)) => l < v,
                _ => false,
            };
            if !ok {
                bad.push(format!(
                    "{}: {kind} label {label:?} not before {value:?} in line {:?}",
                    f.file, line.text
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_form_comes_out_label_space_value() {
    let r = read();
    let f = r.form("tw_sans_clean.png");
    let name = &f
        .values
        .iter()
        .find(|v| v.0 == "PERSON_NAME")
        .expect("a name")
        .1;
    let lines: Vec<&str> = r.pages[&f.file][0]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    let want = format!("姓名： {name}");
    assert!(
        lines.iter().any(|l| l.starts_with(&want)),
        "no line starts with {want:?}: {lines:#?}"
    );
    // Lines come top to bottom.
    let boxes: Vec<[u32; 4]> = r.pages[&f.file][0].lines.iter().map(|l| l.bbox).collect();
    assert!(
        boxes.windows(2).all(|w| w[0][1] <= w[1][1] + 5),
        "{boxes:?}"
    );
}

#[test]
fn the_second_tiff_frame_is_read() {
    let r = read();
    let f = r
        .forms
        .iter()
        .find(|f| f.frames == 2)
        .expect("a two-frame TIFF");
    let pages = &r.pages[&f.file];
    assert_eq!(pages.len(), 2, "{}: {} pages", f.file, pages.len());
    let id = &f
        .values
        .iter()
        .find(|v| v.0 == "TW_NATIONAL_ID")
        .expect("an ID")
        .1;
    assert!(
        fold(&page_text(pages, 2)).contains(id.as_str()),
        "{}",
        page_text(pages, 2)
    );
    assert!(!fold(&page_text(pages, 1)).contains(id.as_str()));
    let cover_name = &f
        .values
        .iter()
        .find(|v| v.2 == 1 && v.0 == "PERSON_NAME")
        .expect("a name on frame 1")
        .1;
    assert!(
        fold(&page_text(pages, 1)).contains(&fold(cover_name)),
        "{}",
        page_text(pages, 1)
    );
}

#[test]
fn character_accuracy_of_clean_pages() {
    let r = read();
    for f in r.forms.iter().filter(|f| f.quality == "clean") {
        for frame in 1..=f.frames {
            let truth: String = f
                .lines
                .iter()
                .filter(|l| l.0 == frame)
                .map(|l| l.1.as_str())
                .collect();
            let acc = common::char_accuracy(&truth, &page_text(&r.pages[&f.file], frame));
            assert!(
                acc > 0.95,
                "{} frame {frame}: character accuracy {acc:.3}",
                f.file
            );
        }
    }
}

/// PNG chunk CRC (the decoder checks it before reading the size).
fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A PNG that claims `w × h` pixels and holds none.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    out.extend(13u32.to_be_bytes());
    out.extend(&ihdr);
    out.extend(crc32(&ihdr).to_be_bytes());
    out
}

/// A little-endian TIFF with one IFD claiming `w × h` 8-bit grey pixels.
fn tiff_header(w: u32, h: u32) -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let entries: [(u16, u16, u32); 7] = [
        (256, 4, w),   // ImageWidth
        (257, 4, h),   // ImageLength
        (258, 3, 8),   // BitsPerSample
        (259, 3, 1),   // Compression: none
        (262, 3, 1),   // BlackIsZero
        (273, 4, 200), // StripOffsets
        (279, 4, 100), // StripByteCounts
    ];
    t.extend((entries.len() as u16).to_le_bytes());
    for (tag, ty, v) in entries {
        t.extend(tag.to_le_bytes());
        t.extend(ty.to_le_bytes());
        t.extend(1u32.to_le_bytes());
        if ty == 3 {
            t.extend((v as u16).to_le_bytes());
            t.extend([0, 0]);
        } else {
            t.extend(v.to_le_bytes());
        }
    }
    t.extend(0u32.to_le_bytes());
    t.resize(300, 0);
    t
}

#[test]
fn oversized_images_are_refused_before_decoding() {
    let e = engine();
    for (what, bytes) in [
        ("png 30000×20", png_header(30_000, 20)),
        ("png 19000×19000", png_header(19_000, 19_000)),
        ("png 4294967295²", png_header(u32::MAX, u32::MAX)),
        ("tiff 50000×50000", tiff_header(50_000, 50_000)),
    ] {
        let err = e.read(&bytes, Duration::from_secs(10)).expect_err(what);
        assert!(err.contains("larger than the OCR limit"), "{what}: {err}");
    }
}

#[test]
fn corrupt_images_are_errors_not_panics() {
    let e = engine();
    let r = read();
    let png = std::fs::read(
        &r.forms
            .iter()
            .find(|f| f.file.ends_with(".png"))
            .unwrap()
            .path,
    )
    .unwrap();
    let tif = std::fs::read(
        &r.forms
            .iter()
            .find(|f| f.file.ends_with(".tif"))
            .unwrap()
            .path,
    )
    .unwrap();
    let mut flipped = png.clone();
    for b in flipped[100..].iter_mut().step_by(7) {
        *b ^= 0x5A;
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("text", b"not an image at all".to_vec()),
        ("truncated png", png[..png.len() / 3].to_vec()),
        ("png with flipped bytes", flipped),
        ("png header only", png_header(100, 100)),
        ("truncated tiff", tif[..tif.len() / 2].to_vec()),
        (
            "tiff header without strips",
            tiff_header(100, 100)[..150].to_vec(),
        ),
        ("gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()),
    ];
    for (what, bytes) in cases {
        match std::panic::catch_unwind(|| e.read(&bytes, Duration::from_secs(30))) {
            Ok(Err(msg)) => assert!(!msg.is_empty(), "{what}"),
            Ok(Ok(pages)) => panic!("{what}: read as {} page(s)", pages.len()),
            Err(_) => panic!("{what}: panicked"),
        }
    }
}

#[test]
fn the_time_limit_stops_reading() {
    let e = engine();
    let r = read();
    let png = std::fs::read(&r.forms[0].path).unwrap();
    let err = e.read(&png, Duration::ZERO).expect_err("no time");
    assert!(err.contains("time limit"), "{err}");
}

#[test]
fn rgb_pixels_are_read_too() {
    // A blank page: no lines, no error.
    let e = engine();
    let page = e
        .read_rgb(
            200,
            100,
            &vec![255u8; 200 * 100 * 3],
            Duration::from_secs(30),
        )
        .expect("blank page");
    assert!(page.lines.is_empty(), "{:?}", page.lines);
    assert!(e
        .read_rgb(200, 100, &[0u8; 10], Duration::from_secs(30))
        .is_err());
}

/// A page scanned upside down is read turned round: the ID is read, the title comes
/// first, and boxes are in the pixels of the file as it is.
#[test]
fn an_upside_down_page_is_read_turned_round() {
    let r = read();
    let f = r.form("tw_serif_table_clean.png");
    let img = image::open(&f.path).expect("png").rotate180();
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encode");
    let pages = engine().read(&png, Duration::from_secs(300)).expect("read");
    let text = page_text(&pages, 1);
    let id = &f
        .values
        .iter()
        .find(|v| v.0 == "TW_NATIONAL_ID")
        .expect("an ID")
        .1;
    assert!(fold(&text).contains(id.as_str()), "{text}");
    let title = &f.lines[0].1;
    assert_eq!(fold(&pages[0].lines[0].text), fold(title), "{text}");
    // The title is at the top of the page as read, at the bottom of the file.
    let upright = &r.pages[&f.file][0].lines[0].bbox;
    let turned = &pages[0].lines[0].bbox;
    let h = img.height();
    assert!(turned[1] > h / 2, "{turned:?}");
    assert!(
        (turned[3] as i64 - (h - upright[1]) as i64).abs() < 10,
        "{turned:?} vs {upright:?}"
    );
}

/// Vertical text: each column is a line, columns right to left, as the page is read.
#[test]
fn vertical_columns_come_right_to_left() {
    let r = read();
    let f = r.form("tw_vertical_clean.png");
    let got: Vec<String> = r.pages[&f.file][0]
        .lines
        .iter()
        .map(|l| fold(&l.text))
        .collect();
    let want: Vec<String> = f.lines.iter().map(|l| fold(&l.1)).collect();
    assert_eq!(got, want);
}
