"""A self-contained HTML view of a diplokg graph: no CDN, no external script.

The data travels as JSON inside a ``<script type="application/json">`` element with
'<', '>' and '&' escaped as \\u sequences, so that no label can close the script; the
page's own script draws it with a small force layout on an SVG and sets labels with
``textContent`` (never as HTML).
"""
from __future__ import annotations

import html
import json

from rdflib import Graph

from .export import to_networkx

COLORS = {"Country": "#1f77b4", "Leader": "#d62728", "Organization": "#2ca02c", "City": "#9467bd",
          "Summit": "#ff7f0e", "Meeting": "#8c564b", "Partnership": "#e377c2", "Membership": "#7f7f7f",
          "Article": "#bcbd22", "Ministry": "#17becf", "SummitSeries": "#ff9896"}

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>body{{font-family:sans-serif;margin:0}} #info{{position:fixed;top:0;left:0;padding:6px;background:#fffd;font-size:13px;max-width:40%}}
svg{{width:100vw;height:100vh}} text{{font-size:11px;pointer-events:none}} line{{stroke:#999;stroke-opacity:.6}}</style>
</head><body><div id="info">{title}: {n} nodes, {m} edges (click a node)</div>
<svg id="view"></svg>
<script type="application/json" id="data">{data}</script>
<script>
(function(){{
const d = JSON.parse(document.getElementById('data').textContent);
const svg = document.getElementById('view'), NS = 'http://www.w3.org/2000/svg';
const W = window.innerWidth, H = window.innerHeight;
const idx = new Map(d.nodes.map((n, i) => [n.id, i]));
d.nodes.forEach((n, i) => {{ n.x = W/2 + 300*Math.cos(i); n.y = H/2 + 300*Math.sin(i); n.vx = 0; n.vy = 0; }});
const links = d.links.filter(l => idx.has(l.source) && idx.has(l.target)).map(l => ({{s: idx.get(l.source), t: idx.get(l.target), r: l.relation}}));
for (let it = 0; it < 300; it++) {{
  for (let i = 0; i < d.nodes.length; i++) for (let j = i + 1; j < d.nodes.length; j++) {{
    const a = d.nodes[i], b = d.nodes[j]; let dx = a.x - b.x, dy = a.y - b.y; const q = dx*dx + dy*dy + 0.01;
    const f = 2000 / q; a.vx += dx*f; a.vy += dy*f; b.vx -= dx*f; b.vy -= dy*f; }}
  links.forEach(l => {{ const a = d.nodes[l.s], b = d.nodes[l.t]; const dx = b.x - a.x, dy = b.y - a.y;
    a.vx += dx*0.01; a.vy += dy*0.01; b.vx -= dx*0.01; b.vy -= dy*0.01; }});
  d.nodes.forEach(n => {{ n.vx += (W/2 - n.x)*0.002; n.vy += (H/2 - n.y)*0.002;
    n.x += Math.max(-20, Math.min(20, n.vx)); n.y += Math.max(-20, Math.min(20, n.vy)); n.vx *= 0.5; n.vy *= 0.5; }});
}}
links.forEach(l => {{ const e = document.createElementNS(NS, 'line'); const a = d.nodes[l.s], b = d.nodes[l.t];
  e.setAttribute('x1', a.x); e.setAttribute('y1', a.y); e.setAttribute('x2', b.x); e.setAttribute('y2', b.y); svg.appendChild(e); }});
d.nodes.forEach(n => {{ const c = document.createElementNS(NS, 'circle');
  c.setAttribute('cx', n.x); c.setAttribute('cy', n.y); c.setAttribute('r', 7); c.setAttribute('fill', n.color);
  c.addEventListener('click', () => {{ const info = document.getElementById('info'); info.textContent = '';
    Object.keys(n).filter(k => !['x','y','vx','vy','color'].includes(k)).forEach(k => {{
      const row = document.createElement('div'); row.textContent = k + ': ' + n[k]; info.appendChild(row); }}); }});
  svg.appendChild(c);
  const t = document.createElementNS(NS, 'text'); t.setAttribute('x', n.x + 9); t.setAttribute('y', n.y + 4);
  t.textContent = n.label; svg.appendChild(t); }});
}})();
</script></body></html>
"""


def _script_safe_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def to_html(graph: Graph, title: str = "diplokg graph") -> str:
    nxg = to_networkx(graph)
    nodes = []
    for node, attrs in nxg.nodes(data=True):
        kind = attrs.get("type", "").split(",")[0]
        nodes.append({"id": node, **{k: str(v) for k, v in attrs.items()},
                      "color": COLORS.get(kind, "#555")})
    links = [{"source": s, "target": t, "relation": a.get("relation", "")} for s, t, a in nxg.edges(data=True)]
    return _PAGE.format(title=html.escape(title), n=len(nodes), m=len(links),
                        data=_script_safe_json({"nodes": nodes, "links": links}))
