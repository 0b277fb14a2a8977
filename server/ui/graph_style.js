// Cytoscape.js styling shared by the graph view and the query console:
// nodes coloured and shaped by label, relationships labelled by type.
'use strict';
(function () {
  const dyad = window.dyad;

  const SHAPES = { Mechanism: 'round-rectangle', Administration: 'hexagon', Event: 'diamond', Document: 'rectangle', Law: 'round-tag', Issue: 'ellipse' };

  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  // A Cytoscape node element for a node summary ({id, key, name, labels}).
  dyad.cyNode = function (n) {
    const main = dyad.mainLabel(n.labels);
    return {
      group: 'nodes',
      data: { id: 'n' + n.id, nid: n.id, key: n.key, name: n.name, label: short(n.name, 30), labels: n.labels,
              main, color: dyad.colorOf(n.labels), shape: SHAPES[main] || 'ellipse' },
    };
  };
  // A Cytoscape edge element for a relationship ({id, type, start, end, properties}).
  dyad.cyEdge = function (r) {
    const ev = dyad.EVENTS[r.type];
    return {
      group: 'edges',
      data: { id: 'r' + r.id, source: 'n' + r.start, target: 'n' + r.end, type: r.type, props: r.properties || {},
              color: ev ? ev[0] : '#cbd5e1', lifecycle: ev ? 1 : 0 },
    };
  };

  dyad.cyStyle = [
    { selector: 'node', style: {
      'background-color': 'data(color)', shape: 'data(shape)', width: 24, height: 24,
      label: 'data(label)', 'font-size': 10, color: '#1e293b', 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'wrap', 'text-max-width': 120, 'text-background-color': '#ffffff', 'text-background-opacity': 0.82,
      'text-background-padding': 2, 'text-background-shape': 'roundrectangle',
      'border-width': 2, 'border-color': '#ffffff', 'min-zoomed-font-size': 6,
    } },
    { selector: 'node.center', style: { width: 38, height: 38, 'font-size': 12, 'font-weight': 700, 'border-width': 3, 'border-color': '#0f172a' } },
    { selector: 'node.expanded', style: { 'border-color': '#0f172a', 'border-width': 2.5 } },
    { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.18, 'overlay-padding': 6 } },
    { selector: 'node.faded', style: { opacity: 0.25 } },
    { selector: 'edge', style: {
      width: 1.3, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8, 'curve-style': 'bezier', label: 'data(type)', 'font-size': 7, color: '#64748b',
      'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
      'text-background-padding': 1, 'min-zoomed-font-size': 9,
    } },
    { selector: 'edge[lifecycle = 1]', style: { width: 2.2, color: 'data(color)', 'font-weight': 700 } },
    { selector: 'edge:selected', style: { width: 3, 'line-color': '#2563eb', 'target-arrow-color': '#2563eb' } },
    { selector: 'edge.faded', style: { opacity: 0.15 } },
  ];

  // Force-directed layout settings that keep labels apart.
  dyad.coseOptions = { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 20000,
    idealEdgeLength: () => 110, edgeElasticity: () => 80, nodeOverlap: 40, gravity: 0.6, numIter: 2500, padding: 40,
    componentSpacing: 80, randomize: true };

  // A legend of the labels present in a Cytoscape instance.
  dyad.cyLegend = function (cy) {
    const seen = new Set(cy.nodes().map((n) => n.data('main')));
    return dyad.h('div', { class: 'legend' }, dyad.LABELS.filter(([l]) => seen.has(l)).map(([l, c]) =>
      dyad.h('span', {}, dyad.h('i', { style: `background:${c}` }), l)));
  };
})();
