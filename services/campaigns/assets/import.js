// The supervisor's import page (templates/import.html): the CSV is sent to
// POST /api/v1/cases/imports (the bar shows the upload, then the rows the server has
// read), the job is followed with GET /api/v1/cases/imports/{id}, and its report is drawn:
// counts, every rejected line with its reason (downloadable, to fix the file), and the
// merges. Nothing of the file or the report is kept by the browser beyond this page.

import {
  byId, el, list, problemText, say, t,
} from '/static/kernel/pages.js';

const form = byId('import-form');
const bar = byId('import-bar');
const status = (text) => { byId('import-status').textContent = text; };
const error = (text) => say(form.querySelector('.form-error'), text, true);
const FOLLOW_MS = 500;
let rejected = [];

/** Sends the file; resolves with `{ status, body }` (XMLHttpRequest: fetch cannot show an upload's progress). */
function upload(file) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/cases/imports');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      bar.value = Math.round((e.loaded / e.total) * 100);
      status(t('import_sending', { percent: bar.value }));
    };
    xhr.onload = () => {
      let body;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, body: null });
    xhr.send(file);
  });
}

const number = (n) => Number(n || 0).toLocaleString(document.documentElement.lang || 'en');

/** Rows a second since the first reading of the job, and the minutes left at that pace. */
function pace(first, rows, total) {
  const secs = (Date.now() - first.at) / 1000;
  const rate = secs > 0 ? (rows - first.rows) / secs : 0;
  if (!(rate > 0)) return '';
  const minutes = Math.max(1, Math.ceil((Math.max(0, total - rows) / rate) / 60));
  return t('import_pace', { rate: number(Math.round(rate)), minutes: number(minutes) });
}

async function follow(id) {
  let first = null;
  for (;;) {
    let answer;
    try {
      answer = await fetch(`/api/v1/cases/imports/${encodeURIComponent(id)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    } catch {
      status(t('problem_network'));
      await new Promise((r) => { setTimeout(r, FOLLOW_MS * 4); });
      continue;
    }
    const job = await answer.json().catch(() => null);
    if (!answer.ok || !job) {
      error(problemText({ status: answer.status, body: job }));
      return;
    }
    const total = Math.max(1, Number(job.rows_estimate) || 1);
    bar.value = Math.min(100, Math.round(((Number(job.rows_read) || 0) / total) * 100));
    if (job.state === 'done') {
      bar.value = 100;
      status(t('import_done', { rows: number(job.rows_read) }));
      show(job.report || {});
      return;
    }
    if (job.state === 'failed') {
      status('');
      error(t('import_failed', { error: job.error || '' }));
      return;
    }
    if (job.interrupted) {
      status(t('import_interrupted', { rows: number(job.rows_read) }));
      return;
    }
    const read = Number(job.rows_read) || 0;
    first ??= { at: Date.now(), rows: read };
    const reading = t('import_reading', { rows: number(read), total: number(job.rows_estimate) });
    const speed = pace(first, read, total);
    status(speed ? `${reading} — ${speed}` : reading);
    await new Promise((r) => { setTimeout(r, FOLLOW_MS); });
  }
}

function show(report) {
  byId('import-result').hidden = false;
  const counts = [
    ['import_rows', report.rows], ['import_people_created', report.people_created],
    ['import_people_merged', report.people_merged], ['import_cases_created', report.cases_created],
    ['import_cases_merged', report.cases_merged], ['import_rejected_count', report.rejected_count],
  ];
  byId('import-counts').replaceChildren(...counts.flatMap(([key, n]) => [el('dt', { text: t(key) }), el('dd', { text: number(n) })]));
  rejected = list(report.rejected);
  byId('rejected-none').hidden = rejected.length > 0;
  byId('rejected').hidden = rejected.length === 0;
  byId('rejected-download').hidden = rejected.length === 0;
  byId('rejected').tBodies[0].replaceChildren(...rejected.map((r) => el('tr', {},
    el('td', { class: 'num', text: String(r.line) }), el('td', { text: r.reason }))));
  const merges = list(report.merges);
  byId('merges-title').hidden = merges.length === 0;
  byId('merges').replaceChildren(...merges.map((m) => el('li', { text: t('import_merge', { line: m.line, what: m.what }) })));
  byId('rejected-title').focus?.();
}

/** The rejected lines as a CSV the supervisor can open beside the file to fix it. */
function download() {
  const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;
  const text = ['line,reason', ...rejected.map((r) => `${r.line},${quote(r.reason)}`)].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = el('a', { href: url, download: 'rejected-lines.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(form.querySelector('.form-error'), '');
  const file = byId('import-file').files?.[0];
  if (!file) {
    error(t('import_choose'));
    return;
  }
  const max = Number(byId('supervise').dataset.maxMib) * 1024 * 1024;
  if (file.size > max) {
    error(t('import_too_large', { mib: byId('supervise').dataset.maxMib }));
    return;
  }
  byId('import-go').disabled = true;
  byId('import-result').hidden = true;
  byId('import-progress').hidden = false;
  bar.value = 0;
  const reply = await upload(file);
  if (!reply.ok) {
    byId('import-go').disabled = false;
    byId('import-progress').hidden = true;
    const errors = list(reply.body?.errors).map((e) => e.message);
    error(errors.length ? errors.join(' ') : problemText(reply));
    return;
  }
  await follow(reply.body.id);
  byId('import-go').disabled = false;
});
byId('rejected-download').addEventListener('click', download);
