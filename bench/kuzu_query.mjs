// Times the benchmark queries (bench/workload.json) in Kuzu, the same way
// dyad_bench times dyad: per start row a warm-up, then up to REPS timed runs
// (fewer when a query is slow); a run is execute + all rows in memory (wall
// clock, and the process CPU time of all Kuzu's threads), the statement
// prepared once per query. Prints the figures as one JSON object (the shape of dyad_bench's).
// Usage: node kuzu_query.mjs DB_DIR WORKLOAD DATASET STARTS [REPS] [BUDGET_S] [TIMEOUT_S] [Q1,Q2]
// (the last argument: only these queries; run.sh runs one per process when
// BENCH_KUZU_LIMIT caps each query's time, as Kuzu's own timeout may not stop it).
import kuzu from "kuzu";
import fs from "node:fs";

const [dbDir, workloadPath, dataset, startsPath, repsArg, budgetArg, timeoutArg, onlyArg] = process.argv.slice(2);
const reps = Number(repsArg || 5);
const budgetMs = Number(budgetArg || 20) * 1000;
const workload = JSON.parse(fs.readFileSync(workloadPath, "utf8")).datasets[dataset];
const starts = JSON.parse(fs.readFileSync(startsPath, "utf8"));

const t0 = process.hrtime.bigint();
const db = new kuzu.Database(dbDir, 0, true, true); // read-only
const conn = new kuzu.Connection(db);
conn.setQueryTimeout(Number(timeoutArg || 300) * 1000);
const setupS = Number(process.hrtime.bigint() - t0) / 1e9;

// One result cell as the checks spell it (see dyad_bench's Cell).
const cell = (v) => (v === null || v === undefined ? "none" : String(v));

// Reduces the rows to the check string workload.json names.
function check(kind, rows) {
  if (kind === "rows") return String(rows.length);
  const cols = rows.length ? Object.keys(rows[0]) : [];
  if (kind === "first") return rows.length ? cell(rows[0][cols[0]]) : "none";
  const parts = rows.map((r) => (kind === "groups" ? `${cell(r[cols[0]])}=${cell(r[cols[1]])}` : cell(r[cols[0]])));
  if (kind === "groups") parts.sort();
  return parts.join(kind === "groups" ? "," : "|");
}

// Prepared statements by query text: like dyad's plan cache, a query run
// again is not prepared again (the first run, a warm-up, prepares it).
const prepared = new Map();

// Runs query q for start row i; returns [ms, check].
function run(q, i) {
  const params = {};
  for (const p of q.params) params[p] = starts[i][p];
  const c0 = process.cpuUsage();
  const t = process.hrtime.bigint();
  let ps = prepared.get(q.kuzu);
  if (!ps) {
    ps = conn.prepareSync(q.kuzu);
    if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
    prepared.set(q.kuzu, ps);
  }
  let result;
  try {
    result = check(q.check, conn.executeSync(ps, params).getAllSync());
  } catch (e) {
    // Censored: the run counts as the timeout.
    if (!/timeout|interrupt/i.test(String(e.message || e))) throw e;
    result = "timeout";
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const c = process.cpuUsage(c0);
  return [ms, result, (c.user + c.system) / 1e3];
}

const median = (a) => percentile(a, 0.5);
function percentile(a, p) {
  if (!a.length) return 0;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1];
}

const queries = {};
const only = onlyArg ? onlyArg.split(",") : null;
for (const q of workload.queries) {
  if (only && !only.includes(q.id)) continue;
  const f = { median_ms: 0, p95_ms: 0, runs: 0, checks: [] };
  const ms = [];
  const cpuMs = [];
  try {
    const [first] = run(q, 0);
    let n = reps;
    let warm = true;
    if (first * (1 + reps) * starts.length > budgetMs) {
      n = Math.min(reps, Math.max(1, Math.floor(budgetMs / (Math.max(first, 1e-6) * starts.length)) - 1));
      warm = first * starts.length * (n + 1) <= budgetMs;
    }
    // Once the budget is spent, the remaining rows get one run, no warm-up.
    let spent = first;
    for (let i = 0; i < starts.length; i++) {
      const over = spent > budgetMs;
      if (warm && !over) spent += run(q, i)[0];  // row 0 too: the estimate run is not its warm-up
      let c = "";
      for (let r = 0; r < (over ? 1 : n); r++) {
        const [t, cc, cpu] = run(q, i);
        ms.push(t);
        cpuMs.push(cpu);
        spent += t;
        c = cc;
        if (cc === "timeout") break;
      }
      f.checks.push(c);
    }
  } catch (e) {
    f.error = String(e.message || e);
  }
  f.median_ms = median(ms);
  f.p95_ms = percentile(ms, 0.95);
  f.cpu_median_ms = median(cpuMs);
  f.runs = ms.length;
  queries[q.id] = f;
}
const peakRssKb = Math.round(process.resourceUsage().maxRSS);
console.log(JSON.stringify({ system: "kuzu", setup_s: setupS, peak_rss_kb: peakRssKb, queries }));
