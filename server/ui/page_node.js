// The node page (#/node/KEY): labels, properties, aliases, every citation
// (quote and document) and the neighbours grouped by relationship type.
'use strict';
(function () {
  const dyad = window.dyad;
  const { h, api } = dyad;
  const HIDDEN = new Set(['name', 'key', 'aliases', 'sources', 'quotes']);

  function docLine(c) {
    const d = c.document;
    if (!d) return h('div', { class: 'source' }, 'Source: ', h('span', { class: 'mono' }, c.source || 'unknown'));
    const bits = [d.publisher, d.author, d.date].filter(Boolean).join(' · ');
    return h('div', { class: 'source' }, '— ',
      h('a', { href: dyad.nodeHref(d.key) }, d.title || d.name || d.key),
      bits ? ` (${bits})` : '',
      d.part_of ? h('span', {}, ', in ', h('a', { href: dyad.nodeHref(d.part_of.key) }, d.part_of.name)) : '');
  }

  function propValue(v) {
    if (Array.isArray(v)) return v.length ? v.map(dyad.plain).join(', ') : '—';
    return dyad.plain(v);
  }

  // Groups the relationships at the centre by (type, direction).
  function groupNeighbours(center, data) {
    const nodes = new Map(data.nodes.map((n) => [n.node.id, n.node]));
    const groups = new Map();
    for (const r of data.relationships) {
      const out = r.start === center.id;
      if (!out && r.end !== center.id) continue;
      const other = nodes.get(out ? r.end : r.start);
      if (!other) continue;
      const k = `${r.type}|${out ? 'out' : 'in'}`;
      if (!groups.has(k)) groups.set(k, { type: r.type, dir: out ? 'out' : 'in', items: [] });
      groups.get(k).items.push({ rel: r, node: other });
    }
    const order = (g) => (dyad.EVENTS[g.type] ? 0 : g.type === 'MENTIONS' || g.type === 'RECOMMENDS' ? 2 : 1);
    return [...groups.values()].sort((a, b) => order(a) - order(b) || a.type.localeCompare(b.type) || a.dir.localeCompare(b.dir));
  }

  function relDate(rel) {
    const d = rel.properties.date;
    return d && d['~date'] ? dyad.formatDate(d['~date'], rel.properties.precision) : '';
  }

  function relQuotes(rel, docs) {
    const quotes = rel.properties.quotes || [];
    const sources = rel.properties.sources || [];
    if (!quotes.length) return null;
    return h('details', { class: 'nb-quote' },
      h('summary', {}, quotes.length === 1 ? 'quote' : `${quotes.length} quotes`),
      quotes.map((q, i) => [h('blockquote', {}, q),
        sources[i] ? h('div', { class: 'source' }, '— ', h('a', { href: dyad.nodeHref(sources[i]) }, docs.get(sources[i]) || sources[i])) : null]));
  }

  dyad.pages.node = {
    title: 'node',
    async render(parts) {
      const key = parts[0] || '';
      dyad.mount(h('div', { class: 'loading' }, 'Loading…'));
      const [data, nb] = await Promise.all([
        api('/api/nodes/' + encodeURIComponent(key)),
        api('/api/nodes/' + encodeURIComponent(key) + '/neighbors?limit=2000'),
      ]);
      const n = data.node;
      dyad.rememberNode(n.key);
      document.title = 'dyad — ' + n.name;
      const docs = new Map();
      for (const x of nb.nodes) if (x.node.labels.includes('Document')) docs.set(x.node.key, x.node.name);
      for (const c of data.citations) if (c.document) docs.set(c.source, c.document.title || c.document.name);
      const props = Object.entries(n.properties).filter(([k]) => !HIDDEN.has(k));
      const groups = groupNeighbours(n, nb);
      const total = groups.reduce((s, g) => s + g.items.length, 0);
      const q = `MATCH (n {key: '${(n.key || '').replace(/'/g, "\\'")}'})-[r]-(m)\nRETURN n, r, m LIMIT 50`;

      dyad.mount(
        h('div', { class: 'page-head' },
          h('div', { class: 'grow' },
            h('div', { class: 'node-title' }, h('h1', { id: 'node-name' }, n.name), dyad.labelChips(n.labels)),
            h('div', { class: 'node-key', style: 'margin-top:6px' }, 'key: ', n.key || '—'),
            n.aliases.length ? h('div', { class: 'aliases', id: 'aliases' }, h('span', { class: 'muted' }, 'Also known as'),
              n.aliases.map((a) => h('span', { class: 'alias' }, a))) : null),
          h('a', { class: 'btn primary', href: dyad.graphHref(n.key), id: 'open-graph' }, 'Graph view'),
          h('a', { class: 'btn', href: '#/query?q=' + encodeURIComponent(q) }, 'Query')),
        h('div', { class: 'grid-2' },
          h('section', { class: 'card', id: 'citations' },
            h('header', {}, h('h2', {}, 'Citations'), h('span', { class: 'count' }, data.citations.length)),
            data.citations.length
              ? h('ol', { class: 'citations' }, data.citations.map((c) => h('li', { class: 'citation' },
                h('blockquote', { class: 'quote' }, c.quote || ''), docLine(c))))
              : h('div', { class: 'empty' }, 'No citations.')),
          h('section', { class: 'card', id: 'properties' },
            h('header', {}, h('h2', {}, 'Properties'), h('span', { class: 'count' }, props.length)),
            h('div', { class: 'body' }, props.length
              ? h('table', { class: 'props' }, props.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, propValue(v)))))
              : h('div', { class: 'muted' }, 'No other properties.')))),
        h('section', { style: 'margin-top:22px' },
          h('div', { class: 'page-head', style: 'margin-bottom:12px' },
            h('h2', { class: 'grow', style: 'font-size:18px' }, 'Connections ', h('span', { class: 'muted' }, `· ${total}`))),
          groups.length ? h('div', { class: 'groups', id: 'neighbours' }, groups.map((g) => h('section', { class: 'card group', 'data-type': g.type },
            h('header', {},
              h('span', { class: 'dir' }, g.dir === 'out' ? 'this →' : '→ this'),
              h('span', { class: 'type' }, g.type),
              h('span', { class: 'count', style: 'margin-left:auto' }, g.items.length)),
            h('ul', {}, g.items.map(({ rel, node }) => h('li', {},
              h('div', { class: 'nb' },
                h('span', { class: 'dot', style: `width:8px;height:8px;border-radius:50%;flex:none;background:${dyad.colorOf(node.labels)}` }),
                h('a', { href: dyad.nodeHref(node.key), title: node.labels.join(', ') }, node.name),
                h('span', { class: 'date' }, relDate(rel))),
              relQuotes(rel, docs)))))))
            : h('div', { class: 'card empty' }, 'No relationships.')));
    },
  };
})();
