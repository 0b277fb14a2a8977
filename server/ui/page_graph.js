// The graph view (#/graph/KEY): a node and its neighbours in Cytoscape.js;
// clicking a node expands its neighbours; the side panel shows details.
'use strict';
(function () {
  const dyad = window.dyad;
  const { h, api } = dyad;
  const state = { cy: null, expanded: new Set(), hideMentions: true };

  async function neighbours(key) {
    const exclude = state.hideMentions ? '&exclude=MENTIONS,RECOMMENDS' : '';
    return api('/api/nodes/' + encodeURIComponent(key) + '/neighbors?limit=80' + exclude);
  }

  // Adds the nodes and relationships of a neighbours answer; new nodes are
  // placed on a ring around the expanded node. Returns how many were new.
  function addNeighbourhood(data, around) {
    const cy = state.cy;
    const fresh = [];
    cy.batch(() => {
      for (const x of data.nodes) {
        if (cy.getElementById('n' + x.node.id).nonempty()) continue;
        fresh.push(cy.add(dyad.cyNode(x.node)));
      }
      for (const r of data.relationships) {
        if (cy.getElementById('r' + r.id).nonempty()) continue;
        if (cy.getElementById('n' + r.start).empty() || cy.getElementById('n' + r.end).empty()) continue;
        cy.add(dyad.cyEdge(r));
      }
    });
    if (around && fresh.length) placeFan(around, fresh);
    return fresh.length;
  }

  // Places new nodes on an arc around node, facing away from the rest of
  // the graph, far enough apart that their labels do not collide.
  function placeFan(node, fresh) {
    const c = node.position();
    const others = state.cy.nodes().not(node).not(state.cy.collection(fresh));
    let dx = 0, dy = 0;
    others.forEach((o) => { dx += o.position('x') - c.x; dy += o.position('y') - c.y; });
    const away = others.length ? Math.atan2(-dy, -dx) : 0;
    const spread = Math.min(2 * Math.PI, Math.max(Math.PI * 0.6, fresh.length * 0.32));
    const radius = Math.max(130, (fresh.length * 46) / spread);
    fresh.forEach((n, i) => {
      const a = fresh.length === 1 ? away : away - spread / 2 + (spread * i) / Math.max(1, fresh.length - (spread >= 2 * Math.PI ? 0 : 1));
      n.position({ x: c.x + radius * Math.cos(a), y: c.y + radius * Math.sin(a) });
    });
  }

  // Fits the graph, without blowing small graphs up.
  function fit() {
    const cy = state.cy;
    cy.fit(undefined, 50);
    if (cy.zoom() > 1.25) {
      cy.zoom(1.25);
      cy.center();
    }
  }

  async function expand(node) {
    const key = node.data('key');
    if (!key || state.expanded.has(key)) return 0;
    state.expanded.add(key);
    node.addClass('expanded');
    setStatus('Expanding ' + node.data('name') + '…');
    const data = await neighbours(key);
    const added = addNeighbourhood(data, node);
    setStatus(`${added} new neighbour${added === 1 ? '' : 's'} of ${node.data('name')} · ${state.cy.nodes().length} nodes`);
    state.cy.animate({ fit: { eles: node.closedNeighborhood(), padding: 60 }, duration: 300 });
    refreshLegend();
    return added;
  }

  function setStatus(text) {
    const el = document.getElementById('graph-status');
    if (el) el.textContent = text;
  }
  function refreshLegend() {
    const old = document.querySelector('.graph-main .legend');
    if (old) old.replaceWith(dyad.cyLegend(state.cy));
  }

  function showNode(node) {
    const side = document.getElementById('graph-side');
    const key = node.data('key');
    side.replaceChildren(
      h('h2', {}, node.data('name')),
      dyad.labelChips(node.data('labels')),
      h('dl', { class: 'kv' }, h('dt', {}, 'key'), h('dd', { class: 'mono' }, key || '—'),
        h('dt', {}, 'degree'), h('dd', {}, String(node.degree()) + ' shown')),
      h('div', { class: 'actions' },
        h('a', { class: 'btn small primary', href: dyad.nodeHref(key) }, 'Open node page'),
        h('a', { class: 'btn small', href: dyad.graphHref(key) }, 'Center here')),
      h('p', { class: 'muted', style: 'margin-top:16px;font-size:12.5px' },
        state.expanded.has(key) ? 'Neighbours shown.' : 'Click the node again to expand it.'));
  }

  function showEdge(edge) {
    const side = document.getElementById('graph-side');
    const p = edge.data('props');
    const date = p.date && p.date['~date'] ? dyad.formatDate(p.date['~date'], p.precision) : null;
    const src = edge.source(), dst = edge.target();
    side.replaceChildren(
      h('div', { class: 'mono', style: 'font-weight:700;margin-bottom:6px;color:' + edge.data('color') }, edge.data('type')),
      h('div', {}, h('a', { href: dyad.nodeHref(src.data('key')) }, src.data('name')), ' → ',
        h('a', { href: dyad.nodeHref(dst.data('key')) }, dst.data('name'))),
      date ? h('dl', { class: 'kv' }, h('dt', {}, 'date'), h('dd', {}, date)) : null,
      (p.quotes || []).map((q, i) => h('div', { style: 'margin-top:12px' },
        h('blockquote', { class: 'quote', style: 'font-size:13.5px' }, q),
        p.sources && p.sources[i] ? h('div', { class: 'source' }, '— ', h('a', { href: dyad.nodeHref(p.sources[i]) }, p.sources[i])) : null)));
  }

  function layout(animate) {
    state.cy.layout(Object.assign({}, dyad.coseOptions, { animate: !!animate, animationDuration: 400, randomize: false })).run();
  }

  dyad.pages.graph = {
    title: 'graph',
    leave() {
      if (state.cy) state.cy.destroy();
      state.cy = null;
      dyad.graph = null;
    },
    async render(parts) {
      const key = parts[0] || 'mmca';
      state.expanded = new Set();
      dyad.mount(h('div', { class: 'graph-page' },
        h('div', { class: 'graph-main' },
          h('div', { class: 'toolbar' },
            h('span', { class: 'title', id: 'graph-title' }, '…'),
            h('span', { class: 'muted status', id: 'graph-status' }, 'Loading…'),
            h('label', {}, h('input', { type: 'checkbox', id: 'hide-mentions', checked: state.hideMentions,
              onchange: (e) => { state.hideMentions = e.target.checked; dyad.pages.graph.render([key]); } }),
              'Hide document mentions'),
            h('button', { class: 'btn small', onclick: () => layout(true) }, 'Re-layout'),
            h('button', { class: 'btn small', onclick: () => fit() }, 'Fit')),
          h('div', { id: 'cy' }),
          h('div', { class: 'legend' }),
          h('div', { class: 'hint' }, 'Click a node to expand it · drag to move · scroll to zoom')),
        h('aside', { class: 'side', id: 'graph-side' },
          h('p', { class: 'muted' }, 'Select a node or a relationship to see its details.'))));
      const data = await neighbours(key);
      dyad.rememberNode(data.center.key);
      document.getElementById('graph-title').textContent = data.center.name;
      document.title = 'dyad — graph of ' + data.center.name;
      const cy = (state.cy = cytoscape({
        container: document.getElementById('cy'), style: dyad.cyStyle, wheelSensitivity: 0.3, minZoom: 0.15, maxZoom: 3,
      }));
      dyad.graph = { cy, expand: (id) => expand(cy.getElementById(id)), state };
      addNeighbourhood(data, null);
      const center = cy.getElementById('n' + data.center.id);
      center.addClass('center expanded');
      state.expanded.add(data.center.key);
      cy.layout({ name: 'concentric', concentric: (n) => (n.id() === center.id() ? 10 : 1), levelWidth: () => 1,
        minNodeSpacing: 40, padding: 50, animate: false, fit: false }).run();
      fit();
      setStatus(`${cy.nodes().length - 1} neighbours${data.truncated ? ' (first 80)' : ''}`);
      refreshLegend();
      showNode(center);
      cy.on('tap', 'node', async (ev) => {
        const node = ev.target;
        showNode(node);
        if (!state.expanded.has(node.data('key'))) {
          await expand(node);
          showNode(node);
        }
      });
      cy.on('tap', 'edge', (ev) => showEdge(ev.target));
      cy.on('mouseover', 'node', (ev) => {
        const hood = ev.target.closedNeighborhood();
        cy.elements().not(hood).addClass('faded');
      });
      cy.on('mouseout', 'node', () => cy.elements().removeClass('faded'));
    },
  };
})();
