// The supervisor's case list (templates/cases.html): the cases of their jurisdiction from
// GET /api/v1/cases, filtered, newest first, fifty a page. Only what the case table keeps
// in clear is shown; a person is read by opening the case from a call, never from here.

import {
  api, byId, el, emptyRow, fmtMinute, list, replyText, say, t,
} from '/static/kernel/pages.js';

const filters = byId('filters');
const provinces = new Map([...byId('f-region').options].map((o) => [o.value, o.textContent]));
let page = 0;

function query() {
  const data = new FormData(filters);
  const params = new URLSearchParams();
  for (const name of ['case_type', 'status', 'region', 'from', 'to']) {
    const value = String(data.get(name) || '');
    if (value) params.set(name, value);
  }
  params.set('page', String(page));
  return params.toString();
}

function row(c) {
  return el('tr', { dataset: { code: c.code } },
    el('td', { class: 'mono', text: c.code }),
    el('td', { text: t(`case_kind_${c.case_type}`) }),
    el('td', { text: t(`case_status_${c.status}`) }),
    el('td', { text: provinces.get(c.region || '') || c.region || '' }),
    el('td', { text: c.age_band || '' }),
    el('td', { text: fmtMinute(c.created_at) }),
    el('td', { text: fmtMinute(c.closed_at) }));
}

async function load() {
  const body = byId('cases').tBodies[0];
  const reply = await api('GET', `/api/v1/cases?${query()}`);
  if (!reply.ok) {
    body.replaceChildren(emptyRow(7, replyText(reply)));
    say(byId('cases-message'), replyText(reply), true);
    return;
  }
  const rows = list(reply.body?.rows);
  const total = Number(reply.body?.total) || 0;
  const size = Number(reply.body?.page_size) || 50;
  body.replaceChildren(...(rows.length ? rows.map(row) : [emptyRow(7, t('cases_none'))]));
  const pages = Math.max(1, Math.ceil(total / size));
  byId('page-of').textContent = t('page_of', { page: page + 1, pages, total });
  byId('prev').disabled = page === 0;
  byId('next').disabled = page + 1 >= pages;
  say(byId('cases-message'), '');
}

filters.addEventListener('submit', (event) => {
  event.preventDefault();
  page = 0;
  load();
});
byId('prev').addEventListener('click', () => {
  page = Math.max(0, page - 1);
  load();
});
byId('next').addEventListener('click', () => {
  page += 1;
  load();
});
load();
