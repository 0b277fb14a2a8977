#!/usr/bin/env bash
# Load benchmark: dyad's `load` against Kuzu's COPY FROM on the same
# generated CSVs, in one run. Writes the "Load" section of bench/RESULTS.md.
# Usage: bench/load_bench.sh [S|M]   (S: 100k nodes / 1M edges, M: 1M / 10M)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-S}"
case "$scale" in
  S) nodes=100000; edges=1000000 ;;
  M) nodes=1000000; edges=10000000 ;;
  XS) nodes=10000; edges=100000 ;;
  *) echo "usage: $0 [XS|S|M]" >&2; exit 2 ;;
esac
work="${BENCH_DIR:-/tmp/dyad-bench}/$scale"
mkdir -p "$work"
[ -f "$work/edges.csv" ] || python3 bench/gen_graph.py "$work" "$nodes" "$edges"
[ -d bench/node_modules/kuzu ] || (cd bench && npm install --no-audit --no-fund >/dev/null)
[ -f bench/node_modules/kuzu/kuzujs.node ] || (cd bench/node_modules/kuzu && node install.js >/dev/null)

measure() {  # measure NAME CMD... -> "seconds rss_kb"
  local out="$work/$1.time"
  /usr/bin/time -f "%e %M" -o "$out" "${@:2}" > "$work/$1.out"
  cat "$out"
}

runs="${RUNS:-3}"
dyad="${DYAD_BIN:-build/dyad}"
loadavg=$(cut -d' ' -f1 /proc/loadavg)
dyad_s=(); kuzu_s=(); dyad_rss=0; kuzu_rss=0
for i in $(seq "$runs"); do
  rm -rf "$work/dyad.db"
  read -r s rss < <(measure dyad "$dyad" --db "$work/dyad.db" load "$work/nodes.csv" "$work/edges.csv")
  dyad_s+=("$s"); (( rss > dyad_rss )) && dyad_rss=$rss
  read -r s rss < <(measure kuzu node bench/kuzu_load.mjs "$work" "$work/kuzu.db")
  kuzu_s+=("$s"); (( rss > kuzu_rss )) && kuzu_rss=$rss
done
"$dyad" --db "$work/dyad.db" check > /dev/null
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
dm=$(median "${dyad_s[@]}"); km=$(median "${kuzu_s[@]}")
python3 - "$scale" "$nodes" "$edges" "$dm" "$km" "$dyad_rss" "$kuzu_rss" "${dyad_s[*]}" "${kuzu_s[*]}" "$loadavg" "$runs" <<'PY'
import sys, platform, os, re
scale, nodes, edges, dm, km, drss, krss, dall, kall, loadavg, runs = sys.argv[1:]
nodes, edges, dm, km = int(nodes), int(edges), float(dm), float(km)
cpu = "unknown"
try:
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
except Exception:
    pass
section = f"""## Load ({scale}: {nodes:,} nodes, {edges:,} relationships)

Machine: {cpu}, {os.cpu_count()} cores (1-minute load average before the
runs: {loadavg}; the systems alternate, so both see the same machine).
Whole-process wall time (parse CSV, write, make durable), median of {runs}
runs; peak RSS of the process.

| system | median s | runs (s) | nodes/s | relationships/s | peak RSS MB |
|---|---:|---|---:|---:|---:|
| dyad `load` | {dm:.2f} | {dall} | {nodes/dm:,.0f} | {edges/dm:,.0f} | {int(drss)/1024:.0f} |
| Kuzu `COPY FROM` (npm kuzu 0.11.3) | {km:.2f} | {kall} | {nodes/km:,.0f} | {edges/km:,.0f} | {int(krss)/1024:.0f} |

dyad / Kuzu time ratio: **{dm/km:.2f}** (below 1 means dyad is faster).
"""
path = "bench/RESULTS.md"
text = open(path).read() if os.path.exists(path) else "# dyad benchmark results\n\nEach section is rewritten by the script that produces it.\n"
marker = f"## Load ({scale}:"
parts = re.split(r"(?m)^(?=## )", text)
parts = [p for p in parts if not p.startswith(marker)]
text = "".join(parts).rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
print(section)
PY
