#!/usr/bin/env bash
# HTTP benchmark: wrk against `dyad serve` on loopback (the embedded
# US–China graph): requests/s and p50/p99 latency of POST /query with a
# 2-hop query and of GET /api/nodes/{key}, at 1, 16 and 64 connections.
# Every run is bounded in time; any socket error or non-2xx answer fails it.
# Prints the "HTTP" section of bench/RESULTS.md.
# Usage: bench/http_bench.sh [SECONDS per run, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-5}"
bin="${DYAD_BIN:-build/dyad}"
[ -x "$bin" ] || { echo "no $bin: build first (bash scripts/build.sh)" >&2; exit 2; }
if ! command -v wrk >/dev/null 2>&1; then
  echo "http_bench: installing wrk (Debian)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null
fi

work=$(mktemp -d /tmp/dyad-http-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
XDG_DATA_HOME="$work/data" "$bin" serve --port "$port" --threads 64 > "$work/serve.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/serve.log" >&2; exit 1; }

query='MATCH (a {key: $key})--(b)--(c) RETURN count(DISTINCT c) AS reach'
cat > "$work/query.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query": "$query", "params": {"key": "mmca"}}'
LUA
# The answer, once, so that a broken query cannot pass as fast.
curl -sf -H 'Content-Type: application/json' -d "{\"query\": \"$query\", \"params\": {\"key\": \"mmca\"}}" \
  "http://127.0.0.1:$port/query" | grep -q '"rows":\[\[' || { echo "the 2-hop query fails" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/api/nodes/mmca" | grep -q '"key":"mmca"' || { echo "/api/nodes/mmca fails" >&2; exit 1; }

# run NAME CONNECTIONS ARGS... -> a table row; exits on any error.
run() {
  local name=$1 conns=$2; shift 2
  local threads=$(( conns < 2 ? 1 : 2 ))
  local out="$work/wrk.out"
  wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s --latency "$@" > "$out"
  local rps p50 p99 errors non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out")
  errors=$(( ${errors:-0} + ${non2xx:-0} ))
  printf '| %s | %d | %.0f | %s | %s | %d |\n' "$name" "$conns" "$rps" "$p50" "$p99" "$errors"
  if [ "$errors" -ne 0 ]; then cat "$out" >&2; exit 1; fi
}

echo "## HTTP"
echo
echo "\`bench/http_bench.sh\` — wrk on loopback against \`dyad serve --threads 64\` (embedded US–China graph), ${secs} s per run,"
echo "$(nproc) cores shared by wrk and the server (1-minute load average before the runs: $(cut -d" " -f1 /proc/loadavg)); $(date -u +%Y-%m-%d), dyad $("$bin" --version | awk '{print $2}')."
echo
echo "| request | connections | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---:|"
for c in 1 16 64; do
  run "POST /query (2-hop)" "$c" -s "$work/query.lua" "http://127.0.0.1:$port/query"
done
for c in 1 16 64; do
  run "GET /api/nodes/mmca" "$c" "http://127.0.0.1:$port/api/nodes/mmca"
done
echo
echo "2-hop query: \`$query\` with \`key = 'mmca'\`."
