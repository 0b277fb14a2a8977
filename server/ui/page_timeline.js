// The timeline (#/timeline): mechanisms by administration — established →
// suspended → resumed — answering which mechanisms were suspended under
// which administration.
'use strict';
(function () {
  const dyad = window.dyad;
  const { h, api } = dyad;
  const CARD_TYPES = ['SUSPENDED', 'FROZE', 'STALLED', 'CANCELED', 'WITHDREW_FROM', 'RESUMED', 'REJOINED'];
  const state = { data: null, types: null, scope: 'disrupted', tooltip: null };

  function yearOf(date, precision) {
    const y = +date.slice(0, 4), m = +date.slice(5, 7), d = +date.slice(8, 10);
    if (precision === 'year') return y + 0.5;
    if (precision === 'month') return y + (m - 1) / 12 + 1 / 24;
    return y + (m - 1) / 12 + (d - 1) / 365;
  }
  function term(a) {
    const s = a.start ? a.start.slice(0, 4) : '?';
    return `${s}–${a.end ? a.end.slice(0, 4) : 'present'}`;
  }

  // ---- the answer: disruptions (and restorations) per administration ----
  function adminCards(data, admins) {
    const byAdmin = new Map();
    for (const m of data.mechanisms) {
      for (const e of m.events) {
        if (!CARD_TYPES.includes(e.type) || !e.administration) continue;
        if (!byAdmin.has(e.administration)) byAdmin.set(e.administration, new Map());
        const types = byAdmin.get(e.administration);
        if (!types.has(e.type)) types.set(e.type, new Map());
        const list = types.get(e.type);
        if (!list.has(m.node.key)) list.set(m.node.key, { node: m.node, note: e.note, date: e.date, precision: e.precision });
      }
    }
    const cards = data.administrations.filter((a) => byAdmin.has(a.key)).map((a) => {
      const types = byAdmin.get(a.key);
      return h('section', { class: 'card admin-card', 'data-admin': a.key },
        h('header', {}, h('h2', {}, h('a', { href: dyad.nodeHref(a.key) }, a.name)),
          h('div', { class: 'term' }, `${term(a)}${a.leader ? ' · ' + a.leader : ''}`)),
        h('div', { class: 'body' }, CARD_TYPES.filter((t) => types.has(t)).map((t) => [
          h('div', { class: 'kind', style: `color:${dyad.EVENTS[t][0]}`, 'data-type': t }, `${dyad.EVENTS[t][1]} · ${types.get(t).size}`),
          h('ul', {}, [...types.get(t).values()].map((x) => h('li', {},
            h('a', { href: dyad.nodeHref(x.node.key) }, x.node.name),
            x.date ? h('span', { class: 'note' }, ` (${dyad.formatDate(x.date, x.precision)})`) : null,
            x.note ? h('span', { class: 'note' }, ` — ${x.note}`) : null)))])));
    });
    return cards.length ? h('div', { class: 'admin-cards', id: 'admin-cards' }, cards)
      : h('div', { class: 'card empty' }, 'No suspensions, cancellations or resumptions are recorded.');
  }

  // ---- the chart ----
  function merged(events) {
    // One marker per (type, date, administration): several actors may share it.
    const out = new Map();
    for (const e of events) {
      const k = `${e.type}|${e.date}|${e.administration}`;
      if (!out.has(k)) out.set(k, Object.assign({}, e, { actors: [] }));
      out.get(k).actors.push(e.actor);
    }
    return [...out.values()];
  }

  function tooltip(ev, e, adminName) {
    hideTooltip();
    const when = e.date ? dyad.formatDate(e.date, e.precision) : 'date not stated';
    const q = (e.quotes[0] || '').length > 280 ? e.quotes[0].slice(0, 277) + '…' : e.quotes[0] || '';
    const tip = h('div', { class: 'tooltip' },
      h('b', { style: `color:${dyad.EVENTS[e.type][0]}` }, dyad.EVENTS[e.type][1]), ` · ${when}`,
      h('div', {}, 'by ', e.actors.map((a) => a.name).join(', ')),
      adminName && !e.actors.some((a) => a.name === adminName) ? h('div', {}, 'under the ', adminName) : null,
      q ? h('div', { class: 'q' }, `“${q}”`) : null);
    document.body.appendChild(tip);
    const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 10);
    const y = ev.clientY + 16 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 12 : ev.clientY + 16;
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
    state.tooltip = tip;
  }
  function hideTooltip() { if (state.tooltip) state.tooltip.remove(); state.tooltip = null; }

  function detail(m, e, admins) {
    const box = document.getElementById('event-detail');
    const a = admins.get(e.administration);
    box.replaceChildren(h('section', { class: 'card' },
      h('header', {}, h('span', { class: 'chip', style: `background:${dyad.EVENTS[e.type][0]};color:#fff` }, dyad.EVENTS[e.type][1]),
        h('h2', {}, h('a', { href: dyad.nodeHref(m.node.key) }, m.node.name)),
        h('span', { class: 'muted' }, e.date ? dyad.formatDate(e.date, e.precision) : 'date not stated')),
      h('div', { class: 'event-detail' },
        h('div', {}, 'By ', e.actors.map((x, i) => [i ? ', ' : '', h('a', { href: dyad.nodeHref(x.key) }, x.name)]),
          a && !e.actors.some((x) => x.key === a.key) ? [' · under the ', h('a', { href: dyad.nodeHref(a.key) }, a.name)] : ''),
        e.quotes.map((q, i) => h('div', { style: 'margin-top:12px' }, h('blockquote', { class: 'quote' }, q),
          e.sources[i] ? h('div', { class: 'source' }, '— ', h('a', { href: dyad.nodeHref(e.sources[i]) }, e.sources[i])) : null)))));
    box.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }

  function chart(data, avail) {
    const admins = new Map(data.administrations.map((a) => [a.key, a]));
    const rows = data.mechanisms
      .map((m) => ({ m, events: merged(m.events.filter((e) => state.types.has(e.type))) }))
      .filter((r) => r.events.length && (state.scope === 'all' || r.m.events.some((e) => dyad.DISRUPTIONS.includes(e.type))));
    if (!rows.length) return h('div', { class: 'empty' }, 'No mechanism has events of the selected kinds.');
    const place = (e) => {
      if (e.date) return yearOf(e.date, e.precision);
      const a = admins.get(e.administration);
      if (!a || !a.start) return null;
      const s = yearOf(a.start, 'day'), t = a.end ? yearOf(a.end, 'day') : new Date().getFullYear() + 0.5;
      return (s + t) / 2;
    };
    // The years the events span (administrations are clipped to them).
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) for (const e of r.events) { const x = place(e); if (x !== null) { lo = Math.min(lo, x); hi = Math.max(hi, x); } }
    if (lo === Infinity) { lo = 2000; hi = 2020; }
    lo = Math.floor((lo - 1) / 5) * 5;
    hi = Math.max(Math.ceil(hi + 1), Math.min(new Date().getFullYear() + 1, lo + 10));
    const wrapWidth = Math.max(900, avail || 1100);
    const L = 300, ND = 56, R = 16, W = wrapWidth - L - ND - R, TOP = 74, ROW = 26;
    const X = (y) => L + ((y - lo) / (hi - lo)) * W;
    const NDX = L + W + ND / 2;  // the column of events without a date or an administration
    const height = TOP + rows.length * ROW + 16;
    const s = (tag, attrs, ...kids) => h('svg:' + tag, attrs, ...kids);
    const full = L + W + ND + R;
    const svg = s('svg', { class: 'timeline', id: 'timeline-chart', width: full, height, viewBox: `0 0 ${full} ${height}` });

    // Administration bands: the US on top, China below.
    const lanes = [['united_states', 'US', ['#1e3a8a', '#3b82f6'], 0], ['china', 'China', ['#991b1b', '#ef4444'], 24]];
    for (const [country, name, colors, dy] of lanes) {
      svg.appendChild(s('text', { x: L - 10, y: dy + 15, 'text-anchor': 'end', class: 'row-label', style: 'cursor:default;font-weight:600;fill:#64748b' }, name));
      data.administrations.filter((a) => a.country === country && a.start).forEach((a, i) => {
        const s0 = yearOf(a.start, 'day'), s1 = a.end ? yearOf(a.end, 'day') : hi;
        if (s1 <= lo || s0 >= hi) return;
        const x0 = X(Math.max(lo, s0)), x1 = X(Math.min(hi, s1));
        const g = s('g', {}, s('title', {}, `${a.name} (${term(a)})`));
        g.appendChild(s('rect', { x: x0, y: dy + 2, width: Math.max(1, x1 - x0 - 1), height: 20, rx: 3, fill: colors[i % 2] }));
        const label = x1 - x0 > 95 ? a.name.replace(/ (administration|leadership)$/, '') : (a.leader || a.name).split(' ').pop();
        if (x1 - x0 > 34) g.appendChild(s('text', { x: (x0 + x1) / 2, y: dy + 16, 'text-anchor': 'middle', class: 'band-label' }, label));
        svg.appendChild(g);
        if (country === 'united_states' && s0 > lo) svg.appendChild(s('line', { x1: x0, x2: x0, y1: TOP - 8, y2: height - 10, stroke: '#dbe3ef', 'stroke-dasharray': '3 3' }));
      });
    }
    // Axis.
    const axis = s('g', { class: 'axis' });
    for (let y = lo; y <= hi; y += 5) {
      axis.appendChild(s('line', { x1: X(y), x2: X(y), y1: 50, y2: 56, stroke: '#94a3b8' }));
      axis.appendChild(s('text', { x: X(y), y: 66, 'text-anchor': 'middle' }, String(y)));
    }
    axis.appendChild(s('line', { x1: L, x2: L + W, y1: 50, y2: 50, stroke: '#cbd5e1' }));
    axis.appendChild(s('text', { x: NDX, y: 66, 'text-anchor': 'middle' }, s('title', {}, 'no date, no administration'), 'n.d.'));
    svg.appendChild(s('line', { x1: L + W + 8, x2: L + W + 8, y1: 50, y2: height - 10, stroke: '#e2e8f0' }));
    svg.appendChild(axis);

    rows.forEach((r, i) => {
      const y = TOP + i * ROW + ROW / 2;
      if (i % 2 === 0) svg.appendChild(s('rect', { x: 0, y: y - ROW / 2, width: full, height: ROW, fill: '#f8fafc' }));
      const name = r.m.node.name.length > 40 ? r.m.node.name.slice(0, 39) + '…' : r.m.node.name;
      const label = s('text', { x: L - 10, y: y + 4, 'text-anchor': 'end', class: 'row-label', 'data-key': r.m.node.key }, s('title', {}, r.m.node.name), name);
      label.addEventListener('click', () => { location.hash = dyad.nodeHref(r.m.node.key); });
      svg.appendChild(label);
      const xs = r.events.map(place).filter((x) => x !== null);
      if (xs.length > 1) svg.appendChild(s('line', { x1: X(Math.min(...xs)), x2: X(Math.max(...xs)), y1: y, y2: y, stroke: '#cbd5e1', 'stroke-width': 2 }));
      const used = new Map();
      for (const e of r.events) {
        const x = place(e);
        const px = x === null ? NDX : Math.round(X(x));
        const n = used.get(px) || 0;
        used.set(px, n + 1);
        // Markers at one spot spread out: 5 px when dated, 13 px when not.
        const c = s('circle', { cx: px + n * (e.date ? 5 : 13), cy: y, r: 6, fill: dyad.EVENTS[e.type][0], class: 'marker' + (e.date ? '' : ' undated'),
          'data-type': e.type, style: e.date ? '' : `stroke:${dyad.EVENTS[e.type][0]}` });
        const a = admins.get(e.administration);
        c.addEventListener('mousemove', (ev) => tooltip(ev, e, a && a.name));
        c.addEventListener('mouseleave', hideTooltip);
        c.addEventListener('click', () => detail(r.m, e, admins));
        svg.appendChild(c);
      }
    });
    return svg;
  }

  function controls(rerender) {
    const types = state.data.types.filter((t) => state.data.mechanisms.some((m) => m.events.some((e) => e.type === t)));
    return h('div', { class: 'tl-controls' },
      h('div', { class: 'seg' }, [['disrupted', 'Disrupted mechanisms'], ['all', 'All mechanisms']].map(([v, text]) =>
        h('button', { class: state.scope === v ? 'on' : '', id: 'scope-' + v, onclick: () => { state.scope = v; rerender(); } }, text))),
      types.map((t) => h('label', {}, h('input', { type: 'checkbox', checked: state.types.has(t), 'data-type': t,
        onchange: (ev) => { if (ev.target.checked) state.types.add(t); else state.types.delete(t); rerender(); } }),
        h('span', { class: 'swatch', style: `background:${dyad.EVENTS[t][0]}` }), dyad.EVENTS[t][1])),
      h('span', { class: 'muted', style: 'font-size:12.5px' }, '○ dashed: the text gives no date; drawn within the administration it names (n.d.: neither)'));
  }

  dyad.pages.timeline = {
    title: 'timeline',
    leave: hideTooltip,
    async render() {
      dyad.mount(h('div', { class: 'loading' }, 'Loading…'));
      const data = (state.data = await api('/api/timeline'));
      if (!state.types) state.types = new Set(data.types.filter((t) => t !== 'PROPOSED'));
      const chartBox = h('div', { class: 'tl-svg-wrap' });
      const controlBox = h('div', {});
      const rerender = () => {
        controlBox.replaceChildren(controls(rerender));
        chartBox.replaceChildren(chart(data, chartBox.clientWidth));
      };
      const disrupted = data.mechanisms.filter((m) => m.events.some((e) => dyad.DISRUPTIONS.includes(e.type))).length;
      dyad.mount(
        h('div', { class: 'page-head' }, h('div', { class: 'grow' },
          h('h1', {}, 'Mechanisms through the administrations'),
          h('div', { class: 'subtitle' }, `${data.mechanisms.length} mechanisms with a recorded lifecycle; ${disrupted} were suspended, frozen, stalled, canceled or left. Each event is a cited relationship from an actor to the mechanism.`))),
        h('h2', { style: 'margin:4px 0 12px;font-size:18px' }, 'Suspended, canceled, frozen — and resumed — under each administration'),
        adminCards(data, new Map(data.administrations.map((a) => [a.key, a]))),
        h('section', { class: 'card', style: 'margin-top:22px' },
          h('header', {}, h('h2', {}, 'Lifecycles'), h('span', { class: 'muted' }, 'established → suspended → resumed')),
          h('div', { class: 'body' }, controlBox, h('div', { style: 'height:12px' }), chartBox)),
        h('div', { id: 'event-detail', style: 'margin-top:18px' }));
      rerender();
    },
  };
})();
