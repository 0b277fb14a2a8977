// Renders a `dyad export --format cytoscape` file with Cytoscape.js in
// headless Chromium (Debian's, driven by playwright-core), saves a
// screenshot, and prints as one JSON line the elements Cytoscape.js holds and
// the fraction of the canvas it painted.
//   node cytoscape_render.js ELEMENTS.cyjs SCREENSHOT.png
// Exit 77 when playwright-core, cytoscape or chromium is missing.
'use strict';
const fs = require('fs');
const path = require('path');

function skip(why) {
  console.log(why);
  process.exit(77);
}

let chromium, cytoscapeJs;
try {
  ({ chromium } = require('playwright-core'));
  cytoscapeJs = require.resolve('cytoscape/dist/cytoscape.min.js');
} catch (e) {
  skip('npm packages playwright-core and cytoscape are not installed (npm ci): ' + e.message);
}
const browserPath = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && fs.existsSync(p));
if (!browserPath) skip('chromium is not installed (apt-get install chromium)');

async function main() {
  const [file, shot] = process.argv.slice(2);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.setContent('<html><body style="margin:0;background:#fff">' +
                          '<div id="cy" style="width:1200px;height:800px"></div></body></html>');
    await page.addScriptTag({ path: cytoscapeJs });
    const res = await page.evaluate((d) => new Promise((resolve) => {
      const cy = cytoscape({
        container: document.getElementById('cy'),
        elements: d.elements,
        style: [
          { selector: 'node', style: { 'background-color': '#80b1d3', label: 'data(label)', 'font-size': 8 } },
          { selector: 'edge', style: { width: 1, 'line-color': '#888', 'target-arrow-shape': 'triangle',
                                       'target-arrow-color': '#888', 'curve-style': 'bezier',
                                       label: 'data(type)', 'font-size': 6 } },
        ],
        layout: { name: 'cose', animate: false, randomize: false },
      });
      setTimeout(() => {
        let painted = 0, total = 0;
        for (const c of document.querySelectorAll('#cy canvas')) {
          const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          total = Math.max(total, c.width * c.height);
          for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ++painted;
        }
        resolve({ nodes: cy.nodes().length, edges: cy.edges().length, drawn: total ? painted / total : 0 });
      }, 300);
    }), doc);
    fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
    await page.screenshot({ path: shot });
    console.log(JSON.stringify(res));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
