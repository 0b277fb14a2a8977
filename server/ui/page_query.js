// The query console (#/query): Cypher in; a table or a graph out; errors
// marked at their line and column in the editor.
'use strict';
(function () {
  const dyad = window.dyad;
  const { h, api } = dyad;

  const EXAMPLES = [
    ['Mechanisms suspended, canceled or frozen, by administration',
      "MATCH (a:Administration)-[r:SUSPENDED|CANCELED|FROZE|WITHDREW_FROM]->(m:Mechanism)\nRETURN a.name AS administration, type(r) AS action, m.name AS mechanism\nORDER BY administration, action, mechanism"],
    ['The MMCA and its neighbours',
      "MATCH (m:Mechanism {key: 'mmca'})-[r]-(x)\nWHERE type(r) <> 'MENTIONS'\nRETURN m, r, x"],
    ['Lifecycle of the Climate Change Working Group',
      "MATCH (a)-[r]->(m {key: 'ccwg'})\nWHERE type(r) IN ['ESTABLISHED', 'SIGNED', 'SUSPENDED', 'CANCELED', 'RESUMED', 'STALLED']\nRETURN type(r) AS event, r.date AS date, a.name AS actor\nORDER BY date"],
    ['Mechanisms per label', 'MATCH (m:Mechanism)\nUNWIND labels(m) AS label\nWITH label WHERE label <> \'Mechanism\'\nRETURN label, count(*) AS mechanisms\nORDER BY mechanisms DESC'],
    ['Shortest path from Xi Jinping to the Paris Agreement',
      "MATCH p = shortestPath((a {key: 'xi_jinping'})-[*..6]-(b {key: 'paris_agreement'}))\nRETURN p"],
  ];

  const state = { text: EXAMPLES[0][1], view: 'table', result: null, cy: null };

  function cell(v) {
    if (v === null || v === undefined) return h('span', { class: 'v-null' }, 'null');
    if (typeof v === 'object' && !Array.isArray(v)) {
      if (v['~node']) {
        const n = v['~node'];
        const p = n.properties || {};
        return h('span', { class: 'nb' }, h('span', { class: 'dot', style: `width:8px;height:8px;border-radius:50%;flex:none;background:${dyad.colorOf(n.labels)}` }),
          p.key ? h('a', { href: dyad.nodeHref(p.key) }, dyad.nodeName(n)) : dyad.nodeName(n));
      }
      if (v['~rel']) return h('span', { class: 'v-rel' }, `[:${v['~rel'].type}]`);
      if (v['~path']) {
        return h('span', {}, v['~path'].map((x, i) => (i % 2 ? h('span', { class: 'v-rel' }, ` -[:${x['~rel'].type}]- `) : cell(x))));
      }
    }
    if (Array.isArray(v)) return h('span', { class: 'v-list' }, '[', v.map((x, i) => [i ? ', ' : '', cell(x)]), ']');
    return dyad.plain(v);
  }

  function renderTable(res) {
    if (!res.columns.length) return h('div', { class: 'empty' }, 'The statement returns no columns.');
    return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'result-table' },
      h('thead', {}, h('tr', {}, res.columns.map((c) => h('th', {}, c)))),
      h('tbody', {}, res.rows.map((row) => h('tr', {}, row.map((v) => h('td', { class: typeof v === 'number' ? 'num' : '' }, cell(v))))))));
  }

  function renderGraph(res, container) {
    if (state.cy) state.cy.destroy();
    const g = res.graph || { nodes: [], relationships: [] };
    if (!g.nodes.length) {
      container.replaceChildren(h('div', { class: 'empty' }, 'No nodes or relationships in the result to draw.'));
      return;
    }
    const div = h('div', { id: 'query-graph' });
    container.replaceChildren(div);
    const nodes = g.nodes.map((n) => dyad.cyNode({ id: n.id, key: n.properties.key, labels: n.labels,
      name: n.properties.name || n.properties.key || '#' + n.id }));
    const cy = (state.cy = cytoscape({ container: div, style: dyad.cyStyle, elements: [...nodes, ...g.relationships.map(dyad.cyEdge)],
      wheelSensitivity: 0.3 }));
    // A star (one node on most edges) reads best as rings; anything else
    // gets a force-directed layout.
    const hub = Math.max(0, ...cy.nodes().map((n) => n.degree()));
    const star = cy.edges().length >= 3 && hub >= 0.6 * cy.edges().length;
    cy.layout(star ? { name: 'concentric', concentric: (n) => (n.degree() === hub ? 2 : 1), levelWidth: () => 1,
      minNodeSpacing: 60, padding: 30, animate: false } : dyad.coseOptions).run();
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
    cy.on('tap', 'node', (ev) => { const k = ev.target.data('key'); if (k) location.hash = dyad.nodeHref(k); });
    div.appendChild(dyad.cyLegend(cy));
    dyad.queryGraph = cy;
  }

  // Shows the error under the editor and marks its position in it.
  function showError(err, text) {
    const out = document.getElementById('query-output');
    const box = h('div', { class: 'error-box', role: 'alert', id: 'query-error' },
      h('span', { class: 'kind' }, err.code), err.line ? ` at line ${err.line}, column ${err.column}` : '', ': ', err.message);
    if (err.line) {
      const line = text.split('\n')[err.line - 1] || '';
      box.appendChild(h('pre', {}, `${String(err.line).padStart(3)} | ${line}\n    | ${' '.repeat(Math.max(0, err.column - 1))}`,
        h('span', { class: 'caret' }, '^')));
      mark(text, err.line, err.column);
    }
    out.replaceChildren(box);
  }

  // Marks (line, column) in the editor backdrop and gutter; line 0 clears.
  function mark(text, line, column) {
    const backdrop = document.getElementById('backdrop');
    const gutter = document.getElementById('gutter');
    const lines = text.split('\n');
    gutter.replaceChildren(...lines.map((_, i) => h('div', { class: i + 1 === line ? 'err' : '' }, String(i + 1))));
    if (!line) { backdrop.replaceChildren(document.createTextNode(text + '\n')); return; }
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    offset = Math.min(offset, text.length);
    const end = Math.min(text.length, offset + Math.max(1, (text.slice(offset).match(/^\w+/) || [''])[0].length));
    const marked = offset < text.length ? text.slice(offset, end) : ' ';
    backdrop.replaceChildren(document.createTextNode(text.slice(0, offset)),
      h('mark', { id: 'error-mark' }, marked), document.createTextNode(text.slice(end) + '\n'));
    const ta = document.getElementById('editor');
    ta.focus();
    ta.setSelectionRange(offset, offset);
  }

  function showResult(res) {
    const out = document.getElementById('query-output');
    const seg = h('div', { class: 'seg' },
      ['table', 'graph'].map((v) => h('button', { class: state.view === v ? 'on' : '', id: 'view-' + v,
        onclick: () => { state.view = v; showResult(res); } }, v === 'table' ? 'Table' : 'Graph')));
    const body = h('div', {});
    const n = res.rows.length;
    const updates = res.stats && res.stats.contains_updates
      ? ` · ${Object.entries(res.stats).filter(([k, v]) => k !== 'contains_updates' && v).map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`).join(', ')}` : '';
    out.replaceChildren(h('section', { class: 'card' },
      h('header', {}, seg, h('span', { class: 'muted', id: 'result-summary' },
        `${n} row${n === 1 ? '' : 's'} · ${res.elapsed_ms.toFixed(1)} ms${updates}`)),
      res.plan ? h('pre', { class: 'body mono', style: 'margin:0;white-space:pre' }, res.plan) : body));
    if (res.plan) return;
    if (state.view === 'table') body.appendChild(renderTable(res));
    else renderGraph(res, body);
  }

  async function run() {
    const ta = document.getElementById('editor');
    const text = ta.value;
    state.text = text;
    mark(text, 0, 0);
    const btn = document.getElementById('run');
    btn.disabled = true;
    document.getElementById('run-status').textContent = 'Running…';
    // Only the latest run may show its result (Ctrl+Enter can start another
    // while one is in flight).
    const seq = state.seq = (state.seq || 0) + 1;
    try {
      const res = await api('/query', { json: { query: text, graph: true } });
      if (seq !== state.seq) return;
      state.result = res;
      showResult(res);
      document.getElementById('run-status').textContent = '';
    } catch (err) {
      if (seq !== state.seq) return;
      showError(err, text);
      document.getElementById('run-status').textContent = '';
    } finally {
      btn.disabled = false;
    }
  }

  dyad.pages.query = {
    title: 'query',
    leave() { if (state.cy) state.cy.destroy(); state.cy = null; },
    async render(parts, query) {
      if (query.get('q')) state.text = query.get('q');
      const ta = h('textarea', { id: 'editor', spellcheck: 'false', 'aria-label': 'Cypher query', rows: 7 });
      ta.value = state.text;
      const sync = () => {
        mark(ta.value, 0, 0);
        grow();
      };
      const grow = () => { ta.style.height = 'auto'; ta.style.height = Math.max(140, ta.scrollHeight) + 'px'; };
      ta.addEventListener('input', sync);
      ta.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
        if (ev.key === 'Tab') { ev.preventDefault(); document.execCommand('insertText', false, '  '); }
      });
      const examples = h('select', { id: 'examples', 'aria-label': 'Examples', onchange: (e) => {
        if (e.target.value === '') return;
        ta.value = EXAMPLES[+e.target.value][1];
        sync();
        e.target.value = '';
        run();
      } }, h('option', { value: '' }, 'Examples…'), EXAMPLES.map(([name], i) => h('option', { value: String(i) }, name)));
      dyad.mount(
        h('div', { class: 'page-head' }, h('div', { class: 'grow' }, h('h1', {}, 'Query console'),
          h('div', { class: 'subtitle' }, 'openCypher, read-only unless the server allows writes. ', h('span', { class: 'kbd' }, 'Ctrl'), ' + ',
            h('span', { class: 'kbd' }, 'Enter'), ' runs.'))),
        h('div', { class: 'console' },
          h('div', { class: 'editor-wrap' }, h('div', { class: 'gutter', id: 'gutter' }),
            h('div', { class: 'editor' }, h('div', { class: 'backdrop', id: 'backdrop', 'aria-hidden': 'true' }), ta)),
          h('div', { class: 'console-bar' }, h('button', { class: 'btn primary', id: 'run', onclick: run }, '▶ Run'), examples,
            h('span', { class: 'status', id: 'run-status' })),
          h('div', { id: 'query-output' })));
      mark(ta.value, 0, 0);
      grow();
      if (state.result) showResult(state.result);
      else run();
    },
  };
})();
