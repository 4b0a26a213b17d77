// The calling windows of a campaign's policy (`policy.windows`: per weekday, local times
// `[["09:00", "20:00"]]`), edited as a week: a row per day with its windows as time inputs
// and a bar drawing them over the 24 hours, so a supervisor sees at a glance when citizens
// are phoned. A day without windows is not called; no windows at all means any time (the
// "any time" box). The server checks every window again (policy.rs) and names a bad one.

import { byId, el, t } from '/static/kernel/pages.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAYS = DAYS.slice(0, 5);
const SVG = 'http://www.w3.org/2000/svg';

/** The week a new campaign starts with: weekdays 09:00-20:00, Saturday 10:00-16:00. */
export const DEFAULT_WEEK = {
  mon: [['09:00', '20:00']], tue: [['09:00', '20:00']], wed: [['09:00', '20:00']],
  thu: [['09:00', '20:00']], fri: [['09:00', '20:00']], sat: [['10:00', '16:00']],
};

let week = {};
let onChange = () => {};
const root = byId('week');
const anyTime = byId('b-any-time');

const hours = (hhmm) => {
  const [h, m] = String(hhmm).split(':').map(Number);
  return Number.isFinite(h) && Number.isFinite(m) ? h + m / 60 : NaN;
};

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** The day's windows drawn over 24 hours (a tick every 6 hours). */
function bar(windows, dayLabel) {
  const drawn = svg('svg', { viewBox: '0 0 24 1', preserveAspectRatio: 'none', class: 'bar', role: 'img' });
  const title = svg('title', {});
  title.textContent = windows.length
    ? `${dayLabel}: ${windows.map(([a, b]) => `${a}–${b}`).join(', ')}`
    : `${dayLabel}: ${t('week_closed')}`;
  drawn.append(title, svg('rect', { class: 'track', x: 0, y: 0, width: 24, height: 1 }));
  for (const [a, b] of windows) {
    const from = hours(a);
    const to = hours(b);
    if (from < to) drawn.append(svg('rect', { class: 'open', x: from, y: 0.1, width: to - from, height: 0.8 }));
  }
  for (const h of [6, 12, 18]) drawn.append(svg('line', { class: 'tick', x1: h, x2: h, y1: 0, y2: 1 }));
  return drawn;
}

function changed() {
  draw();
  onChange();
}

function dayRow(day) {
  const label = t(`day_${day}`);
  const windows = week[day] || [];
  const inputs = windows.map(([from, to], i) => {
    const set = (which) => (event) => {
      week[day][i][which] = event.target.value;
      // Only the bar is redrawn while typing: the input keeps its focus.
      row.querySelector('svg.bar').replaceWith(bar(week[day], label));
      onChange();
    };
    const n = i + 1;
    return el('div', { class: 'window' },
      el('input', { type: 'time', value: from, 'aria-label': t('window_from', { day: label, n }), oninput: set(0), dataset: { day, i: String(i), end: 'from' } }),
      el('span', { 'aria-hidden': 'true', text: '–' }),
      el('input', { type: 'time', value: to, 'aria-label': t('window_to', { day: label, n }), oninput: set(1), dataset: { day, i: String(i), end: 'to' } }),
      el('button', {
        type: 'button', class: 'small secondary', text: '×', 'aria-label': t('window_remove', { day: label, n }),
        onclick: () => { week[day].splice(i, 1); if (!week[day].length) delete week[day]; changed(); },
      }));
  });
  const add = el('button', {
    type: 'button', class: 'small secondary', text: t('window_add'), 'aria-label': t('window_add_to', { day: label }),
    onclick: () => { (week[day] ||= []).push(windows.length ? ['14:00', '18:00'] : ['09:00', '17:00']); changed(); },
  });
  const row = el('div', { class: 'day', dataset: { day } },
    el('span', { class: 'day-name', text: label }),
    el('div', { class: 'windows' }, inputs.length ? inputs : el('span', { class: 'closed', text: t('week_closed') }), add),
    bar(windows, label));
  return row;
}

function draw() {
  const copy = el('button', {
    type: 'button', class: 'small secondary', text: t('week_copy_monday'),
    onclick: () => {
      for (const day of WEEKDAYS.slice(1)) {
        if (week.mon) week[day] = week.mon.map(([a, b]) => [a, b]);
        else delete week[day];
      }
      changed();
    },
  });
  root.replaceChildren(...DAYS.map(dayRow), copy);
  root.classList.toggle('any', anyTime.checked);
  for (const input of root.querySelectorAll('input, button')) input.disabled = anyTime.checked;
}

/** Shows `windows` (a policy's; empty means any time). */
export function setWeek(windows) {
  const given = windows && typeof windows === 'object' ? windows : {};
  week = {};
  for (const day of DAYS) {
    if (Array.isArray(given[day]) && given[day].length) week[day] = given[day].map(([a, b]) => [a, b]);
  }
  anyTime.checked = Object.keys(week).length === 0;
  // With "any time" ticked the days keep a sensible week to untick back to.
  if (anyTime.checked) week = structuredClone(DEFAULT_WEEK);
  draw();
}

/** The windows as the policy takes them: none when any time is ticked. */
export function readWeek() {
  if (anyTime.checked) return {};
  const out = {};
  for (const day of DAYS) if (week[day]?.length) out[day] = week[day].map(([a, b]) => [a, b]);
  return out;
}

/** Starts the editor; `notify` runs after every change. */
export function initWeek(notify) {
  onChange = notify;
  anyTime.addEventListener('change', changed);
  setWeek(DEFAULT_WEEK);
}
