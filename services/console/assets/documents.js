// The documents of the case on the call: what was issued (certificate, prescription), in
// force or revoked; the agent issues one (again) in the citizen's language or another one,
// downloads what they issued and sends it to the address on file. The list is asked of the
// server (an audited read) when the call changes and after each action, never kept after
// the call.

import { t } from './i18n.js';
import { LANGS, byId, el, fmtDate } from './common.js';
import { app } from './state.js';
import { drawOnce, clearDrawn } from './render.js';
import { toast } from './actions.js';

const KINDS = ['quarantine_certificate', 'test_prescription'];

/** The list for the call on screen: `{ call, docs }`, or null while asked. */
let shown = null;
let asking = null;
/** What the last action said, shown under the list until the next one. */
let said = { call: null, text: '' };

async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let answer;
  try {
    answer = await fetch(path, init);
  } catch {
    throw new Error(t(app.lang, 'docs_network'));
  }
  const data = answer.status === 204 ? null : await answer.json().catch(() => null);
  if (!answer.ok) {
    const slug = typeof data?.type === 'string' ? data.type.split('/').pop() : '';
    if (slug === 'mail-not-configured') throw new Error(t(app.lang, 'docs_mail_off'));
    if (slug === 'no-email-address') throw new Error(t(app.lang, 'docs_no_email'));
    throw new Error(data?.detail || t(app.lang, 'docs_failed'));
  }
  return data;
}

async function refresh() {
  const c = app.call;
  const code = c?.case?.code;
  if (!code) return;
  const key = c.call_id;
  asking = key;
  try {
    const docs = await call('GET', `/api/v1/documents?case=${encodeURIComponent(code)}`);
    if (asking === key) shown = { call: key, docs: Array.isArray(docs) ? docs : [] };
  } catch (error) {
    if (asking === key) shown = { call: key, docs: [], error: error.message };
  }
  renderDocuments();
}

async function act(work, done) {
  const call = app.call?.call_id;
  try {
    await work();
    said = { call, text: done };
  } catch (error) {
    said = { call, text: error.message };
    toast(error.message, true);
  }
  await refresh();
}

function issue() {
  const kind = byId('docs-kind').value;
  const language = byId('docs-language').value;
  act(() => call('POST', '/api/v1/documents', { case: app.call.case.code, kind, language }),
    t(app.lang, 'docs_issued'));
}

function send(id) {
  act(() => call('POST', `/api/v1/documents/${encodeURIComponent(id)}/email`), t(app.lang, 'docs_emailed'));
}

function row(d) {
  const inForce = d.state === 'issued';
  const period = t(app.lang, 'docs_valid', { from: fmtDate(app.lang, d.valid_from), until: fmtDate(app.lang, d.valid_until) });
  return el('li', { class: 'doc' },
    el('span', { class: 'doc-title', text: d.title }),
    el('span', { class: 'note', text: ` · ${period} · ` }),
    el('span', { class: inForce ? 'badge passed' : 'badge', text: t(app.lang, inForce ? 'docs_in_force' : 'docs_revoked') }),
    inForce && d.mine ? el('span', { class: 'doc-actions' },
      el('a', { class: 'button secondary', href: `/api/v1/documents/${encodeURIComponent(d.id)}/pdf`, download: '' },
        t(app.lang, 'docs_download')),
      el('button', { type: 'button', class: 'secondary', onclick: () => send(d.id) }, t(app.lang, 'docs_email'))) : '');
}

/** The documents block of the call screen. */
export function renderDocuments() {
  const box = byId('call-documents');
  const c = app.call;
  if (!c?.case?.code) {
    box.hidden = true;
    clearDrawn(box);
    return;
  }
  box.hidden = false;
  if (shown?.call !== c.call_id && asking !== c.call_id) {
    shown = null;
    refresh();
  }
  const mine = shown?.call === c.call_id ? shown : null;
  const citizen = LANGS.includes(c.person?.language) ? c.person.language : c.language;
  const status = said.call === c.call_id ? said.text : '';
  drawOnce(box, [c.call_id, mine, status, app.lang], () => {
    box.append(
      el('h3', { id: 'call-documents-title', text: t(app.lang, 'docs_title') }),
      !mine ? el('p', { class: 'note', text: t(app.lang, 'docs_loading') })
        : mine.error ? el('p', { class: 'note', text: mine.error })
          : mine.docs.length === 0 ? el('p', { class: 'note', text: t(app.lang, 'docs_none') })
            : el('ul', { class: 'docs' }, mine.docs.map(row)),
      el('div', { class: 'docs-issue' },
        el('label', { for: 'docs-kind', text: t(app.lang, 'docs_kind') }),
        el('select', { id: 'docs-kind' }, KINDS.map((k) => el('option', { value: k }, t(app.lang, `docs_kind_${k}`)))),
        el('label', { for: 'docs-language', text: t(app.lang, 'docs_language') }),
        el('select', { id: 'docs-language' }, LANGS.map((l) => el('option', { value: l, selected: l === citizen },
          t(app.lang, `docs_lang_${l}`)))),
        el('button', { type: 'button', id: 'docs-issue', onclick: issue }, t(app.lang, 'docs_issue'))),
      el('p', { id: 'docs-status', class: 'note', role: 'status', text: status }),
    );
  });
}
