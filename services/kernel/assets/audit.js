// The DPO's report (templates/audit_person.html): who accessed the files of the person
// behind a case code, when, and why, from GET /api/v1/audit/people/{code}. Asking is itself
// recorded by the server. The code never goes into the page's URL (browser history, logs):
// the form is sent by this script, not by the browser.

import { api, byId, clearMessages, el, fmtDateTime, hasText, list, page, problemText, setBusy, t } from './pages.js';

const form = byId('audit-form');

/** A case code as people type it (`k7m-4qx b`), in the form the server stores: `K7M4QXB`. */
function canonical(input) {
  return String(input || '').replace(/[\s-]/g, '').toUpperCase();
}

/** `case.break_glass` in plain words (`action_case_break_glass`); an unknown one as it is. */
function words(kind, value) {
  const key = `${kind}_${String(value).replace(/[.-]/g, '_')}`;
  return hasText(key) ? t(key) : String(value);
}

function codeError(text) {
  form.querySelector('[data-error-for="code"]').textContent = text;
  byId('audit-code').setAttribute('aria-invalid', 'true');
  byId('audit-code').focus();
}

async function show(event) {
  event.preventDefault();
  clearMessages(form);
  const code = canonical(byId('audit-code').value);
  if (!/^[0-9A-Z]{7}$/.test(code)) {
    codeError(t('audit_bad_code'));
    return;
  }
  setBusy(form, true);
  const reply = await api('GET', `/api/v1/audit/people/${encodeURIComponent(code)}`);
  setBusy(form, false);
  // A report for another code must not stay on screen under this one.
  byId('report').hidden = true;
  if (reply.status === 404) {
    codeError(t('audit_not_found'));
    return;
  }
  if (!reply.ok) {
    form.querySelector('.form-error').textContent = problemText(reply);
    return;
  }
  draw(code, reply.body || {});
}

function draw(code, report) {
  const accesses = list(report.accesses);
  byId('report-title').textContent = t('audit_report_for', { code });
  byId('report-made').textContent = t('audit_made', { time: fmtDateTime(Date.now()), name: page.dataset.userName || '' });
  byId('report-cases').textContent = t('audit_cases', { codes: list(report.cases).join(', ') });
  byId('report-count').textContent = accesses.length ? t('audit_count', { n: accesses.length }) : t('audit_none');
  byId('accesses').tBodies[0].replaceChildren(...accesses.map(accessRow));
  byId('report').hidden = false;
  byId('report-title').setAttribute('tabindex', '-1');
  byId('report-title').focus();
}

function accessRow(access) {
  const glass = access.action === 'case.break_glass' || access.reason === 'break_glass';
  return el('tr', { class: glass ? 'break-glass' : null },
    el('td', { class: 'nowrap', text: fmtDateTime(access.at) }),
    el('td', {}, access.actor_name
      ? [access.actor_name, el('br'), el('small', { class: 'mono', text: access.actor })]
      : el('span', { class: 'mono', text: access.actor })),
    el('td', { text: words('action', access.action) }),
    el('td', { class: 'mono', text: access.case_code || '' }),
    el('td', { text: access.reason ? words('reason', access.reason) : '' }),
    el('td', { class: 'justification', text: access.justification || '' }));
}

form.addEventListener('submit', show);
byId('print').addEventListener('click', () => window.print());
