#!/usr/bin/env bash
# Load benchmark of the register on SQLite: pages and API reads under wrk.
# Usage: bash scripts/bench_server.sh [seconds] [connections]
# Needs: a release build (cargo build --release -p gezi), wrk and curl (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
conns=${2:-32}
gezi=target/release/gezi
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
port=18580
base=http://127.0.0.1:$port

# A register with 200 proposed data files, from a synthetic scan report.
python3 - "$work/report.json" <<'PY'
import json, sys
files = [{"path": f"share/dept{i:03d}/records.csv", "counts": {"PERSON_NAME": 50 + i, "TW_NATIONAL_ID": 40 + i, "PHONE": 30}}
         for i in range(200)]
json.dump({"format": "gezi-scan", "version": 1, "scanned_at": "2026-11-22T00:00:00Z", "roots": ["share"],
           "summary": {"files_scanned": 200, "findings": 30000}, "files": files}, open(sys.argv[1], "w"))
PY
"$gezi" register import "$work/report.json" --database "sqlite://$work/gezi.db" >/dev/null
"$gezi" serve --database "sqlite://$work/gezi.db" --listen 127.0.0.1:$port 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -fs $base/healthz >/dev/null && break; sleep 0.1; done
password=$(grep -E '^    [A-Za-z0-9]{16}$' "$work/serve.log" | tr -d ' ')

# Log in, choose a password, make an API token.
jar=$work/cookies
curl -fs -c $jar -o /dev/null --data-urlencode username=admin --data-urlencode "password=$password" $base/login
csrf=$(curl -fs -b $jar $base/account | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | grep -o '[0-9a-f]\{64\}')
curl -fs -b $jar -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "current=$password" \
  --data-urlencode "new_password=benchmark-password-123" $base/account/password
token=$(curl -fs -b $jar --data-urlencode "csrf=$csrf" --data-urlencode name=bench $base/account/tokens |
  grep -o 'id="api-token">[0-9a-f]*' | grep -o '[0-9a-f]\{64\}')
session=$(awk '$6 == "gezi_session" {print $7}' $jar)

# The clocks: 300 requests (a third of them late) and 30 incidents, through the API.
for i in $(seq 300); do
  received=$( [ $((i % 3)) -eq 0 ] && echo 2026-11-02 || date -u +%F )
  curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"kind\":\"access\",\"channel\":\"paper\",\"requester_name\":\"R$i\",\"requester_contact\":\"r$i@example.com\",\"details\":\"x\",\"received_on\":\"$received\"}" \
    $base/api/v1/requests
done
for i in $(seq 30); do
  curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"incident $i\",\"known_at\":\"$(date -u +%FT%TZ)\"}" $base/api/v1/incidents
done

echo "gezi $(git rev-parse --short HEAD), $(nproc) cores, wrk -t2 -c$conns -d${secs}s, 200 data files, 300 requests, 30 incidents"
for target in "/public/data-files" "/api/v1/data-files" "/api/v1/data-files/1" "/files" "/" "/api/v1/due" "/requests" "/public/requests/new"; do
  case $target in
    /api/*) auth=(-H "Authorization: Bearer $token") ;;
    /public/*) auth=() ;;
    *) auth=(-H "Cookie: gezi_session=$session") ;;
  esac
  line=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "${auth[@]}" "$base$target" |
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
         END {printf "%8s req/s  p50 %7s  p99 %7s  non-2xx %s", rps, p50, p99, (bad == "" ? 0 : bad)}')
  printf '%-24s %s\n' "$target" "$line"
done
