#!/usr/bin/env python3
"""Writes one "Queries (...)" section of bench/RESULTS.md from the JSON the
systems printed (dyad_bench, kuzu_query.mjs, cli_query.py) and the load
figures, after checking that every system gave the same answers.

  report.py RESULTS_MD TITLE WORKLOAD DATASET LOAD_JSON SYSTEM_JSON...

LOAD_JSON: {"dyad": {"s":..,"rss_kb":..}, "kuzu": {...}, ...} or "-".
Exit 1 (after writing the section) when a system failed a query or the
answers differ; the differences go to stderr.
"""
import json
import os
import platform
import re
import sys

NAMES = {"dyad": "dyad (in-process)", "dyad-cli": "dyad CLI", "kuzu": "Kuzu 0.11.3 (npm)", "csr": "CSR (Boost.Graph, in memory)"}


def machine():
    cpu = "unknown CPU"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
    except Exception:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s*(\d+)", open("/proc/meminfo").read()).group(1))
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except Exception:
        pass
    load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}; 1-minute load average at the end: {load}"


def fmt(ms):
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 1:
        return f"{ms:.2f}"
    if ms >= 0.01:
        return f"{ms:.3f}"
    return f"{ms:.4f}"


def ratio(a, b):
    if not b or a is None:
        return "—"
    r = a / b
    return f"{r:.2f}" if r < 100 else f"{r:,.0f}"


def main():
    path, title, workload_path, dataset, load_path = sys.argv[1:6]
    systems = [json.load(open(p)) for p in sys.argv[6:]]
    by = {s["system"]: s for s in systems}
    queries = json.load(open(workload_path))["datasets"][dataset]["queries"]
    load = json.load(open(load_path)) if load_path != "-" else {}
    problems = []
    timeouts = set()
    # Every system's answers must equal the others' (the CLI may cover fewer rows).
    for q in queries:
        ref = None
        for s in systems:
            f = s["queries"].get(q["id"])
            if f is None or "stopped_s" in f:
                continue
            if f.get("error"):
                problems.append(f"{q['id']} {s['system']}: error: {f['error']}")
                continue
            if ref is None:
                ref = (s["system"], f["checks"])
                continue
            n = min(len(ref[1]), len(f["checks"]))
            for i in range(n):
                if "timeout" in (ref[1][i], f["checks"][i]):
                    timeouts.add(q["id"])
                elif ref[1][i] != f["checks"][i]:
                    problems.append(f"{q['id']} start row {i}: {ref[0]} says {ref[1][i][:200]!r}, "
                                    f"{s['system']} says {f['checks'][i][:200]!r}")
                    break
    d, k, c, cli = by.get("dyad"), by.get("kuzu"), by.get("csr"), by.get("dyad-cli")
    out = [f"## {title}", "", f"Machine: {machine()}.", ""]
    if load:
        out += ["| load | seconds | peak RSS MB | note |", "|---|---:|---:|---|"]
        for name, l in load.items():
            out.append(f"| {name} | {l['s']:.2f} | {l['rss_kb'] / 1024:.0f} | {l.get('note', '')} |")
        if "dyad load" in load and "Kuzu COPY FROM" in load:
            out.append("")
            out.append(f"dyad / Kuzu load time: **{load['dyad load']['s'] / load['Kuzu COPY FROM']['s']:.2f}**.")
        if os.environ.get("BENCH_LOAD_REUSED") == "1":
            out.append("")
            out.append("(Load figures of the earlier run that built these databases: this run reused them, "
                       "`BENCH_SKIP_LOAD=1`.)")
        out.append("")
    runs = {s["system"]: max((f.get("runs", 0) for f in s["queries"].values()), default=0) for s in systems}
    rounds = max((s.get("rounds", 1) for s in systems), default=1)
    best_of = (f"dyad in-process and the CSR reference ran in {rounds} alternating rounds and each shows its "
               "best round per query (the lowest median); ") if rounds > 1 else ""
    out += ["Median and p95 in milliseconds over the 20 start rows × the timed runs per row "
            f"(runs per query at most: {', '.join(f'{n} {runs[n]}' for n in runs)}); " + best_of +
            "ratios are medians, below 1 means dyad is faster. The CPU columns are the median process CPU time "
            "of a run (all of Kuzu's threads; dyad runs a query on one): on a loaded machine they show the work "
            "done where the wall clock also shows waiting for a core.", ""]
    # The p95 ratio to the CSR reference shows the heavy start rows, where the
    # traversal itself dominates; at the median of the small queries the CSR
    # takes well under a microsecond and dyad's fixed per-query cost decides.
    cols = ["query", "what", "dyad median", "dyad p95", "Kuzu median", "Kuzu p95", "CSR median", "CSR p95",
            "dyad/Kuzu", "dyad/CSR", "dyad/CSR p95", "dyad CPU", "Kuzu CPU", "dyad/Kuzu CPU"]
    if cli:
        cols += ["CLI wall median", "CLI engine median"]
    out += ["| " + " | ".join(cols) + " |", "|---|---|" + "---:|" * (len(cols) - 2)]
    for q in queries:
        qid = q["id"]
        # A query stopped by its time limit has no figures: a dash.
        fd, fk, fc = ({} if not s or "stopped_s" in s["queries"].get(qid, {}) else s["queries"].get(qid, {})
                      for s in (d, k, c))
        dm, km, cm = fd.get("median_ms"), fk.get("median_ms"), fc.get("median_ms")
        row = (f"| {qid} | {q['what']} | {fmt(dm) if fd else '—'} | {fmt(fd['p95_ms']) if fd else '—'} | "
               f"{fmt(km) if fk else '—'} | {fmt(fk['p95_ms']) if fk else '—'} | {fmt(cm) if fc else '—'} | "
               f"{fmt(fc['p95_ms']) if fc else '—'} | {ratio(dm, km)} | {ratio(dm, cm)} | "
               f"{ratio(fd.get('p95_ms'), fc.get('p95_ms'))} | ")
        dc, kc = fd.get("cpu_median_ms"), fk.get("cpu_median_ms")
        row += f"{fmt(dc) if dc is not None else '—'} | {fmt(kc) if kc is not None else '—'} | {ratio(dc, kc)} |"
        if cli:
            fl = cli["queries"].get(qid, {})
            row += f" {fmt(fl.get('median_ms', 0))} | {fmt(fl.get('engine_median_ms', 0))} |"
        out.append(row)
    out.append("")
    rss = ", ".join(f"{NAMES.get(s['system'], s['system'])} {s['peak_rss_kb'] / 1024:.0f} MB" for s in systems)
    out.append(f"Peak RSS while querying: {rss}.")
    if d and d.get("preload"):
        out.append(f"dyad in-process opens its store and preloads it (adjacency, node records, keys; "
                   f"`dyad serve --preload`) before the first query: {d['setup_s']:.2f} s.")
    elif d:
        out.append(f"dyad in-process runs without a preload: its in-memory view fills as queries read.")
    if c:
        out.append(f"CSR build from the CSVs: {c['setup_s']:.2f} s.")
    out.append("")
    for s in systems:
        for qid, f in s["queries"].items():
            if "stopped_s" in f:
                out.append(f"{NAMES.get(s['system'], s['system'])}: {qid} was stopped after its limit of "
                           f"{f['stopped_s']} s (BENCH_KUZU_LIMIT) before finishing its start rows: no figures.")
            if "timeout" in f.get("checks", []):
                out.append(f"{NAMES.get(s['system'], s['system'])}: {qid} ran out of time on "
                           f"{f['checks'].count('timeout')} start row(s); those runs count as the timeout.")
    out.append("Answers: " + ("every system returned the same result for every query and start row."
                              if not problems else "**DIFFERENCES** — " + "; ".join(problems)))
    section = "\n".join(out) + "\n"
    text = open(path).read() if os.path.exists(path) else (
        "# dyad benchmark results\n\nEach section is rewritten by the script that produces it.\n")
    parts = re.split(r"(?m)^(?=## )", text)
    parts = [p for p in parts if not p.startswith(f"## {title}")]
    text = "".join(parts).rstrip("\n") + "\n\n" + section
    open(path, "w").write(text)
    print(section)
    if problems:
        for p in problems:
            print("bench: " + p, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
