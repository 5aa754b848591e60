//! Speed and accuracy of gezi-ocr on the forms of scripts/corpus/render_forms.py, per
//! quality: seconds per page, character accuracy, planted values read exactly.
//!
//! ```text
//! cargo run --release -p gezi-ocr --example ocr_eval [-- --tesseract] [-- --keep DIR]
//! ```
//! `--tesseract` also runs the `tesseract` command (Debian tesseract-ocr, -chi-tra,
//! -chi-sim; `--psm 3`) on the same images for comparison. Pages are read one at a time
//! on one thread.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{char_accuracy, fold, Form};

/// CPU seconds from `/proc`: this thread's (`thread`), or the waited-for children's.
fn cpu_secs(thread: bool) -> f64 {
    let path = if thread {
        "/proc/thread-self/stat"
    } else {
        "/proc/self/stat"
    };
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the command name in parentheses: utime is the 14th field of the
    // line, stime 15th, cutime 16th, cstime 17th (clock ticks of 1/100 s).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    let (a, b) = if thread { (11, 12) } else { (13, 14) };
    (f.get(a).unwrap_or(&0.0) + f.get(b).unwrap_or(&0.0)) / 100.0
}

#[derive(Default)]
struct Tally {
    pages: usize,
    secs: f64,
    cpu: f64,
    acc_sum: f64,
    planted: usize,
    read: usize,
}

impl Tally {
    fn add(&mut self, f: &Form, secs: f64, cpu: f64, pages: &[String]) {
        self.secs += secs;
        self.cpu += cpu;
        for frame in 1..=f.frames {
            let truth: String = f
                .lines
                .iter()
                .filter(|l| l.0 == frame)
                .map(|l| l.1.as_str())
                .collect();
            let got = pages.get(frame - 1).map(String::as_str).unwrap_or("");
            self.acc_sum += char_accuracy(&truth, got);
            self.pages += 1;
        }
        for (_, value, frame, _) in &f.values {
            self.planted += 1;
            let got = pages.get(frame - 1).map(String::as_str).unwrap_or("");
            if fold(got).contains(&fold(value)) {
                self.read += 1;
            }
        }
    }

    fn row(&self, engine: &str, quality: &str) -> String {
        format!(
            "| {engine} | {quality} | {} | {:.2} | {:.2} | {:.3} | {}/{} |",
            self.pages,
            self.secs / self.pages.max(1) as f64,
            self.cpu / self.pages.max(1) as f64,
            self.acc_sum / self.pages.max(1) as f64,
            self.read,
            self.planted
        )
    }
}

fn tesseract(f: &Form) -> Vec<String> {
    let lang = if f.script.contains("simplified") {
        "chi_sim+eng"
    } else {
        "chi_tra+eng"
    };
    let out = Command::new("tesseract")
        .arg(&f.path)
        .arg("stdout")
        .args(["-l", lang, "--psm", "3"])
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .expect("tesseract runs (apt-get install tesseract-ocr tesseract-ocr-chi-tra tesseract-ocr-chi-sim)");
    // Pages of a multi-page TIFF are separated by form feeds.
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_tesseract = args.iter().any(|a| a == "--tesseract");
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1));
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = keep.map_or(tmp.path().to_path_buf(), std::path::PathBuf::from);
    let forms = common::render_forms(&dir);
    let t = Instant::now();
    let engine = common::engine();
    eprintln!("models loaded in {:.2} s", t.elapsed().as_secs_f64());

    let mut ours: BTreeMap<String, Tally> = BTreeMap::new();
    let mut theirs: BTreeMap<String, Tally> = BTreeMap::new();
    for f in &forms {
        let bytes = std::fs::read(&f.path).expect("rendered image");
        let t = Instant::now();
        let c = cpu_secs(true);
        let pages = engine
            .read_image(&bytes, Duration::from_secs(600))
            .unwrap_or_else(|e| panic!("{}: {e}", f.file));
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_secs(true) - c;
        let texts: Vec<String> = pages
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        eprintln!("{:32} {:.2} s, {:.2} CPU s", f.file, secs, cpu);
        for key in [f.quality.clone(), "all".into()] {
            ours.entry(key).or_default().add(f, secs, cpu, &texts);
        }
        if with_tesseract {
            let t = Instant::now();
            let c = cpu_secs(false);
            let texts = tesseract(f);
            let secs = t.elapsed().as_secs_f64();
            let cpu = cpu_secs(false) - c;
            for key in [f.quality.clone(), "all".into()] {
                theirs.entry(key).or_default().add(f, secs, cpu, &texts);
            }
        }
    }
    println!("| engine | quality | pages | wall s/page | CPU s/page | char accuracy | planted values read exactly |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for (q, t) in &ours {
        println!("{}", t.row("gezi-ocr (PP-OCRv6 small)", q));
    }
    for (q, t) in &theirs {
        println!("{}", t.row("Tesseract 5.3 --psm 3", q));
    }
}
