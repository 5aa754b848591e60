//! `cargo bench -p gezi-detect`: throughput of the engine on the mixed corpus, one core.
//! For a single MB/s line per configuration, use the `throughput` example
//! (see docs/performance.md).

mod corpus;

use divan::counter::BytesCount;
use divan::Bencher;
use gezi_detect::{Config, Detector, KindSet, Pass};

fn main() {
    divan::main();
}

fn bench(bencher: Bencher, kinds: KindSet) {
    let text = corpus::corpus(4 << 20);
    let detector = Detector::with_config(Config {
        kinds,
        ..Config::default()
    });
    let pieces: Vec<&str> = text.split_inclusive('\n').collect();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        pieces
            .iter()
            .map(|p| detector.find(divan::black_box(p)).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn identifier_and_contact_kinds(bencher: Bencher) {
    bench(bencher, KindSet::of_pass(Pass::Identifier));
}

#[divan::bench(sample_count = 10)]
fn every_kind(bencher: Bencher) {
    bench(bencher, KindSet::all());
}

#[divan::bench(sample_count = 10)]
fn build_detector() -> Detector {
    Detector::new()
}
