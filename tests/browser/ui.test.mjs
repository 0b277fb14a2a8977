// Browser end-to-end tests of the dyad explorer: headless Debian Chromium,
// driven by playwright-core, against `dyad serve` on the embedded US–China
// graph. Each step checks what is on the page and saves a screenshot to
// $DYAD_SCREENSHOTS (default build/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DYAD = process.env.DYAD_BIN || path.join(ROOT, 'build/dyad');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.DYAD_SCREENSHOTS || path.join(ROOT, 'build/screenshots');

let server, base, browser, page, tmp;
const problems = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `dyad serve` and resolves once it listens.
function startServer(port) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, XDG_DATA_HOME: path.join(tmp, 'data') };
    delete env.DYAD_DB;
    const child = spawn(DYAD, ['serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('dyad serve did not start: ' + out)), 120000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('listening on')) { clearTimeout(timer); resolve(child); }
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`dyad serve exited with ${code}: ${out}`)); });
  });
}

// Saves the whole page (from the top: the header is sticky), or only the
// viewport as it is when full is false.
async function shot(name, full = true) {
  if (full) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: full });
}

before(async () => {
  assert.ok(existsSync(DYAD), `no dyad binary at ${DYAD} (build first, or set DYAD_BIN)`);
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run scripts/install-deps.sh (Debian package chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dyad-ui-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(port);
  // A fresh profile (--user-data-dir) for every run.
  browser = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  page = browser.pages()[0] || (await browser.newPage());
  page.setDefaultTimeout(20000);
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  // (The console test's syntax error is a deliberate 400.)
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push('console error: ' + m.text());
  });
  // Everything the page loads comes from the dyad binary: no CDN, no network.
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push('outside request: ' + r.url()); });
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.on('exit', r); setTimeout(r, 5000); });
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('search for MMCA suggests it and opens its node page', async () => {
  await page.goto(base + '/#/');
  await page.waitForSelector('.hero h1');
  assert.match(await page.textContent('.stats'), /nodes/);
  await page.click('#search-input');
  await page.keyboard.type('MMCA', { delay: 40 });
  const suggestion = page.locator('#search-suggestions li[data-key="mmca"]');
  await suggestion.waitFor();
  assert.match(await suggestion.textContent(), /Military Maritime Consultative Agreement/);
  assert.equal(await page.locator('#search-suggestions li').first().getAttribute('data-key'), 'mmca');
  await shot('01-search-suggestions.png');

  await suggestion.click();
  await page.waitForSelector('#node-name');
  assert.equal(await page.textContent('#node-name'), 'Military Maritime Consultative Agreement');
  assert.match(page.url(), /#\/node\/mmca$/);
  assert.match(await page.textContent('#aliases'), /MMCA/);
  assert.match(await page.textContent('.node-title'), /Mechanism/);
  // Each citation: a verbatim quote and its document, a link.
  const citations = page.locator('#citations .citation');
  assert.ok((await citations.count()) >= 1);
  assert.match(await citations.first().locator('blockquote').textContent(), /Military Maritime Consultative Agreement/);
  assert.match(await citations.first().locator('.source a').first().getAttribute('href'), /^#\/node\//);
  // Neighbours grouped by relationship type, every one a link.
  const established = page.locator('#neighbours .group[data-type="ESTABLISHED"]');
  assert.match(await established.textContent(), /Clinton administration/);
  assert.equal(await established.locator('a[href="#/node/clinton_administration"]').count(), 1);
  assert.ok((await page.locator('#neighbours .group').count()) >= 5);
  await shot('02-node-page.png');
});

test('graph view expands a node’s neighbours on click', async () => {
  await page.click('#open-graph');
  await page.waitForFunction(() => window.dyad.graph && window.dyad.graph.cy.nodes().length > 5);
  const before = await page.evaluate(() => window.dyad.graph.cy.nodes().length);
  const labels = await page.evaluate(() => [...new Set(window.dyad.graph.cy.nodes().map((n) => n.data('main')))]);
  assert.ok(labels.includes('Mechanism') && labels.includes('Administration'), labels.join(','));
  // Nodes are styled by label.
  const colors = await page.evaluate(() => {
    const cy = window.dyad.graph.cy;
    return [cy.$('node[key="mmca"]').style('background-color'), cy.$('node[key="clinton_administration"]').style('background-color')];
  });
  assert.notEqual(colors[0], colors[1]);
  await shot('03-graph-view.png');

  // Click the Clinton administration on the canvas: its neighbours appear.
  const box = await page.locator('#cy').boundingBox();
  const pos = await page.evaluate(() => window.dyad.graph.cy.$('node[key="clinton_administration"]').renderedPosition());
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await page.waitForFunction((n) => window.dyad.graph.cy.nodes().length > n, before);
  const after = await page.evaluate(() => window.dyad.graph.cy.nodes().length);
  assert.ok(after > before, `${after} > ${before}`);
  assert.ok(await page.evaluate(() => window.dyad.graph.state.expanded.has('clinton_administration')));
  await page.waitForSelector('#graph-side h2');
  assert.equal(await page.textContent('#graph-side h2'), 'Clinton administration');
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.waitForTimeout(400);
  await shot('04-graph-expanded.png');
});

test('query console shows a table, a graph, and errors at their position', async () => {
  await page.goto(base + '/#/query');
  await page.waitForSelector('#editor');
  await page.fill('#editor', "MATCH (a:Administration)-[r:SUSPENDED]->(m:Mechanism)\nRETURN a.name AS administration, m.name AS mechanism\nORDER BY mechanism");
  await page.click('#run');
  // The page ran its example query on opening: wait for this query's table.
  await page.waitForFunction(() => [...document.querySelectorAll('#result-table th')]
    .map((th) => th.textContent).join(',') === 'administration,mechanism', null, { timeout: 30000 });
  await page.waitForSelector('#result-table tbody tr');
  const headers = await page.locator('#result-table th').allTextContents();
  assert.deepEqual(headers, ['administration', 'mechanism']);
  const table = await page.textContent('#result-table');
  assert.match(table, /Trump administration/);
  assert.match(table, /Green Climate Fund/);
  assert.match(await page.textContent('#result-summary'), /rows? ·/);
  await shot('05-query-table.png');

  await page.fill('#editor', "MATCH (m:Mechanism {key: 'mmca'})-[r]-(x)\nWHERE type(r) <> 'MENTIONS'\nRETURN m, r, x");
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#result-table tbody tr');
  await page.click('#view-graph');
  await page.waitForFunction(() => window.dyad.queryGraph && window.dyad.queryGraph.nodes().length > 3);
  const edges = await page.evaluate(() => window.dyad.queryGraph.edges().length);
  assert.ok(edges > 3);
  await shot('06-query-graph.png');

  await page.click('#view-table');
  await page.fill('#editor', 'MATCH (n:Mechanism)\nRETRN n.name');
  await page.click('#run');
  await page.waitForSelector('#query-error');
  assert.match(await page.textContent('#query-error'), /SyntaxError at line 2, column 1/);
  assert.equal(await page.textContent('#error-mark'), 'RETRN');
  assert.equal(await page.textContent('#gutter .err'), '2');
  assert.match(await page.textContent('#query-error pre'), /\^/);
  await shot('07-query-error.png');
});

test('timeline shows which mechanisms were suspended under which administration', async () => {
  await page.goto(base + '/#/timeline');
  await page.waitForSelector('#admin-cards');
  const trump = page.locator('#admin-cards [data-admin="trump_administration"]');
  const text = await trump.textContent();
  assert.match(text, /Suspended/);
  assert.match(text, /Green Climate Fund/);
  assert.match(text, /Canceled/);
  const biden = await page.locator('#admin-cards [data-admin="biden_administration"]').textContent();
  assert.match(biden, /Rejoined/);
  assert.match(biden, /Paris Agreement/);
  const markers = await page.locator('#timeline-chart circle.marker').count();
  assert.ok(markers > 10, `${markers} markers`);
  assert.ok((await page.locator('#timeline-chart circle.marker[data-type="SUSPENDED"]').count()) >= 5);
  assert.ok((await page.locator('#timeline-chart circle.marker[data-type="ESTABLISHED"]').count()) >= 1);
  // Hover: the tooltip tells what happened and under whom.
  await page.locator('#timeline-chart circle.marker[data-type="SUSPENDED"]').first().hover();
  await page.waitForSelector('.tooltip');
  assert.match(await page.textContent('.tooltip'), /Suspended/);
  assert.match(await page.textContent('.tooltip'), /administration/);
  await shot('08-timeline-tooltip.png', false);
  await page.mouse.move(0, 0);
  await shot('08-timeline.png');
  // All mechanisms, established ones included.
  await page.click('#scope-all');
  assert.ok((await page.locator('#timeline-chart circle.marker').count()) > markers);
  await page.locator('#timeline-chart circle.marker[data-type="SUSPENDED"]').first().click();
  await page.waitForSelector('#event-detail blockquote');
  await page.mouse.move(0, 0);
  await shot('09-timeline-all.png');
});

test('the pages made no errors and no request left the server', () => {
  assert.deepEqual(problems, []);
});
