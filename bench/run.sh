#!/usr/bin/env bash
# The query benchmark in one command: generates the graph (cached), loads it
# into dyad and Kuzu (L), runs Q1-Q8 on dyad in-process (dyad_bench), the
# dyad CLI, Kuzu (npm kuzu) and the in-memory Boost.Graph CSR reference, then
# the same questions on the embedded US–China graph, checks that every system
# gave the same answers, and writes the "Queries (<scale>)" and
# "Queries (default graph)" sections of bench/RESULTS.md.
#
# Usage: bench/run.sh [XXS|XS|S|M|default]   (default S; see bench/README.md;
#        "default": only the embedded US–China graph)
# Environment:
#   BENCH_RESULTS   the results file (default bench/RESULTS.md)
#   BENCH_DIR       where data and databases go (default /tmp/dyad-bench)
#   DYAD_BIN, DYAD_BENCH_BIN   the dyad and dyad_bench executables
#                   (default build/dyad, build/bench/dyad_bench)
#   BENCH_REPS      timed runs per start row (default 5)
#   BENCH_BUDGET    seconds per query and system, roughly (default 20)
#   BENCH_TIMEOUT   seconds after which one run is stopped and counted as
#                   that long (default 60)
#   BENCH_CLI_ROWS  start rows the CLI runs (default 10)
#   BENCH_ROUNDS    alternating rounds of dyad in-process and the CSR
#                   reference; each keeps its best round per query (default 3)
#   BENCH_KUZU_LIMIT  seconds after which Kuzu is stopped on one query (all
#                   its start rows; each query then runs in its own process);
#                   a stopped query has no Kuzu figures (default: no limit)
#   BENCH_SKIP_LOAD=1  reuse the databases of the previous run (no L figures)
#   BENCH_PRELOAD   1 (default): dyad in-process keeps its store preloaded
#                   (as `dyad serve --preload`), 0: the lazily filled view
#   BENCH_CACHE_ENTRIES  the bound of dyad's in-memory view, in 20-byte
#                   entries (default 67108864: an M graph preloaded fits)
# Exit status: 0; 1 when a system fails or the answers differ; 77 when node
# or the kuzu package is unavailable (the ctest smoke run skips then).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scale="${1:-S}"
case "$scale" in
  XXS) nodes=2000; edges=10000 ;;
  XS) nodes=10000; edges=100000 ;;
  S) nodes=100000; edges=1000000 ;;
  M) nodes=1000000; edges=10000000 ;;
  default) nodes=0; edges=0 ;;
  *) echo "usage: $0 [XXS|XS|S|M|default]" >&2; exit 2 ;;
esac
results="${BENCH_RESULTS:-$root/bench/RESULTS.md}"
dyad="${DYAD_BIN:-$root/build/dyad}"
bench_bin="${DYAD_BENCH_BIN:-$root/build/bench/dyad_bench}"
reps="${BENCH_REPS:-5}"
budget="${BENCH_BUDGET:-20}"
timeout="${BENCH_TIMEOUT:-60}"
cli_rows="${BENCH_CLI_ROWS:-10}"
rounds="${BENCH_ROUNDS:-3}"
for b in "$dyad" "$bench_bin"; do
  [ -x "$b" ] || { echo "bench: no $b (build dyad and dyad_bench first)" >&2; exit 2; }
done
command -v node >/dev/null || { echo "bench: node is not installed" >&2; exit 77; }
if [ ! -f bench/node_modules/kuzu/kuzujs.node ]; then
  (cd bench && npm install --no-audit --no-fund >/dev/null 2>&1) || true
  [ -f bench/node_modules/kuzu/kuzujs.node ] || (cd bench/node_modules/kuzu && node install.js >/dev/null 2>&1) || true
  [ -f bench/node_modules/kuzu/kuzujs.node ] || { echo "bench: npm kuzu is not available" >&2; exit 77; }
fi

work="${BENCH_DIR:-/tmp/dyad-bench}/$scale"
mkdir -p "$work"
if [ "$scale" != default ]; then
  [ -f "$work/edges.csv" ] || python3 bench/gen_graph.py "$work" "$nodes" "$edges"
  [ -f "$work/starts.json" ] || python3 bench/starts.py "$work"
fi

# timed NAME CMD... : runs CMD, keeping its stdout in $work/NAME.out and
# "seconds peak_rss_kb" in $work/NAME.time.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.out"
}
field() { cut -d' ' -f"$2" "$work/$1.time"; }

load_json="$work/load.json"
# (Kuzu 0.11 keeps its database in one file, dyad in a directory.)
if [ "$scale" != default ] && { [ "${BENCH_SKIP_LOAD:-0}" != 1 ] || [ ! -d "$work/dyad.db" ] || [ ! -e "$work/kuzu.db" ]; }; then
  echo "bench: loading $scale ($nodes nodes, $edges relationships)" >&2
  rm -rf "$work/dyad.db"
  timed load_dyad "$dyad" --db "$work/dyad.db" load "$work/nodes.csv" "$work/edges.csv"
  # Q8 filters :Person by v; dyad answers it from a per-label index.
  timed index_dyad "$dyad" --db "$work/dyad.db" query "CREATE INDEX FOR (n:Person) ON (n.v)"
  timed load_kuzu node bench/kuzu_load.mjs "$work" "$work/kuzu.db"
  cat > "$load_json" <<EOF
{"dyad load": {"s": $(field load_dyad 1), "rss_kb": $(field load_dyad 2), "note": "\`dyad load nodes.csv edges.csv\`, whole process"},
 "dyad CREATE INDEX :Person(v)": {"s": $(field index_dyad 1), "rss_kb": $(field index_dyad 2), "note": "for Q8 (Kuzu has no secondary index)"},
 "Kuzu COPY FROM": {"s": $(field load_kuzu 1), "rss_kb": $(field load_kuzu 2), "note": "\`node kuzu_load.mjs\`: schema + COPY, whole process"}}
EOF
elif [ "$scale" != default ]; then
  # A reused database may have been loaded by other means: make sure Q8's
  # index is there (creating an existing index changes nothing).
  "$dyad" --db "$work/dyad.db" query "CREATE INDEX FOR (n:Person) ON (n.v)" > /dev/null
  export BENCH_LOAD_REUSED=1  # the report says its load figures are older
fi

run_systems() {  # run_systems TAG DATASET DYAD_DB(or -) DATA_DIR KUZU_DB STARTS
  local tag=$1 dataset=$2 db=$3 data=$4 kdb=$5 starts=$6
  local dbarg=$db
  if [ "$db" = - ]; then dbarg="$XDG_DATA_HOME/dyad/default"; fi
  # dyad and the CSR reference alternate for $rounds rounds; each keeps its
  # best round per query (best_round.py), so that a slow spell of this shared
  # machine does not land on one system only.
  local r dyad_rounds=() csr_rounds=()
  for r in $(seq "$rounds"); do
    echo "bench: $tag: dyad in-process (round $r of $rounds)" >&2
    "$bench_bin" --system dyad --db "$dbarg" --workload bench/workload.json --dataset "$dataset" \
      --starts "$starts" --reps "$reps" --budget "$budget" --timeout "$timeout" \
      --preload "${BENCH_PRELOAD:-1}" --adj-cache-entries "${BENCH_CACHE_ENTRIES:-67108864}" > "$work/$tag.dyad.$r.json"
    echo "bench: $tag: CSR reference (round $r of $rounds)" >&2
    "$bench_bin" --system csr --data "$data" --workload bench/workload.json --dataset "$dataset" \
      --starts "$starts" --reps "$reps" --budget "$budget" > "$work/$tag.csr.$r.json"
    dyad_rounds+=("$work/$tag.dyad.$r.json"); csr_rounds+=("$work/$tag.csr.$r.json")
  done
  python3 bench/best_round.py "$work/$tag.dyad.json" "${dyad_rounds[@]}"
  python3 bench/best_round.py "$work/$tag.csr.json" "${csr_rounds[@]}"
  echo "bench: $tag: Kuzu" >&2
  if [ -z "${BENCH_KUZU_LIMIT:-}" ]; then
    (cd bench && node kuzu_query.mjs "$kdb" workload.json "$dataset" "$starts" "$reps" "$budget" "$timeout") > "$work/$tag.kuzu.json"
  else
    # One process per query, killed after BENCH_KUZU_LIMIT seconds.
    local ids parts=()
    ids=$(python3 -c 'import json,sys; print(" ".join(q["id"] for q in json.load(open(sys.argv[1]))["datasets"][sys.argv[2]]["queries"]))' \
      bench/workload.json "$dataset")
    for q in $ids; do
      if (cd bench && timeout "$BENCH_KUZU_LIMIT" node kuzu_query.mjs "$kdb" workload.json "$dataset" "$starts" "$reps" \
          "$budget" "$timeout" "$q") > "$work/$tag.kuzu.$q.json"; then
        parts+=("$work/$tag.kuzu.$q.json")
      else
        echo "{\"system\": \"kuzu\", \"setup_s\": 0, \"peak_rss_kb\": 0, \"queries\": {\"$q\": {\"stopped_s\": $BENCH_KUZU_LIMIT}}}" \
          > "$work/$tag.kuzu.$q.json"
        parts+=("$work/$tag.kuzu.$q.json")
      fi
    done
    python3 -c 'import json,sys
out = {"system": "kuzu", "setup_s": 0, "peak_rss_kb": 0, "queries": {}}
for p in sys.argv[1:]:
    d = json.load(open(p))
    out["setup_s"] = max(out["setup_s"], d["setup_s"])
    out["peak_rss_kb"] = max(out["peak_rss_kb"], d["peak_rss_kb"])
    out["queries"].update(d["queries"])
print(json.dumps(out))' "${parts[@]}" > "$work/$tag.kuzu.json"
  fi
  echo "bench: $tag: dyad CLI" >&2
  python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))[:int(sys.argv[2])], open(sys.argv[3], "w"))' \
    "$starts" "$cli_rows" "$work/$tag.cli_starts.json"
  python3 bench/cli_query.py "$dyad" "$db" bench/workload.json "$dataset" "$work/$tag.cli_starts.json" \
    1 "$timeout" > "$work/$tag.cli.json"
}

status=0
if [ "$scale" != default ]; then
run_systems synthetic synthetic "$work/dyad.db" "$work" "$work/kuzu.db" "$work/starts.json"
# Thousands separators without relying on the locale (printf's %'d prints
# none in the C locale, and the heading must match the section to replace).
grouped() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }
python3 bench/report.py "$results" "Queries ($scale: $(grouped "$nodes") nodes, $(grouped "$edges") relationships)" \
  bench/workload.json synthetic "$load_json" \
  "$work/synthetic.dyad.json" "$work/synthetic.kuzu.json" "$work/synthetic.csr.json" "$work/synthetic.cli.json" || status=1
fi

# The default graph: dyad's embedded US–China graph; Kuzu and the CSR read
# its `dyad export --format csv`, reduced to the bench schema.
def="$work/default"
export XDG_DATA_HOME="$def/xdg"
mkdir -p "$def"
"$dyad" stats > /dev/null
rm -rf "$def/export"
"$dyad" export --format csv -o "$def/export" > /dev/null 2>&1
python3 bench/starts.py "$def" --kind default --convert "$def/export"
node bench/kuzu_load.mjs "$def" "$def/kuzu.db" > /dev/null
run_systems default default - "$def" "$def/kuzu.db" "$def/starts.json"
python3 bench/report.py "$results" "Queries (default graph)" bench/workload.json default - \
  "$work/default.dyad.json" "$work/default.kuzu.json" "$work/default.csr.json" "$work/default.cli.json" || status=1
exit $status
