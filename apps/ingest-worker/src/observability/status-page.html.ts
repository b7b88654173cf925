/**
 * The status page: one self-contained document (no external scripts, fonts or styles, so it works in
 * an air-gapped cluster through `kubectl port-forward`). The script polls /status.json and writes
 * figures with textContent only: nothing from the stream is ever parsed as HTML.
 */
export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>news-ingest status</title>
<style>
  :root { --fg:#1d2430; --muted:#64708a; --line:#dfe4ee; --bg:#f6f8fb; --card:#fff;
          --enriched:#2e7d5b; --duplicate:#c08a1e; --rejected:#b3363a; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
  header { display:flex; gap:16px; align-items:baseline; padding:14px 20px; border-bottom:1px solid var(--line); background:var(--card); }
  header h1 { font-size:18px; margin:0; }
  .badge { padding:2px 10px; border-radius:10px; font-weight:600; background:#e5e7eb; }
  .badge.up { background:#d5f0e3; color:var(--enriched); } .badge.down { background:#f7dadb; color:var(--rejected); }
  .muted { color:var(--muted); }
  main { display:grid; grid-template-columns:repeat(auto-fit, minmax(320px, 1fr)); gap:14px; padding:16px 20px; }
  section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
  section h2 { font-size:13px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:0 0 8px; }
  .kpis { display:grid; grid-template-columns:repeat(auto-fit, minmax(130px, 1fr)); gap:10px; grid-column:1/-1; }
  .kpi { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
  .kpi .v { font-size:24px; font-weight:650; font-variant-numeric:tabular-nums; }
  .kpi .l { font-size:12px; color:var(--muted); }
  table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; }
  td, th { padding:3px 4px; text-align:left; border-bottom:1px solid var(--line); }
  td.n, th.n { text-align:right; }
  .bar { height:8px; background:#8aa4d6; border-radius:4px; min-width:2px; }
  .wide { grid-column:1/-1; }
  svg { width:100%; height:140px; display:block; }
  .legend span { margin-right:12px; } .sw { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:4px; }
  .axis { display:flex; justify-content:space-between; font-size:12px; margin-top:4px; }
  #error { color:var(--rejected); }
</style>
</head>
<body data-state="loading">
<header>
  <h1>news-ingest</h1>
  <span id="ready" class="badge">…</span>
  <span class="muted">instance <b id="instance">…</b></span>
  <span class="muted">up <b id="uptime">…</b></span>
  <span class="muted">updated <b id="updated">never</b></span>
  <span id="error"></span>
</header>
<main>
  <div class="kpis">
    <div class="kpi"><div class="v" id="throughput">–</div><div class="l">events/s, last full minute</div></div>
    <div class="kpi"><div class="v" id="consumed-hour">–</div><div class="l">consumed, last hour</div></div>
    <div class="kpi"><div class="v" id="lag-total">–</div><div class="l">consumer lag (messages)</div></div>
    <div class="kpi"><div class="v" id="e2e-avg">–</div><div class="l">end-to-end, mean</div></div>
    <div class="kpi"><div class="v" id="dedup-entries">–</div><div class="l">dedup store entries</div></div>
  </div>
  <section class="wide">
    <h2>Throughput per minute, last hour</h2>
    <div class="legend muted"><span><i class="sw" style="background:var(--enriched)"></i>enriched</span><span><i class="sw" style="background:var(--duplicate)"></i>duplicate</span><span><i class="sw" style="background:var(--rejected)"></i>rejected</span></div>
    <svg id="chart" viewBox="0 0 600 140" preserveAspectRatio="none" role="img" aria-label="events per minute"></svg>
    <div class="axis muted"><span>60 min ago</span><span>peak <b id="chart-max">–</b> events/min</span><span>now</span></div>
  </section>
  <section>
    <h2>Outcomes, last hour</h2>
    <table>
      <tr><th>enriched</th><td class="n" id="outcome-enriched">–</td><td class="n muted" id="share-enriched"></td></tr>
      <tr><th>duplicate</th><td class="n" id="outcome-duplicate">–</td><td class="n muted" id="share-duplicate"></td></tr>
      <tr><th>rejected (dead letters)</th><td class="n" id="outcome-rejected">–</td><td class="n muted" id="share-rejected"></td></tr>
      <tr><th>consumed</th><td class="n" id="outcome-consumed">–</td><td></td></tr>
    </table>
    <p class="muted" id="invariant"></p>
    <h2>Dead letters by code</h2>
    <table id="dlq-codes"></table>
  </section>
  <section>
    <h2>Lag per partition</h2>
    <table><thead><tr><th>topic</th><th class="n">partition</th><th class="n">lag</th></tr></thead><tbody id="lag-rows"></tbody></table>
  </section>
  <section>
    <h2>Top countries, last hour</h2>
    <table id="countries"></table>
  </section>
  <section>
    <h2>Top topics, last hour</h2>
    <table id="topics"></table>
  </section>
</main>
<script>
(function () {
  'use strict';
  var POLL_MS = 5000;
  var fmt = new Intl.NumberFormat('en');
  function $(id) { return document.getElementById(id); }
  function set(id, text) { $(id).textContent = text; }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function duration(s) {
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }
  function seconds(v) { return v === null ? '–' : v < 1 ? Math.round(v * 1000) + ' ms' : v.toFixed(2) + ' s'; }

  function ranked(tableId, rows, label) {
    var table = $(tableId), max = rows.length ? rows[0].count : 1;
    table.replaceChildren();
    if (!rows.length) { var tr = table.insertRow(); var td = el('td', 'none yet', 'muted'); tr.appendChild(td); return; }
    rows.forEach(function (r) {
      var tr = table.insertRow();
      tr.appendChild(el('td', label(r)));
      tr.appendChild(el('td', fmt.format(r.count), 'n'));
      var cell = el('td'); var bar = el('div', undefined, 'bar');
      bar.style.width = Math.max(2, Math.round((r.count / max) * 100)) + '%';
      cell.appendChild(bar); cell.style.width = '40%'; tr.appendChild(cell);
    });
  }

  function chart(perMinute) {
    var svg = $('chart'), ns = 'http://www.w3.org/2000/svg', w = 600 / perMinute.length, h = 130;
    var max = perMinute.reduce(function (m, p) { return Math.max(m, p.enriched + p.duplicate + p.rejected); }, 1);
    svg.replaceChildren();
    set('chart-max', fmt.format(max));
    perMinute.forEach(function (p, i) {
      var y = h + 5;
      [['rejected', '--rejected'], ['duplicate', '--duplicate'], ['enriched', '--enriched']].forEach(function (k) {
        var v = p[k[0]]; if (!v) return;
        var bh = (v / max) * h; y -= bh;
        var r = document.createElementNS(ns, 'rect');
        r.setAttribute('x', String(i * w + 0.5)); r.setAttribute('width', String(Math.max(1, w - 1)));
        r.setAttribute('y', String(y)); r.setAttribute('height', String(bh));
        r.setAttribute('fill', 'var(' + k[1] + ')');
        var t = document.createElementNS(ns, 'title'); t.textContent = p.at.slice(11, 16) + ' ' + k[0] + ': ' + v;
        r.appendChild(t); svg.appendChild(r);
      });
    });
  }

  function render(s) {
    var ready = $('ready');
    ready.textContent = s.ready ? 'ready' : 'not ready';
    ready.className = 'badge ' + (s.ready ? 'up' : 'down');
    set('instance', s.instance);
    set('uptime', duration(s.uptimeSeconds));
    set('throughput', fmt.format(s.throughput.lastMinutePerSecond));
    set('consumed-hour', fmt.format(s.totals.consumed));
    set('lag-total', fmt.format(s.lag.total));
    set('e2e-avg', seconds(s.endToEndAvgSeconds));
    set('dedup-entries', s.dedupStoreEntries === null ? '–' : fmt.format(s.dedupStoreEntries));
    var out = s.totals.enriched + s.totals.duplicate + s.totals.rejected;
    ['enriched', 'duplicate', 'rejected'].forEach(function (o) {
      set('outcome-' + o, fmt.format(s.totals[o]));
      set('share-' + o, out ? Math.round((s.totals[o] / out) * 100) + '%' : '');
    });
    set('outcome-consumed', fmt.format(s.totals.consumed));
    var since = s.sinceStart, produced = since.produced.enriched + since.produced.duplicate + since.produced.rejected;
    set('invariant', since.consumed === produced
      ? 'Since start: consumed ' + fmt.format(since.consumed) + ' = enriched + duplicate + rejected.'
      : 'Since start: consumed ' + fmt.format(since.consumed) + ' but produced ' + fmt.format(produced) + ' (a batch may be committing).');
    ranked('dlq-codes', s.deadLetterCodes, function (r) { return r.id; });
    ranked('countries', s.topCountries, function (r) { return r.name + ' (' + r.id + ')'; });
    ranked('topics', s.topTopics, function (r) { return r.id; });
    var rows = $('lag-rows'); rows.replaceChildren();
    s.lag.partitions.forEach(function (p) {
      var tr = rows.insertRow();
      tr.appendChild(el('td', p.topic)); tr.appendChild(el('td', String(p.partition), 'n')); tr.appendChild(el('td', fmt.format(p.lag), 'n'));
    });
    if (!s.lag.partitions.length) { rows.insertRow().appendChild(el('td', 'no partitions assigned', 'muted')); }
    chart(s.perMinute);
    set('updated', new Date().toLocaleTimeString());
    set('error', '');
    document.body.dataset.state = 'loaded';
  }

  function poll() {
    fetch('status.json', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(render)
      .catch(function (e) { set('error', 'cannot reach the worker: ' + e.message); })
      .then(function () { setTimeout(poll, POLL_MS); });
  }
  poll();
})();
</script>
</body>
</html>
`;
