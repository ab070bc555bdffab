/* diplokg explorer: draws the embedded graph with vis-network (inlined above).
   Every string from the graph is set with textContent or drawn on the canvas as text;
   nothing from the data is ever parsed as HTML. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('diplokg-data').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var N = D.nodes.length, BIG = N > 800;
  // Big graphs: rounds of layout steps within a time budget (see bench/explorer.py).
  var FIRST_ROUND = 8, ROUND_MAX = 25, MAX_STEPS = 500, BUDGET_MS = 8000, FIT_MS = 200;
  var state = window.diplokg = { start: performance.now(), rendered: null, settled: null, selected: null };
  var status = $('status');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  var typeOf = {};
  D.types.forEach(function (t) { typeOf[t.name] = t; });

  // --- the network -------------------------------------------------------------------
  var visNodes = new vis.DataSet(D.nodes.map(function (n, i) {
    var t = typeOf[n.t] || { color: '#555555', shape: 'dot' };
    var event = n.t === 'Summit' || n.t === 'Meeting' || n.t === 'Partnership' || n.t === 'Membership';
    var edge = n.x ? '#d62728' : '#333333';  // a red ring: the sources disagree about this node
    return { id: i, label: n.l, shape: t.shape, size: event ? 9 : 13, borderWidth: n.x ? 4 : 1,
             color: { background: t.color, border: edge, highlight: { background: t.color, border: n.x ? edge : '#000000' },
                      hover: { background: t.color, border: n.x ? edge : '#000000' } } };
  }));
  var visEdges = new vis.DataSet(D.edges.map(function (e, i) {
    return { id: i, from: e.a, to: e.b };
  }));
  var container = $('graph');
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, {
    autoResize: true,
    nodes: { font: { size: 14, face: 'system-ui, sans-serif', strokeWidth: 3, strokeColor: '#ffffff' },
             borderWidth: 1, scaling: { label: { drawThreshold: 6 } }, widthConstraint: { maximum: 200 } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, width: 1, selectionWidth: 1.5, hoverWidth: 1.5,
             color: { color: '#a0a8b0', highlight: '#333333', hover: '#333333' },
             smooth: BIG ? false : { enabled: true, type: 'continuous', roundness: 0.3 } },
    interaction: { hover: true, dragNodes: true, dragView: true, zoomView: true, multiselect: false,
                   hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, tooltipDelay: 3600000 },
    layout: { improvedLayout: true, clusterThreshold: 150, randomSeed: 7 },
    physics: { enabled: true, solver: 'forceAtlas2Based', adaptiveTimestep: !BIG, maxVelocity: BIG ? 150 : 50,
               forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.01, springLength: BIG ? 60 : 130,
                                   springConstant: 0.08, damping: BIG ? 0.3 : 0.4, avoidOverlap: BIG ? 0 : 0.6,
                                   theta: BIG ? 1.2 : 0.5 },
               // A small graph settles in one go; a big one in rounds, drawn between them,
               // until it is still or its time budget is spent.
               stabilization: { enabled: true, iterations: BIG ? FIRST_ROUND : 600, updateInterval: BIG ? 4 : 25,
                                fit: true } }
  });
  state.network = network;
  state.nodes = visNodes;
  state.data = D;

  var steps = 0, round = BIG ? FIRST_ROUND : 600, roundStart = null, stepMs = 100;
  network.once('afterDrawing', function () { state.rendered = performance.now() - state.start; });
  network.on('startStabilizing', function () { roundStart = performance.now(); });
  network.on('stabilizationProgress', function (p) {
    status.textContent = 'Laying out ' + N + ' nodes… ' + (steps + p.iterations) + ' steps';
  });
  network.on('stabilizationIterationsDone', function () {
    var now = performance.now();
    steps += round;
    if (roundStart !== null) stepMs = (now - roundStart) / round;
    network.fit({ animation: false });
    if (BIG && state.settled === null && steps < MAX_STEPS) {
      var left = BUDGET_MS - (now - state.start) - 2 * FIT_MS;
      round = Math.min(ROUND_MAX, Math.floor(left / stepMs));
      if (round >= 3) {
        setTimeout(function () { network.stabilize(round); }, 0);   // let it draw, then go on
        return;
      }
    }
    if (state.settled !== null) return;
    network.setOptions({ physics: { enabled: false } });   // still and responsive from here on
    network.fit({ animation: false });
    state.settled = performance.now() - state.start;
    state.steps = steps;
    document.body.setAttribute('data-state', 'settled');
    showCounts();
    if (D.focus) {
      var f = D.nodes.findIndex(function (n) { return n.id === D.focus; });
      if (f >= 0) { network.selectNodes([f]); showDetails(f); }
    }
  });

  // Screen position of a node (page coordinates), for tests and people's scripts.
  state.screenPosition = function (i) {
    var p = network.getPosition(i), d = network.canvasToDOM(p), r = container.getBoundingClientRect();
    return { x: r.left + d.x, y: r.top + d.y };
  };
  state.indexOf = function (iri) { return D.nodes.findIndex(function (n) { return n.id === iri; }); };

  $('fit').addEventListener('click', function () { network.fit({ animation: { duration: 300 } }); });

  // --- edge labels on hover -------------------------------------------------------------
  var tip = $('tip');
  network.on('hoverEdge', function (p) {
    var e = D.edges[p.edge];
    if (!e) return;
    tip.textContent = D.nodes[e.a].l + ' — ' + e.r + ' → ' + D.nodes[e.b].l;
    tip.style.left = (p.pointer.DOM.x + 12) + 'px';
    tip.style.top = (p.pointer.DOM.y + 12) + 'px';
    tip.hidden = false;
  });
  network.on('blurEdge', function () { tip.hidden = true; });
  network.on('dragStart', function () { tip.hidden = true; });

  // --- details of a node: its facts, with evidence, confidence and source ----------------
  function safeHref(src) {
    if (/^https?:\/\//i.test(src)) return src;
    if (src && !/^[a-z][a-z0-9+.\-]*:/i.test(src) && !/^\/\//.test(src) && !/[\u0000-\u001f]/.test(src)) return src;
    return null;   // javascript:, data: and the like are shown, never linked
  }
  function sourceLine(ai) {
    var line = el('div', null, 'source');
    if (ai < 0 || !D.articles[ai]) return line;
    var a = D.articles[ai];
    line.appendChild(document.createTextNode('— '));
    var href = safeHref(a.s);
    if (href) {
      var link = el('a', a.s);
      link.setAttribute('href', href);
      link.setAttribute('rel', 'noopener noreferrer');
      link.setAttribute('target', '_blank');
      line.appendChild(link);
    } else {
      line.appendChild(document.createTextNode(a.s || a.i));
    }
    if (a.p) line.appendChild(document.createTextNode(' (' + a.p + ')'));
    return line;
  }
  function showDetails(i) {
    var n = D.nodes[i], box = $('details');
    state.selected = i;
    box.textContent = '';
    box.appendChild(el('h2', 'Details'));
    box.appendChild(el('div', n.l, 'label'));
    box.appendChild(el('div', n.t + (n.d ? ' · ' + n.d : n.sd ? ' · since ' + n.sd : ''), 'meta'));
    if (n.s && n.s.length) box.appendChild(el('div', 'Also: ' + n.s.join(' · '), 'alts'));
    var iri = el('div', n.id, 'meta');
    box.appendChild(iri);
    if (n.x && n.x.length) {
      var dispute = el('div', null, 'conflict');
      dispute.appendChild(el('strong', 'Sources disagree'));
      n.x.forEach(function (line) { dispute.appendChild(el('div', line)); });
      box.appendChild(dispute);
    }
    var list = el('ul', null, 'facts');
    (n.f || []).forEach(function (fi) {
      var f = D.facts[fi], li = el('li', null, 'fact');
      if (f.n >= 0 && f.n !== i) {
        var jump = el('button', f.d, 'jump');
        jump.type = 'button';
        jump.addEventListener('click', function () { select(f.n); });
        li.appendChild(jump);
      } else {
        li.appendChild(el('div', f.d, 'desc'));
      }
      li.appendChild(el('div', f.c === null || f.c === undefined ? 'confidence: —' : 'confidence: ' + f.c, 'conf'));
      f.e.forEach(function (ei) {
        var ev = D.evidence[ei];
        li.appendChild(el('blockquote', ev.t, 'evidence'));
        li.appendChild(sourceLine(ev.a));
      });
      list.appendChild(li);
    });
    if (!(n.f || []).length) box.appendChild(el('p', 'No facts with evidence about this node.', 'hint'));
    box.appendChild(list);
    markTimeline(i);
  }
  function select(i) {
    if (visNodes.get(i).hidden) return;
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showDetails(i);
  }
  state.select = select;
  network.on('click', function (p) { if (p.nodes.length) showDetails(p.nodes[0]); });

  // --- search: labels in every language and the alternative labels -----------------------
  function norm(s) { return String(s).normalize('NFC').toLowerCase(); }
  var forms = D.nodes.map(function (n) { return [n.l].concat(n.s || []).map(norm); });
  function matches(q) {
    var hits = [];
    for (var i = 0; i < N; i++) {
      var fs = forms[i];
      for (var k = 0; k < fs.length; k++) {
        // a form inside the query covers inflected queries: "টোকায়েভের" finds "টোকায়েভ"
        if (fs[k].indexOf(q) >= 0 || (fs[k].length >= 3 && q.indexOf(fs[k]) === 0)) { hits.push(i); break; }
      }
    }
    return hits;
  }
  var searchTimer = null;
  function runSearch() {
    var q = norm($('search').value.trim()), box = $('results'), ol = $('matches');
    ol.textContent = '';
    if (!q) { box.hidden = true; network.unselectAll(); return; }
    var hits = matches(q).filter(function (i) { return !visNodes.get(i).hidden; });
    box.hidden = false;
    $('matchcount').textContent = hits.length + (hits.length === 1 ? ' match' : ' matches');
    hits.slice(0, 100).forEach(function (i) {
      var li = el('li'), b = el('button', D.nodes[i].l);
      b.type = 'button';
      b.addEventListener('click', function () { select(i); });
      li.appendChild(b);
      li.appendChild(el('span', ' ' + D.nodes[i].t, 'conf'));
      ol.appendChild(li);
    });
    network.selectNodes(hits);
    if (hits.length === 1) select(hits[0]);
  }
  $('search').addEventListener('input', function () { clearTimeout(searchTimer); searchTimer = setTimeout(runSearch, 150); });
  $('search').addEventListener('keydown', function (e) { if (e.key === 'Enter') { clearTimeout(searchTimer); runSearch(); } });

  // --- legend and filters: by type and by date ---------------------------------------------
  var shown = {};
  D.types.forEach(function (t) {
    shown[t.name] = true;
    var li = el('li'), box = el('input'), sw = el('span', null, 'sw sw-' + t.shape), name = el('label', t.name);
    box.type = 'checkbox';
    box.checked = true;
    box.id = 'type-' + t.name.replace(/[^A-Za-z0-9_-]/g, '_');
    box.setAttribute('data-type', t.name);
    name.setAttribute('for', box.id);
    sw.style.backgroundColor = t.color;
    box.addEventListener('change', function () { shown[t.name] = box.checked; applyFilters(); });
    li.appendChild(box); li.appendChild(sw); li.appendChild(name); li.appendChild(el('span', t.count, 'count'));
    $('types').appendChild(li);
  });
  var disputed = D.nodes.filter(function (n) { return n.x; }).length;
  if (disputed) {
    var ring = el('li', null, 'disputed');
    var mark = el('span', null, 'sw sw-dot');
    mark.style.border = '3px solid #d62728';
    ring.appendChild(mark);
    ring.appendChild(el('span', 'red ring: sources disagree'));
    ring.appendChild(el('span', disputed, 'count'));
    $('types').appendChild(ring);
  }
  function validDate(s) { return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s); }
  function inRange(d, since, until) {   // at the coarser of the two precisions
    if (since && d.slice(0, since.length) < since.slice(0, d.length)) return false;
    if (until && d.slice(0, until.length) > until.slice(0, d.length)) return false;
    return true;
  }
  function visible(n, since, until) {
    if (!shown[n.t]) return false;
    if (n.d) return inRange(n.d, since, until);              // an event: dated in the range
    if (n.sd) return inRange(n.sd, '', until);               // a state: begun by its end
    return true;
  }
  function applyFilters() {
    var since = $('since').value.trim(), until = $('until').value.trim();
    since = validDate(since) ? since : ''; until = validDate(until) ? until : '';
    var changes = [];
    D.nodes.forEach(function (n, i) {
      var hide = !visible(n, since, until);
      if (!!visNodes.get(i).hidden !== hide) changes.push({ id: i, hidden: hide });
    });
    if (changes.length) visNodes.update(changes);
    timelineButtons.forEach(function (b) { b.hidden = !!visNodes.get(+b.getAttribute('data-node')).hidden; });
    showCounts();
  }
  ['since', 'until'].forEach(function (id) { $(id).addEventListener('change', applyFilters); });
  function showCounts() {
    var hidden = visNodes.get({ filter: function (n) { return n.hidden; } }).length;
    status.textContent = (N - hidden) + ' of ' + N + ' nodes, ' + D.edges.length + ' edges';
  }
  state.applyFilters = applyFilters;

  // --- timeline: summits and meetings by date ------------------------------------------------
  var timelineButtons = [];
  (function () {
    var events = [];
    D.nodes.forEach(function (n, i) { if ((n.t === 'Summit' || n.t === 'Meeting') && n.d) events.push(i); });
    events.sort(function (a, b) { return D.nodes[a].d < D.nodes[b].d ? -1 : D.nodes[a].d > D.nodes[b].d ? 1 : a - b; });
    var strip = $('events'), year = null;
    if (!events.length) strip.appendChild(el('span', 'No dated summits or meetings.', 'hint'));
    events.forEach(function (i) {
      var n = D.nodes[i];
      if (n.d.slice(0, 4) !== year) { year = n.d.slice(0, 4); strip.appendChild(el('span', year, 'year')); }
      var b = el('button');
      b.type = 'button';
      b.setAttribute('data-node', String(i));
      b.style.borderLeftColor = (typeOf[n.t] || {}).color || '#555555';
      b.appendChild(el('span', n.d, 'date'));
      b.appendChild(el('span', n.l, 'lbl'));
      b.addEventListener('click', function () { select(i); });
      strip.appendChild(b);
      timelineButtons.push(b);
    });
  })();
  function markTimeline(i) {
    timelineButtons.forEach(function (b) {
      var on = +b.getAttribute('data-node') === i;
      b.classList.toggle('active', on);
      if (on && b.scrollIntoView) b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  }
})();
