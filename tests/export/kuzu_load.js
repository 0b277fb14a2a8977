// Loads a `dyad export --format csv` directory (neo4j-admin headers) into an
// in-memory Kuzu database (npm kuzu) and prints, as one JSON line, the counts
// Kuzu sees: nodes, relationships, per label, per type, and per typed column
// the values present, numeric sums and array parts.
//   node kuzu_load.js DIR DELIMITER
// Exit 77 when the kuzu package is not installed.
'use strict';
const fs = require('fs');
const path = require('path');

let kuzu;
try {
  kuzu = require('kuzu');
} catch (e) {
  console.log('the npm package kuzu is not installed (npm ci at the repository root): ' + e.message);
  process.exit(77);
}

const KUZU_TYPES = { long: 'INT64', int: 'INT64', double: 'DOUBLE', float: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE' };

// The columns of a neo4j-admin header line (names never hold commas here).
function columns(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const header = buf.toString('utf8', 0, n).split('\n')[0].replace(/\r$/, '');
  return header.split(',').map((h) => {
    const colon = h.lastIndexOf(':');
    const name = h.slice(0, colon);
    let type = h.slice(colon + 1);
    const array = type.endsWith('[]');
    if (array) type = type.slice(0, -2);
    return { name, type, array, kuzu: array ? 'STRING' : KUZU_TYPES[type] || 'STRING' };
  });
}

const quote = (s) => '`' + s.replace(/`/g, '``') + '`';

async function all(conn, q) {
  const r = await conn.query(q);
  return r.getAll();
}

async function main() {
  const dir = path.resolve(process.argv[2]);
  const delim = process.argv[3];
  const nodesCsv = path.join(dir, 'nodes.csv');
  const relsCsv = path.join(dir, 'relationships.csv');
  const nodeCols = columns(nodesCsv).slice(2); // key:ID, :LABEL
  const relCols = columns(relsCsv).slice(3); // :START_ID, :END_ID, :TYPE
  const db = new kuzu.Database(':memory:');
  const conn = new kuzu.Connection(db);
  const decl = (cols) => cols.map((c) => `, ${quote('p_' + c.name)} ${c.kuzu}`).join('');
  await conn.query(`CREATE NODE TABLE N(id STRING, labels STRING${decl(nodeCols)}, PRIMARY KEY(id))`);
  await conn.query(`CREATE REL TABLE R(FROM N TO N, type STRING${decl(relCols)})`);
  const opts = `(header=true, escape='"', parallel=false)`;
  await conn.query(`COPY N FROM '${nodesCsv.replace(/'/g, "\\'")}' ${opts}`);
  await conn.query(`COPY R FROM '${relsCsv.replace(/'/g, "\\'")}' ${opts}`);
  const out = { delimiter: delim, labels: {}, types: {}, columns: { node: {}, rel: {} } };
  out.nodes = Number((await all(conn, 'MATCH (n:N) RETURN count(*) AS c'))[0].c);
  out.relationships = Number((await all(conn, 'MATCH ()-[r:R]->() RETURN count(*) AS c'))[0].c);
  for (const row of await all(conn, 'MATCH (n:N) RETURN n.labels AS l'))
    for (const l of row.l.split(delim)) out.labels[l] = (out.labels[l] || 0) + 1;
  for (const row of await all(conn, 'MATCH ()-[r:R]->() RETURN r.type AS t, count(*) AS c'))
    out.types[row.t] = Number(row.c);
  for (const [kind, cols, pattern, v] of [
    ['node', nodeCols, '(x:N)', 'x'],
    ['rel', relCols, '()-[x:R]->()', 'x'],
  ]) {
    for (const c of cols) {
      const p = `${v}.${quote('p_' + c.name)}`;
      const stat = { type: c.kuzu, array: c.array };
      stat.count = Number((await all(conn, `MATCH ${pattern} WHERE ${p} IS NOT NULL RETURN count(*) AS c`))[0].c);
      if (c.kuzu === 'INT64' || c.kuzu === 'DOUBLE') {
        const rows = await all(conn, `MATCH ${pattern} WHERE ${p} IS NOT NULL RETURN ${p} AS s`);
        stat.sum = rows.reduce((a, r) => a + Number(r.s), 0);
      }
      if (c.array) {
        const rows = await all(conn, `MATCH ${pattern} WHERE ${p} IS NOT NULL RETURN ${p} AS s`);
        stat.parts = rows.reduce((a, r) => a + r.s.split(delim).length, 0);
      }
      out.columns[kind][c.name] = stat;
    }
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
