#!/usr/bin/env bash
# Measures detection accuracy on the development set and writes docs/accuracy.md.
#   bash scripts/accuracy.sh            (expects ../shared/eval-dev beside the repo)
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL_DIR:-../shared/eval-dev}
OUT=${OUT_DIR:-target/accuracy}
mkdir -p "$OUT"
cargo build --release -q -p gezi
for set in docs names negatives; do
  ./target/release/gezi detect "$EVAL/$set.jsonl" -o "$OUT/$set.pred.jsonl"
  python3 "$EVAL/score.py" --gold "$EVAL/$set.jsonl" --pred "$OUT/$set.pred.jsonl" --json > "$OUT/$set.score.json"
done
# The news names by script: Simplified (names-s-*) and Traditional (names-t-*).
for script in s t; do
  grep "\"names-$script-" "$EVAL/names.jsonl" > "$OUT/names-$script.gold.jsonl"
  grep "\"names-$script-" "$OUT/names.pred.jsonl" > "$OUT/names-$script.pred.jsonl"
  python3 "$EVAL/score.py" --track names --gold "$OUT/names-$script.gold.jsonl" --pred "$OUT/names-$script.pred.jsonl" --json > "$OUT/names-$script.score.json"
done
python3 scripts/accuracy_report.py "$OUT" > docs/accuracy.md
cat docs/accuracy.md
