// Shared helpers of the dyad explorer: the API client, a tiny DOM builder,
// label colours and value formatting. Everything hangs off window.dyad.
'use strict';
(function () {
  const dyad = (window.dyad = window.dyad || { pages: {} });

  // Fetches JSON from the API; rejects with {status, code, message, line, column}.
  dyad.api = async function (path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    if (opts.json !== undefined) {
      opts.method = opts.method || 'POST';
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (e) {
      throw { status: 0, code: 'NetworkError', message: 'the server cannot be reached' };
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const err = (body && body.error) || {};
      throw { status: res.status, code: err.code || 'HttpError', message: err.message || res.statusText,
              line: err.line || 0, column: err.column || 0 };
    }
    return body;
  };

  // Builds an element: h('a', {href: '#'}, 'text', child, ...). Attributes
  // starting with "on" become listeners; class and style are set directly.
  dyad.h = function (tag, attrs, ...children) {
    const ns = tag.startsWith('svg:') ? 'http://www.w3.org/2000/svg' : null;
    const el = ns ? document.createElementNS(ns, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class' && !ns) el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  };

  // Label → colour, in the priority order that picks a node's main label.
  dyad.LABELS = [
    ['Administration', '#dc2626'], ['Mechanism', '#2563eb'], ['Event', '#d97706'], ['Document', '#64748b'],
    ['Issue', '#059669'], ['Law', '#0891b2'], ['Place', '#65a30d'], ['Person', '#9333ea'],
    ['Country', '#db2777'], ['Government', '#7c3aed'], ['Organization', '#ea580c'], ['Actor', '#6d28d9'],
  ];
  const labelColor = new Map(dyad.LABELS);
  // The label that classifies a node (the first of LABELS it has).
  dyad.mainLabel = function (labels) {
    for (const [l] of dyad.LABELS) if ((labels || []).includes(l)) return l;
    return (labels && labels[0]) || '';
  };
  dyad.colorOf = function (labels) { return labelColor.get(dyad.mainLabel(labels)) || '#475569'; };
  dyad.labelColor = function (label) { return labelColor.get(label) || '#475569'; };

  // Chips for a node's labels, the main one coloured.
  dyad.labelChips = function (labels, max) {
    const main = dyad.mainLabel(labels);
    const sorted = [...(labels || [])].sort((a, b) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b)));
    return dyad.h('span', { class: 'chips' }, sorted.slice(0, max || 99).map((l) =>
      dyad.h('span', { class: 'chip' }, dyad.h('span', { class: 'dot', style: `background:${dyad.labelColor(l)}` }), l)));
  };

  // Lifecycle event types: colour and the words the timeline uses.
  dyad.EVENTS = {
    PROPOSED: ['#94a3b8', 'Proposed'], ESTABLISHED: ['#16a34a', 'Established'], SIGNED: ['#15803d', 'Signed'],
    JOINED: ['#22c55e', 'Joined'], EXPANDED: ['#0d9488', 'Expanded'], SUSPENDED: ['#ea580c', 'Suspended'],
    FROZE: ['#0ea5e9', 'Frozen'], STALLED: ['#ca8a04', 'Stalled'], CANCELED: ['#dc2626', 'Canceled'],
    WITHDREW_FROM: ['#991b1b', 'Withdrawn from'], REJOINED: ['#4f46e5', 'Rejoined'], RESUMED: ['#2563eb', 'Resumed'],
  };
  dyad.DISRUPTIONS = ['SUSPENDED', 'FROZE', 'STALLED', 'CANCELED', 'WITHDREW_FROM'];

  // Renders a tagged JSON value (INTERFACES.md) as text.
  dyad.plain = function (v) {
    if (v === null || v === undefined) return 'null';
    if (Array.isArray(v)) return v.map(dyad.plain).join(', ');
    if (typeof v === 'object') {
      if ('~date' in v) return v['~date'];
      if ('~datetime' in v) return v['~datetime'];
      if ('~duration' in v) return v['~duration'];
      if ('~float' in v) return v['~float'];
      if ('~node' in v) return nodeName(v['~node']);
      if ('~rel' in v) return `[:${v['~rel'].type}]`;
      return '{' + Object.entries(v).map(([k, x]) => `${k}: ${dyad.plain(x)}`).join(', ') + '}';
    }
    return String(v);
  };
  function nodeName(n) {
    const p = n.properties || {};
    return p.name || p.key || `#${n.id}`;
  }
  dyad.nodeName = nodeName;

  // Formats a date with its precision ("2018", "April 2013", "2017-06-01").
  dyad.formatDate = function (date, precision) {
    if (!date) return '';
    if (precision === 'year') return date.slice(0, 4);
    if (precision === 'month') {
      const m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][+date.slice(5, 7) - 1];
      return `${m} ${date.slice(0, 4)}`;
    }
    return date;
  };

  // The node page link of a node key.
  dyad.nodeHref = (key) => '#/node/' + encodeURIComponent(key);
  dyad.graphHref = (key) => '#/graph/' + encodeURIComponent(key);

  // Replaces the main view's content.
  dyad.mount = function (...children) {
    const app = document.getElementById('app');
    app.replaceChildren(...children.flat());
    return app;
  };

  // An error panel for a failed API call.
  dyad.errorPanel = function (err) {
    return dyad.h('div', { class: 'error-box', role: 'alert' },
      dyad.h('span', { class: 'kind' }, err.code || 'Error'), ': ', err.message || String(err));
  };

  dyad.debounce = function (fn, ms) {
    let t = 0;
    return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  };
})();
