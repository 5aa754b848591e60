//! Trains the running-text name tagger and writes `data/name_tagger.bin`:
//!
//!     cargo run --release -p gezi-detect --example train_names -- TRAIN.jsonl OUT.bin [--dev GOLD.jsonl] [--bits N] [--epochs N]
//!
//! TRAIN.jsonl holds `{"text", "spans": [[start, end], ...]}` per line (character offsets of
//! the person names), as `scripts/names_corpus.py` writes it. With `--dev`, the model is
//! scored on a gold file in the eval-dev format (`{"text", "spans": [{"start","end","kind"}]}`)
//! with the overlap matching of its scorer.

use std::io::{BufRead, BufReader};

use gezi_detect::name_training::{train, Example, Options, Trained};

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

pub fn read_examples(path: &str) -> Vec<Example> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    BufReader::new(file)
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            let text = row["text"].as_str().unwrap().to_string();
            let at = byte_offsets(&text);
            let names = row["spans"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|s| {
                    let (a, b) = if let Some(pair) = s.as_array() {
                        (pair[0].as_u64()?, pair[1].as_u64()?)
                    } else {
                        if s["kind"].as_str()? != "PERSON_NAME" {
                            return None;
                        }
                        (s["start"].as_u64()?, s["end"].as_u64()?)
                    };
                    Some(at[a as usize]..at[b as usize])
                })
                .collect();
            Example { text, names }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .rposition(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let lines_of = |path: String| -> Vec<String> {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        text.lines().map(str::to_string).collect()
    };
    let train_path = &args[0];
    let out_path = &args[1];
    let options = Options {
        bits: flag("--bits").map_or(18, |v| v.parse().unwrap()),
        epochs: flag("--epochs").map_or(20, |v| v.parse().unwrap()),
        gate_recall: flag("--gate-recall").map_or(0.99, |v| v.parse().unwrap()),
        seed: flag("--seed").map_or(0, |v| v.parse().unwrap()),

        english: flag("--english").map_or(Vec::new(), lines_of),
        words: flag("--words").map_or(Vec::new(), lines_of),
    };
    // `--evaluate`: OUT.bin is read, not trained.
    let bytes = if args.iter().any(|a| a == "--evaluate") {
        std::fs::read(out_path).unwrap()
    } else {
        let examples = read_examples(train_path);
        eprintln!("{} training sentences", examples.len());
        let bytes = train(&examples, &options, |epoch, wrong| {
            eprintln!("epoch {epoch}: {:.1}% of sentences wrong", wrong * 100.0)
        });
        std::fs::write(out_path, &bytes).unwrap();
        eprintln!("wrote {out_path} ({} bytes)", bytes.len());
        bytes
    };
    if let Some(dev) = flag("--dev") {
        let model = Trained::from_bytes(&bytes).unwrap();
        let (mut gold, mut pred, mut tp) = (0usize, 0usize, 0usize);
        let mut dump = flag("--pred").map(|p| std::fs::File::create(p).unwrap());
        let ids: Vec<String> = std::fs::read_to_string(&dev)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        let min: f32 = flag("--margin").map_or(0.0, |v| v.parse().unwrap());
        let gated = !args.iter().any(|a| a == "--ungated");
        for (n, ex) in read_examples(&dev).into_iter().enumerate() {
            let found: Vec<std::ops::Range<usize>> = model
                .names(&ex.text, gated)
                .into_iter()
                .filter(|n| n.1 >= min)
                .map(|n| n.0)
                .collect();
            if let Some(f) = dump.as_mut() {
                use std::io::Write;
                let ch = |b: usize| ex.text[..b].chars().count();
                let spans: Vec<serde_json::Value> = found
                    .iter()
                    .map(|r| serde_json::json!({"start": ch(r.start), "end": ch(r.end), "kind": "PERSON_NAME"}))
                    .collect();
                writeln!(f, "{}", serde_json::json!({"id": ids[n], "spans": spans})).unwrap();
            }
            gold += ex.names.len();
            pred += found.len();
            let mut used = vec![false; found.len()];
            for g in &ex.names {
                if let Some(j) = (0..found.len())
                    .find(|&j| !used[j] && found[j].start < g.end && g.start < found[j].end)
                {
                    used[j] = true;
                    tp += 1;
                }
            }
        }
        let p = tp as f64 / pred.max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        println!(
            "dev: gold {gold} pred {pred} tp {tp}  P {p:.3} R {r:.3} F1 {:.3}",
            2.0 * p * r / (p + r).max(1e-9)
        );
    }
}
