// Loads bench CSVs (bench/gen_graph.py) into a fresh Kuzu database with
// COPY FROM and prints {"nodes": N, "edges": N, "seconds": S} as JSON.
// Usage: node kuzu_load.mjs DATA_DIR DB_DIR
import kuzu from "kuzu";
import fs from "node:fs";
import path from "node:path";

const [dataDir, dbDir] = process.argv.slice(2);
fs.rmSync(dbDir, { recursive: true, force: true });
const db = new kuzu.Database(dbDir);
const conn = new kuzu.Connection(db);
const run = async (q) => (await conn.query(q)).getAll();

const t0 = process.hrtime.bigint();
await run("CREATE NODE TABLE N(id STRING, name STRING, v INT64, label STRING, PRIMARY KEY (id))");
await run("CREATE REL TABLE E(FROM N TO N, type STRING, w INT64)");
await run(`COPY N FROM '${path.join(dataDir, "nodes.csv")}' (HEADER=true)`);
await run(`COPY E FROM '${path.join(dataDir, "edges.csv")}' (HEADER=true)`);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const [n] = await run("MATCH (n:N) RETURN count(*) AS c");
const [e] = await run("MATCH ()-[e:E]->() RETURN count(*) AS c");
console.log(JSON.stringify({ nodes: Number(n.c), edges: Number(e.c), seconds }));
