import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { ApiError, get, path } from '../api.js';
import { href } from '../router.js';
import { html, Loading, Select, Time, useLoad } from '../ui.js';

const RANGES = [['PT1H', 'Last hour', 'PT1M'], ['PT24H', 'Last 24 hours', 'PT15M'], ['P7D', 'Last 7 days', 'PT1H']];
const HOURS = { PT1H: 1, PT24H: 24, P7D: 168 };
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

function notImplemented(e) {
  return e instanceof ApiError && e.status === 501;
}

/** Evaluations per variation over time (summed over reasons), one line each, a marker at every change. */
function Chart({ insights, variations }) {
  const box = useRef(null);
  useEffect(() => {
    const times = insights.series.map((s) => Date.parse(s.start) / 1000);
    const used = [...new Set(insights.series.flatMap((s) => s.counts.map((c) => c.variation)))].sort((a, b) => a - b);
    const data = [times, ...used.map((v) => insights.series.map((s) => s.counts.filter((c) => c.variation === v).reduce((n, c) => n + c.count, 0)))];
    const changes = insights.changes.map((c) => ({ x: Date.parse(c.at) / 1000, label: 'v' + c.version }));
    const width = Math.max(280, Math.min(box.current.clientWidth || 800, 960));
    const plot = new uPlot({
      width, height: 260,
      scales: { x: { time: true, range: [Date.parse(insights.from) / 1000, Date.parse(insights.to) / 1000] } },
      series: [{}, ...used.map((v, i) => ({
        label: v < 0 ? 'errors' : `${v}: ${variations[v] ? JSON.stringify(variations[v].value) : '?'}`,
        stroke: COLOURS[i % COLOURS.length], points: { show: true },
      }))],
      hooks: {
        draw: [(u) => {
          const { ctx } = u;
          ctx.save();
          ctx.strokeStyle = '#6b7280';
          ctx.fillStyle = '#374151';
          ctx.setLineDash([4, 4]);
          ctx.font = `${12 * devicePixelRatio}px sans-serif`;
          for (const change of changes) {
            const x = u.valToPos(change.x, 'x', true);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText(change.label, x + 3, u.bbox.top + 12 * devicePixelRatio);
          }
          ctx.restore();
        }],
      },
    }, data, box.current);
    return () => plot.destroy();
  }, [insights]);
  return html`<div class="chart" ref=${box} role="img" aria-label="Evaluations per variation over time"></div>`;
}

export function FlagInsightsChart({ project, env, flag, variations, revision }) {
  const [range, setRange] = useState('PT1H');
  const state = useLoad(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - HOURS[range] * 3600 * 1000);
    const step = RANGES.find((r) => r[0] === range)[2];
    try {
      return (await get(path`/v1/projects/${project}/environments/${env}/flags/${flag}/insights`,
        { query: { from: from.toISOString(), to: to.toISOString(), step } })).data;
    } catch (e) {
      if (notImplemented(e)) {
        return null;
      }
      throw e;
    }
  }, [project, env, flag, range, revision]);
  return html`<section class="panel insights" aria-label="Insights">
    <h2>Evaluations</h2>
    <${Select} label="Range" value=${range} options=${RANGES.map(([v, l]) => [v, l])} onChange=${setRange}/>
    <button type="button" onClick=${state.reload}>Refresh</button>
    <${Loading} state=${state}>${(insights) => {
      if (!insights) {
        return html`<p class="muted">This deployment has no insights store yet.</p>`;
      }
      const totals = {};
      insights.series.forEach((s) => s.counts.forEach((c) => { totals[c.variation] = (totals[c.variation] || 0) + c.count; }));
      return html`<${Chart} insights=${insights} variations=${variations}/>
        <table class="totals"><caption>Evaluations in the range</caption><thead><tr><th>Variation</th><th>Evaluations</th></tr></thead>
        <tbody>${Object.entries(totals).map(([v, n]) => html`<tr data-variation=${v}><td>${v < 0 ? 'errors' : `${v}: ${JSON.stringify(variations[v] && variations[v].value)}`}</td><td>${n}</td></tr>`)}</tbody></table>
        ${Object.keys(totals).length === 0 && html`<p class="muted">No evaluations reported in this range.</p>`}
        <h3>Changes in the range</h3>
        <ul class="changes">${insights.changes.map((c) => html`<li>v${c.version} ${c.action} by ${c.principal} · <${Time} iso=${c.at}/></li>`)}</ul>`;
    }}<//>
  </section>`;
}

/** Totals per flag and the stale-flags list of one environment. */
export function InsightsPage({ project, env }) {
  const state = useLoad(async () => {
    try {
      const [totals, stale] = await Promise.all([
        get(path`/v1/projects/${project}/environments/${env}/flags/insights`).then((r) => r.data.items),
        get(path`/v1/projects/${project}/environments/${env}/stale-flags`).then((r) => r.data),
      ]);
      return { totals, stale };
    } catch (e) {
      if (notImplemented(e)) {
        return null;
      }
      throw e;
    }
  }, [project, env]);
  return html`<h1>Insights in ${env}</h1><${Loading} state=${state}>${(data) => (!data
    ? html`<p class="muted">This deployment has no insights store yet.</p>`
    : html`<section class="panel"><h2>Evaluations, last 24 hours</h2>
        <table><thead><tr><th>Flag</th><th>Total</th><th>Per variation</th><th>Last evaluated</th></tr></thead><tbody>
        ${data.totals.map((t) => html`<tr><td><a href=${href(['p', project, 'flags', t.flag], { env })}>${t.flag}</a></td><td>${t.total}</td>
          <td>${t.counts.map((c) => `${c.variation}: ${c.count}`).join(', ')}</td><td><${Time} iso=${t.lastEvaluatedAt}/></td></tr>`)}
        </tbody></table></section>
      <section class="panel stale"><h2>Stale flags (${data.stale.days} days)</h2>
        <ul>${data.stale.items.map((s) => html`<li><a href=${href(['p', project, 'flags', s.flag], { env })}>${s.flag}</a>:
          ${s.reasons.map((r) => r.message).join('; ')}</li>`)}
        ${data.stale.items.length === 0 && html`<li class="muted">None.</li>`}</ul></section>`)}<//>`;
}
