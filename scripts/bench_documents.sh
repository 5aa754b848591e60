#!/usr/bin/env bash
# Documents throughput: files/s and MB/s per format with one and two workers, the re-scan
# with --cache against a bare directory walk, and (with --big) peak memory on the 2 GB
# spreadsheet and CSV. Figures go to docs/performance.md by hand, with this command.
#
#   bash scripts/bench_documents.sh [--big]
#
# Needs the corpus (scripts/make_corpus.py; .ci/run makes target/corpus) and a release
# build. Each format's files are copied COPIES times so that start-up does not dominate.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-40}
CORPUS=${GEZI_CORPUS:-target/corpus}
PY=${GEZI_CORPUS_PYTHON:-target/corpus-venv/bin/python}
[ -f "$CORPUS/manifest.json" ] || { echo "no corpus at $CORPUS: run scripts/make_corpus.py" >&2; exit 2; }
cargo build --release -q -p gezi
GEZI=target/release/gezi
BENCH=target/bench-docs
rm -rf "$BENCH" && mkdir -p "$BENCH"

# One folder per format, the corpus's planted and clean files of that extension, copied.
for ext in docx xlsx xls pptx odt ods odp rtf pdf eml mbox msg html xml csv json jsonl zip tar.gz 7z; do
  mapfile -t found < <(find "$CORPUS" -path "$CORPUS/hostile" -prune -o -path "$CORPUS/big" -prune \
    -o -type f -name "*.$ext" -print | grep -v '掃描' || true)
  [ ${#found[@]} -gt 0 ] || continue
  dir="$BENCH/$ext"
  mkdir -p "$dir"
  for i in $(seq 1 "$COPIES"); do
    for f in "${found[@]}"; do cp "$f" "$dir/$i-$(basename "$f")"; done
  done
done

measure() { # label args...: prints seconds and peak RSS (KB) of one gezi scan
  /usr/bin/time -f "%e %M" -o /tmp/gezi-bench-time "$GEZI" scan -q --format json -o /dev/null "$@" 2>/dev/null || true
  tail -1 /tmp/gezi-bench-time # time says "Command exited with non-zero status 1" first
}

printf '%-8s %6s %9s | %9s %8s %8s | %9s %8s %8s\n' format files MB "1w s" "files/s" "MB/s" "2w s" "files/s" "MB/s"
for dir in "$BENCH"/*/; do
  ext=$(basename "$dir")
  files=$(find "$dir" -type f | wc -l)
  bytes=$(du -sb "$dir" | cut -f1)
  read -r s1 _ < <(measure -j 1 "$dir")
  read -r s2 _ < <(measure -j 2 "$dir")
  awk -v e="$ext" -v f="$files" -v b="$bytes" -v s1="$s1" -v s2="$s2" 'BEGIN {
    mb = b / 1e6; if (s1 < 0.01) s1 = 0.01; if (s2 < 0.01) s2 = 0.01;
    printf "%-8s %6d %9.1f | %9.2f %8.1f %8.2f | %9.2f %8.1f %8.2f\n", e, f, mb, s1, f/s1, mb/s1, s2, f/s2, mb/s2 }'
done

echo
echo "re-scan of everything with --cache, against a walk that reads nothing (2 workers):"
rm -f /tmp/gezi-bench-cache.db
read -r first _ < <(measure --cache /tmp/gezi-bench-cache.db "$BENCH")
read -r again _ < <(measure --cache /tmp/gezi-bench-cache.db "$BENCH")
read -r walk _ < <(measure --include '*.no-such-extension' "$BENCH")
echo "first scan ${first} s, re-scan ${again} s, walk only ${walk} s"

if [ "${1:-}" = "--big" ]; then
  [ -f "$CORPUS/big/big.xlsx" ] || "$PY" scripts/make_corpus.py "$CORPUS" --big >/dev/null
  for f in "$CORPUS"/big/big.xlsx "$CORPUS"/big/big.csv; do
    size=$(stat -c %s "$f")
    read -r s kb < <(measure -j 1 --time-per-file 3600 "$f")
    echo "$(basename "$f"): $((size / 1000000)) MB on disk, ${s} s, peak RSS $((kb / 1024)) MB"
  done
fi
