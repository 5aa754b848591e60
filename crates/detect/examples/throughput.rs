//! Prints the engine's throughput in MB/s on one core, for `docs/performance.md`:
//!
//!     cargo run --release -p gezi-detect --example throughput [MEGABYTES]
//!
//! Two configurations are measured in the same run, so their ratio is meaningful:
//! only the identifier and contact kinds, and every kind.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::time::Instant;

use gezi_detect::{Config, Detector, KindSet, Pass};

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(64);
    let text = corpus::corpus(mb << 20);
    let non_ascii = text.bytes().filter(|b| !b.is_ascii()).count() as f64 / text.len() as f64;
    println!(
        "corpus: {:.1} MB, {:.0}% non-ASCII bytes",
        text.len() as f64 / 1e6,
        non_ascii * 100.0
    );
    // Documents of about 64 KB, cut at line ends, as files and records arrive.
    let mut pieces = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let cut = rest
            .get(64 << 10..)
            .and_then(|r| r.find('\n'))
            .map_or(rest.len(), |i| (64 << 10) + i + 1);
        let cut = (0..=cut.min(rest.len()))
            .rev()
            .find(|&i| rest.is_char_boundary(i))
            .unwrap();
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    let only = std::env::args().nth(2);
    let configs = [
        (
            "identifier and contact kinds",
            KindSet::of_pass(Pass::Identifier),
        ),
        ("every kind", KindSet::all()),
    ];
    for (name, kinds) in configs
        .into_iter()
        .filter(|(n, _)| only.as_deref().is_none_or(|o| n.starts_with(o)))
    {
        let detector = Detector::with_config(Config {
            kinds,
            ..Config::default()
        });
        // Warm up, then take the best of three passes (one core: this thread only).
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..3 {
            let t = Instant::now();
            found = pieces
                .iter()
                .map(|piece| detector.find(piece).len())
                .sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name:<30} {:>8.1} MB/s  ({found} findings)",
            text.len() as f64 / 1e6 / best
        );
    }
}
