// The supervisor's documents page (templates/documents.html): a bulk issue for a campaign's
// people (POST /api/v1/documents/jobs), the latest ones with their progress, followed while
// they run (GET /api/v1/documents/jobs/{id}), an interrupted one resumed, a finished one's
// print run downloaded; and one document revoked by its number with a reason. Counts only:
// no name is ever drawn here.

import {
  api, byId, clearMessages, el, emptyRow, fmtMinute, list, problemText, replyText, say, setBusy, showConfirm, t,
} from '/static/kernel/pages.js';

const FOLLOW_MS = 700;
const bulk = byId('bulk-form');
const revoke = byId('revoke-form');
const campaigns = new Map([...byId('bulk-campaign').options].map((o) => [o.value, o.textContent]));
const number = (n) => Number(n || 0).toLocaleString(document.documentElement.lang || 'en');

function progress(job) {
  const total = Math.max(1, Number(job.total) || 0);
  const done = (Number(job.issued) || 0) + (Number(job.skipped) || 0);
  const state = job.state === 'running' && job.interrupted ? 'interrupted' : job.state;
  const bar = el('progress', { max: String(total), value: String(Math.min(done, total)), 'aria-label': t('docs_progress') });
  return el('span', { class: 'job-progress' }, bar, ' ', t(`docs_state_${state}`, { done: number(done), total: number(job.total) }));
}

function actions(job) {
  const out = [];
  if ((job.state === 'running' && job.interrupted) || job.state === 'failed') {
    out.push(el('button', { type: 'button', class: 'small', onclick: () => resume(job.id) }, t('docs_resume')));
  }
  if (job.state === 'done' && Number(job.to_print) > 0) {
    out.push(el('a', { class: 'button small secondary', href: `/api/v1/documents/jobs/${encodeURIComponent(job.id)}/letters`, download: '' },
      t('docs_print_run')));
  }
  return out;
}

function row(job) {
  return el('tr', { 'data-job': job.id },
    el('td', { text: fmtMinute(job.created_at) }),
    el('td', { text: campaigns.get(job.campaign_id) || job.campaign_id }),
    el('td', { text: t(`docs_kind_${job.kind}`) }),
    el('td', {}, progress(job)),
    el('td', { class: 'num', text: number(job.issued) }),
    el('td', { class: 'num', text: number(job.skipped) }),
    el('td', { class: 'num', text: number(job.emailed) }),
    el('td', { class: 'num', text: number(job.to_print) }),
    el('td', {}, actions(job)));
}

let following = false;

/** Draws the latest jobs; while one runs, asks again shortly. */
async function refresh() {
  const reply = await api('GET', '/api/v1/documents/jobs');
  const body = byId('jobs').tBodies[0];
  if (!reply.ok) {
    say(byId('jobs-message'), problemText(reply), true);
    return;
  }
  const jobs = list(reply.body);
  body.replaceChildren(...(jobs.length ? jobs.map(row) : [emptyRow(9, t('docs_no_jobs'))]));
  const running = jobs.some((j) => j.state === 'running' && !j.interrupted);
  if (running && !following) {
    following = true;
    setTimeout(() => { following = false; refresh(); }, FOLLOW_MS);
  }
}

async function resume(id) {
  const reply = await api('POST', `/api/v1/documents/jobs/${encodeURIComponent(id)}/resume`);
  say(byId('jobs-message'), reply.ok ? t('docs_resumed') : replyText(reply), !reply.ok);
  refresh();
}

bulk.addEventListener('submit', async (event) => {
  event.preventDefault();
  setBusy(bulk, true);
  const reply = await api('POST', '/api/v1/documents/jobs', {
    campaign: byId('bulk-campaign').value,
    kind: byId('bulk-kind').value,
    email: byId('bulk-email').checked,
  });
  setBusy(bulk, false);
  say(bulk.querySelector('.form-error'), reply.ok ? '' : replyText(reply), !reply.ok);
  if (reply.ok) say(byId('jobs-message'), t('docs_started_note', { total: number(reply.body?.total) }));
  refresh();
});

revoke.addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = byId('revoke-id').value.trim().toLowerCase();
  setBusy(revoke, true);
  const reply = await api('POST', `/api/v1/documents/${encodeURIComponent(id)}/revoke`, { reason: byId('revoke-reason').value });
  setBusy(revoke, false);
  clearMessages(revoke);
  if (reply.ok) {
    showConfirm(revoke, t('docs_revoked', { id }));
    revoke.reset();
  } else {
    say(revoke.querySelector('.form-error'), reply.status === 404 ? t('docs_not_found') : replyText(reply), true);
  }
});

refresh();
