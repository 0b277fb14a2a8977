// The explorer's shell: hash routes (#/, #/search?q=, #/node/KEY,
// #/graph/KEY, #/query, #/timeline) and the search box with suggestions.
'use strict';
(function () {
  const { h, api } = window.dyad;
  const dyad = window.dyad;

  // ---- routing ----
  function parseHash() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, qs] = hash.split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    return { parts, query: new URLSearchParams(qs || '') };
  }

  let current = null;
  async function route() {
    const { parts, query } = parseHash();
    const name = parts[0] || 'home';
    const page = { home: 'home', search: 'search', node: 'node', graph: 'graph', query: 'query', timeline: 'timeline' }[name];
    if (current && current.leave) current.leave();
    document.querySelectorAll('.tabs a').forEach((a) => {
      const tab = a.dataset.tab;
      a.classList.toggle('active', tab === name || (tab === 'home' && (name === 'search' || name === 'node')));
    });
    const app = document.getElementById('app');
    app.classList.toggle('wide', name === 'graph');
    const impl = dyad.pages[page];
    if (!impl) {
      current = null;
      dyad.mount(h('div', { class: 'empty' }, 'No such page. ', h('a', { href: '#/' }, 'Back to the start')));
      return;
    }
    current = impl;
    document.title = 'dyad — ' + (impl.title || name);
    window.scrollTo(0, 0);
    try {
      await impl.render(parts.slice(1), query);
    } catch (err) {
      dyad.mount(dyad.errorPanel(err));
    }
  }
  window.addEventListener('hashchange', route);

  // Remember the last node so that the Graph tab opens it.
  dyad.rememberNode = function (key) {
    const nav = document.getElementById('nav-graph');
    if (nav && key) nav.setAttribute('href', dyad.graphHref(key));
  };

  // ---- search box ----
  function setupSearch() {
    const box = document.getElementById('search');
    const input = document.getElementById('search-input');
    const list = document.getElementById('search-suggestions');
    let items = [];
    let active = -1;
    let seq = 0;

    function close() {
      list.hidden = true;
      box.setAttribute('aria-expanded', 'false');
      active = -1;
    }
    function highlight(i) {
      active = i;
      [...list.children].forEach((li, j) => li.classList.toggle('active', j === i));
      if (i >= 0 && list.children[i]) list.children[i].scrollIntoView({ block: 'nearest' });
    }
    function go(item) {
      close();
      input.value = '';
      input.blur();
      location.hash = dyad.nodeHref(item.key);
    }
    const suggest = dyad.debounce(async () => {
      const q = input.value.trim();
      if (!q) return close();
      const mine = ++seq;
      let data;
      try {
        data = await api('/api/search?limit=8&q=' + encodeURIComponent(q));
      } catch (e) {
        return;
      }
      if (mine !== seq) return;
      items = data.results;
      list.replaceChildren(...(items.length ? items.map((it, i) => h('li', {
        role: 'option', 'data-key': it.key,
        onmousedown: (ev) => { ev.preventDefault(); go(it); },
        onmouseenter: () => highlight(i),
      }, h('span', { class: 'dot', style: `width:9px;height:9px;border-radius:50%;background:${dyad.colorOf(it.labels)}` }),
        h('span', { class: 's-name' }, it.name),
        it.field === 'alias' ? h('span', { class: 's-match' }, it.matched) : null,
        h('span', { class: 'chip' }, dyad.mainLabel(it.labels))))
        : [h('li', { class: 's-empty' }, `No node named “${q}”`)]));
      list.hidden = false;
      box.setAttribute('aria-expanded', 'true');
      highlight(items.length ? 0 : -1);
    }, 120);

    input.addEventListener('input', suggest);
    input.addEventListener('focus', () => { if (input.value.trim()) suggest(); });
    input.addEventListener('blur', () => setTimeout(close, 120));
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' && items.length) { ev.preventDefault(); highlight((active + 1) % items.length); }
      else if (ev.key === 'ArrowUp' && items.length) { ev.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if (ev.key === 'Escape') { close(); input.blur(); }
      else if (ev.key === 'Enter') {
        ev.preventDefault();
        if (!list.hidden && active >= 0 && items[active]) go(items[active]);
        else if (input.value.trim()) { close(); location.hash = '#/search?q=' + encodeURIComponent(input.value.trim()); }
      }
    });
    document.addEventListener('keydown', (ev) => {
      if (ev.key === '/' && document.activeElement.tagName !== 'INPUT' && document.activeElement.tagName !== 'TEXTAREA') {
        ev.preventDefault();
        input.focus();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    setupSearch();
    route();
  });
})();
