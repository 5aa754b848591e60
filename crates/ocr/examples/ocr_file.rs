//! Prints the lines OCR reads from image files: `cargo run -p gezi-ocr --example ocr_file -- FILE…`.
use std::time::{Duration, Instant};

fn main() {
    let engine =
        gezi_ocr::OcrEngine::from_dir(&gezi_ocr::OcrEngine::default_dir()).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let t = Instant::now();
        match engine.read_image(&bytes, Duration::from_secs(600)) {
            Ok(pages) => {
                for (i, p) in pages.iter().enumerate() {
                    println!(
                        "== {path} page {} ({:.2} s)",
                        i + 1,
                        t.elapsed().as_secs_f64()
                    );
                    for l in &p.lines {
                        println!("{:?} {:.3} {}", l.bbox, l.confidence, l.text);
                    }
                }
            }
            Err(e) => println!("== {path}: error: {e}"),
        }
    }
}
