// The start page (#/: what the graph holds, where to begin) and the full
// search results page (#/search?q=).
'use strict';
(function () {
  const dyad = window.dyad;
  const { h, api } = dyad;

  const START = [
    ['mmca', 'MMCA'], ['ccwg', 'Climate Change Working Group'], ['paris_agreement', 'Paris Agreement'],
    ['phase_one_agreement', 'Phase One deal'], ['trump_administration', 'Trump administration'],
    ['biden_administration', 'Biden administration'], ['xi_jinping', 'Xi Jinping'],
  ];

  function bars(items, color) {
    const max = Math.max(1, ...items.map((i) => i.count));
    return h('div', { class: 'bars' }, items.map((i) => h('div', { class: 'bar' },
      h('span', { class: 'mono', title: i.name }, i.name),
      h('span', { class: 'track' }, h('span', { class: 'fill', style: `display:block;width:${(100 * i.count) / max}%;background:${color(i.name)}` })),
      h('span', { class: 'v' }, i.count.toLocaleString('en-US')))));
  }

  dyad.pages.home = {
    title: 'explore',
    async render() {
      dyad.mount(h('div', { class: 'loading' }, 'Loading…'));
      const schema = await api('/api/schema');
      const labels = [...schema.labels].sort((a, b) => b.count - a.count);
      const types = [...schema.types].sort((a, b) => b.count - a.count).slice(0, 14);
      const starts = await Promise.all(START.map(async ([key, text]) => {
        try { await api('/api/nodes/' + encodeURIComponent(key)); return [key, text]; } catch (e) { return null; }
      }));
      dyad.mount(h('div', { class: 'stack' },
        h('section', { class: 'card hero' },
          h('h1', {}, 'Explore the graph'),
          h('p', {}, 'Actors, mechanisms, issues and dated events of US–China relations — every fact cited with a verbatim quote from its source document. Search a name or alias above, open a node, expand it in the graph, ask in Cypher, or follow the mechanisms through the administrations.'),
          h('div', { class: 'actions' },
            h('a', { class: 'btn primary', href: '#/timeline' }, 'Which mechanisms were suspended, and under whom? →'),
            h('a', { class: 'btn', href: '#/query' }, 'Open the query console'),
            h('a', { class: 'btn', href: dyad.graphHref('mmca') }, 'Graph around the MMCA'))),
        h('div', { class: 'stats' },
          stat(schema.nodes, 'nodes'), stat(schema.relationships, 'relationships'),
          stat(schema.labels.length, 'labels'), stat(schema.types.length, 'relationship types')),
        h('section', { class: 'card' },
          h('header', {}, h('h2', {}, 'Start with')),
          h('div', { class: 'body quick' }, starts.filter(Boolean).map(([key, text]) => h('a', { href: dyad.nodeHref(key) }, text)))),
        h('div', { class: 'grid-2' },
          h('section', { class: 'card' }, h('header', {}, h('h2', {}, 'Nodes by label')),
            h('div', { class: 'body' }, bars(labels, dyad.labelColor))),
          h('section', { class: 'card' }, h('header', {}, h('h2', {}, 'Most frequent relationships')),
            h('div', { class: 'body' }, bars(types, (t) => (dyad.EVENTS[t] ? dyad.EVENTS[t][0] : '#94a3b8')))))));
    },
  };

  function stat(n, label) {
    return h('div', { class: 'card stat' }, h('div', { class: 'n' }, n.toLocaleString('en-US')), h('div', { class: 'l' }, label));
  }

  dyad.pages.search = {
    title: 'search',
    async render(parts, query) {
      const q = query.get('q') || '';
      dyad.mount(h('div', { class: 'loading' }, 'Searching…'));
      const data = await api('/api/search?limit=50&q=' + encodeURIComponent(q));
      dyad.mount(
        h('div', { class: 'page-head' }, h('div', { class: 'grow' },
          h('h1', {}, `Results for “${q}”`),
          h('div', { class: 'subtitle' }, `${data.results.length} node${data.results.length === 1 ? '' : 's'} by name, alias or key`))),
        h('section', { class: 'card' }, data.results.length
          ? h('ul', { class: 'results' }, data.results.map((r) => h('li', {},
            h('div', { style: 'flex:1;min-width:0' },
              h('a', { class: 'r-name', href: dyad.nodeHref(r.key) }, r.name),
              h('div', { class: 'r-key mono' }, r.key, r.field === 'alias' ? ` · alias “${r.matched}”` : '')),
            dyad.labelChips(r.labels, 3))))
          : h('div', { class: 'empty' }, 'Nothing matches. Try a shorter name or an acronym.')));
    },
  };
})();
