// The supervisors' figures (templates/figures.html): per team and per agent the calls, their
// outcomes, handling time (median, 90th percentile) and time in each state over a period,
// and three charts drawn as inline SVG without any library: the share of each day's orders
// reached within 24 hours, the queue hour by hour, the outcomes by campaign. Each chart also
// has its figures in a table (under "the figures"), for screen readers and for copying.

import { api, byId, el, list, page, replyText, say, t } from '/static/kernel/pages.js';

const SVG = 'http://www.w3.org/2000/svg';
const OUTCOMES = ['reached', 'no_answer', 'busy', 'voicemail', 'callback', 'wrong_number', 'refused', 'not_applicable'];
const STATES = ['ready', 'in_call', 'wrap_up', 'paused'];
const lang = document.documentElement.lang || 'en';
const LOCALE = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' }[lang] || 'en-GB';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

const duration = (s) => {
  if (s == null) return '—';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h} h ${String(m).padStart(2, '0')}` : `${m} min ${String(sec).padStart(2, '0')}`;
};
const number = (n) => Number(n || 0).toLocaleString(LOCALE);
const percent = (part, whole) => (whole ? `${Math.round((100 * part) / whole)} %` : '—');

// ------------------------------------------------------------------ tables

function workTable(table, rows, nameOf) {
  const head = el('tr', {},
    el('th', { scope: 'col', text: t('col_who') }),
    el('th', { scope: 'col', class: 'num', text: t('col_calls') }),
    OUTCOMES.slice(0, 5).map((o) => el('th', { scope: 'col', class: 'num', text: t(`outcome_${o}`) })),
    el('th', { scope: 'col', class: 'num', text: t('col_reach') }),
    el('th', { scope: 'col', class: 'num', text: t('col_handling_median') }),
    el('th', { scope: 'col', class: 'num', text: t('col_handling_p90') }),
    STATES.map((s) => el('th', { scope: 'col', class: 'num', text: t(`time_${s}`) })));
  const line = (r) => {
    const finished = Object.values(r.outcomes || {}).reduce((a, b) => a + b, 0);
    return el('tr', {},
      el('th', { scope: 'row', text: nameOf(r) }),
      el('td', { class: 'num', text: number(r.calls) }),
      OUTCOMES.slice(0, 5).map((o) => el('td', { class: 'num', text: number(r.outcomes?.[o]) })),
      el('td', { class: 'num', text: percent(r.outcomes?.reached || 0, finished) }),
      el('td', { class: 'num', text: duration(r.handling_median_s) }),
      el('td', { class: 'num', text: duration(r.handling_p90_s) }),
      STATES.map((s) => el('td', { class: 'num', text: duration(r.seconds_in?.[s] || 0) })));
  };
  table.replaceChildren(el('thead', {}, head), el('tbody', {},
    rows.length ? rows.map(line) : el('tr', { class: 'empty' }, el('td', { colspan: '14', text: t('no_work') }))));
}

// ------------------------------------------------------------------ charts

const W = 640;
const H = 220;
const PAD = { l: 44, r: 12, t: 12, b: 34 };

/** Axes with a label every `step` of the y range; returns the y scale. */
function frame(root, max, ticks) {
  const y = (v) => PAD.t + (H - PAD.t - PAD.b) * (1 - v / (max || 1));
  for (const v of ticks) {
    root.append(svg('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v) }));
    root.append(svg('text', { x: PAD.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, ticks.label(v)));
  }
  root.append(svg('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b }));
  return y;
}

function niceTicks(max, label) {
  const step = max <= 5 ? 1 : 10 ** Math.floor(Math.log10(max)) * (max / 10 ** Math.floor(Math.log10(max)) > 5 ? 2 : 1);
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  out.label = label;
  return out;
}

function chartBox(id, title, build, table) {
  const box = byId(id);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title });
  build(root);
  box.replaceChildren(root, el('details', {}, el('summary', { text: t('chart_figures') }), table));
}

function emptyText(root) {
  root.append(svg('text', { class: 'empty', x: W / 2, y: H / 2, 'text-anchor': 'middle' }, t('no_data')));
}

function reachChart(days) {
  const points = days.map((d) => ({ label: d.day, v: d.orders ? (100 * d.reached_24h) / d.orders : null, d }));
  chartBox('reach-chart', t('chart_reach'), (root) => {
    const y = frame(root, 100, niceTicks(100, (v) => `${v} %`));
    const known = points.filter((p) => p.v != null);
    if (!known.length) { emptyText(root); return; }
    const x = (i) => PAD.l + ((W - PAD.l - PAD.r) * (points.length === 1 ? 0.5 : i / (points.length - 1)));
    const path = points.map((p, i) => (p.v == null ? null : `${x(i)},${y(p.v)}`)).filter(Boolean).join(' ');
    root.append(svg('polyline', { class: 'line', points: path }));
    points.forEach((p, i) => {
      if (p.v != null) root.append(svg('circle', { class: 'dot', cx: x(i), cy: y(p.v), r: 3.5 }, null));
      if (points.length <= 10 || i % Math.ceil(points.length / 10) === 0) {
        root.append(svg('text', { x: x(i), y: H - PAD.b + 16, 'text-anchor': 'middle' }, p.label.slice(5)));
      }
    });
  }, el('table', { class: 'list' },
    el('thead', {}, el('tr', {}, [t('col_day'), t('col_orders'), t('col_reached_24h'), t('col_share')].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, days.map((d) => el('tr', {}, el('td', { text: d.day }), el('td', { class: 'num', text: number(d.orders) }),
      el('td', { class: 'num', text: number(d.reached_24h) }), el('td', { class: 'num', text: percent(d.reached_24h, d.orders) }))))));
}

function queueChart(hours) {
  const max = Math.max(1, ...hours.map((h) => h.waiting));
  const hourText = (ms) => new Date(ms).toLocaleString(LOCALE, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  chartBox('queue-chart', t('chart_queue'), (root) => {
    if (!hours.length) { frame(root, 1, niceTicks(1, number)); emptyText(root); return; }
    const y = frame(root, max, niceTicks(max, number));
    const bw = (W - PAD.l - PAD.r) / hours.length;
    hours.forEach((h, i) => {
      const top = y(h.waiting);
      root.append(svg('rect', { class: 'area', x: PAD.l + i * bw, y: top, width: Math.max(1, bw - 1), height: H - PAD.b - top },
        null));
      if (i % Math.ceil(hours.length / 8) === 0) {
        root.append(svg('text', { x: PAD.l + i * bw, y: H - PAD.b + 16 }, hourText(h.at)));
      }
    });
  }, el('table', { class: 'list' },
    el('thead', {}, el('tr', {}, [t('col_hour'), t('col_waiting')].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, hours.map((h) => el('tr', {}, el('td', { text: hourText(h.at) }), el('td', { class: 'num', text: number(h.waiting) }))))));
}

function outcomesChart(campaigns) {
  const rowH = 26;
  const height = Math.max(60, campaigns.length * rowH + 20);
  const box = byId('outcomes-chart');
  const root = svg('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': t('chart_outcomes') });
  if (!campaigns.length) {
    root.append(svg('text', { class: 'empty', x: W / 2, y: 35, 'text-anchor': 'middle' }, t('no_data')));
  }
  const left = 170;
  campaigns.forEach((c, i) => {
    const total = Object.values(c.outcomes).reduce((a, b) => a + b, 0) || 1;
    let x = left;
    root.append(svg('text', { x: left - 8, y: 10 + i * rowH + 14, 'text-anchor': 'end' }, c.name.slice(0, 26)));
    for (const o of OUTCOMES) {
      const n = c.outcomes[o] || 0;
      if (!n) continue;
      const w = ((W - left - PAD.r) * n) / total;
      const rect = svg('rect', { class: `o-${o}`, x, y: 10 + i * rowH, width: w, height: rowH - 6 });
      rect.append(svg('title', {}, `${c.name}: ${t(`outcome_${o}`)} ${number(n)}`));
      root.append(rect);
      x += w;
    }
  });
  const legend = el('ul', { class: 'legend' }, OUTCOMES.map((o) => el('li', {},
    el('span', { class: `swatch o-${o}`, 'aria-hidden': 'true' }), t(`outcome_${o}`))));
  const table = el('table', { class: 'list' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('col_campaign') }),
      OUTCOMES.map((o) => el('th', { scope: 'col', class: 'num', text: t(`outcome_${o}`) })))),
    el('tbody', {}, campaigns.map((c) => el('tr', {}, el('th', { scope: 'row', text: c.name }),
      OUTCOMES.map((o) => el('td', { class: 'num', text: number(c.outcomes[o]) }))))));
  box.replaceChildren(root, legend, el('details', {}, el('summary', { text: t('chart_figures') }), table));
}

// ------------------------------------------------------------------ the period

async function load() {
  const from = byId('p-from').value;
  const to = byId('p-to').value || from;
  const reply = await api('GET', `/api/v1/figures?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  if (!reply.ok) {
    say(byId('figures-message'), replyText(reply), true);
    return;
  }
  const f = reply.body || {};
  say(byId('figures-message'), f.from === f.to ? t('period_day', { day: f.from }) : t('period_days', { from: f.from, to: f.to }));
  workTable(byId('teams'), list(f.teams), (r) => r.team || t('national'));
  workTable(byId('agents'), list(f.agents), (r) => r.name);
  reachChart(list(f.reach));
  queueChart(list(f.queue));
  outcomesChart(list(f.campaigns).map((c) => ({ ...c, outcomes: c.outcomes || {} })));
}

const today = page.dataset.today;
byId('period').addEventListener('submit', (event) => { event.preventDefault(); load(); });
byId('p-today').addEventListener('click', () => { byId('p-from').value = today; byId('p-to').value = today; load(); });
byId('p-week').addEventListener('click', () => {
  const start = new Date(`${today}T12:00:00`);
  start.setDate(start.getDate() - 6);
  byId('p-from').value = start.toISOString().slice(0, 10);
  byId('p-to').value = today;
  load();
});
load();
