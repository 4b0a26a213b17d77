// Inbound calls: the panel that searches the files (masked results), opens one (recorded
// with the reason "inbound call", or breaking the glass when the server finds no reason:
// breakglass.js), shows it with its history, and starts the call.

import { t } from './i18n.js';
import { byId, el, fmtDate, fmtDateTime, label } from './common.js';
import { app, closedInbound, socket } from './state.js';
import { adoptCall } from './connection.js';
import { busy, errorText, toast } from './actions.js';
import { closeBreakGlass, offerBreakGlass } from './breakglass.js';
import { clearDrawn, drawHits, drawOnce, fact, render } from './render.js';
import { notesList } from './wrapup.js';

/** Closes the inbound panel and drops what it showed (search results, opened case). */
export function closeInboundState() {
  closeBreakGlass();
  app.ui.inbound = closedInbound();
  byId('search-q').value = '';
  clearDrawn(byId('search-results'));
  clearDrawn(byId('case-panel'));
  // Nothing typed about a caller stays in the page.
  byId('register-form').reset();
  byId('register-form').hidden = true;
  byId('register-open').setAttribute('aria-expanded', 'false');
}

export function openInbound() {
  if (app.call) {
    toast(t(app.lang, 'finish_call_first'));
    return;
  }
  app.ui.inbound.open = true;
  render();
  byId('search-q').focus();
}

export function closeInbound() {
  closeInboundState();
  render();
  byId('inbound').focus();
}

export async function search(event) {
  event.preventDefault();
  const q = byId('search-q').value.trim();
  if (!q || app.ui.inbound.searching) return;
  const inbound = app.ui.inbound;
  inbound.searching = true;
  inbound.error = '';
  render();
  try {
    const ack = await socket.request('search', { q });
    inbound.results = Array.isArray(ack.results) ? ack.results : [];
  } catch (error) {
    inbound.results = null;
    inbound.error = errorText(error);
  } finally {
    inbound.searching = false;
    render();
  }
}

export function openCase(code) {
  if (!code || app.call) return;
  busy(async () => {
    // A case the telephony screen pop showed opens as such; one found by the agent's own
    // search (a strong identifier the caller gave) opens as an inbound call.
    const popped = (app.ui.screenPop?.results || []).some((r) => r.case_code === code);
    const reason = popped ? 'screen_pop' : 'inbound';
    try {
      showOpened(code, await socket.request('open_case', { code, reason }));
    } catch (error) {
      // No reason the server can check: the agent may still break the glass, or cancel.
      if (error?.code !== 'purpose_refused') throw error;
      offerBreakGlass(code);
    }
  }).then(() => {
    if (!byId('break-glass-dialog').open) byId('case-title')?.focus();
  });
}

/** Shows the file the server opened (an `open_case` ack) in the inbound panel. */
export function showOpened(code, ack) {
  app.ui.inbound.open = true;
  const scripts = Array.isArray(ack.scripts) ? ack.scripts.filter((s) => s && s.id) : [];
  // The script the caller's topic in the voice menu names comes first, else `inbound`.
  const suggested = app.ui.screenPop?.script;
  app.ui.inbound.opened = {
    code: ack.case?.code || code,
    theCase: ack.case || {},
    person: ack.person || {},
    history: Array.isArray(ack.history) ? ack.history : Array.isArray(ack.history?.events) ? ack.history.events : [],
    scripts,
    script: scripts.some((s) => s.id === suggested) ? suggested : scripts[0]?.id || 'inbound',
    orders: Array.isArray(ack.orders) ? ack.orders.filter((o) => o && o.order_id) : [],
    notes: Array.isArray(ack.notes) ? ack.notes.filter((n) => n && n.text) : [],
  };
  app.ui.screenPop = null;
}

export function startInbound(orderId) {
  const opened = app.ui.inbound.opened;
  if (!opened || app.call) return;
  busy(async () => {
    // A citizen returning a missed call: the waiting order's interview, on that order.
    const args = orderId ? { code: opened.code, order_id: orderId }
      : { code: opened.code, script: byId('inbound-script')?.value || opened.script };
    const ack = await socket.request('start_inbound', args);
    if (ack.call) adoptCall(ack.call, true);
  });
}

export function renderInbound() {
  const inbound = app.ui.inbound;
  const results = inbound.results;
  byId('search').disabled = inbound.searching;
  byId('search-status').textContent = inbound.searching ? t(app.lang, 'searching')
    : inbound.error || (results == null ? '' : results.length ? t(app.lang, 'results_n', { n: results.length }) : t(app.lang, 'no_results'));
  drawHits(byId('search-results'), results || []);
  const panel = byId('case-panel');
  panel.hidden = !inbound.opened;
  if (!inbound.opened) {
    clearDrawn(panel);
    return;
  }
  drawOnce(panel, [inbound.opened, app.lang], () => drawCasePanel(panel, inbound.opened));
  byId('start-inbound').disabled = app.ui.busy;
}

function drawCasePanel(panel, { code, theCase, person, history, scripts, script, orders, notes }) {
  const name = [person.first_name, person.last_name].filter(Boolean).join(' ');
  // Which script the call runs: the caller's topic decides first, the agent may change it.
  const choice = scripts.length > 1
    ? el('label', { class: 'script-choice' }, el('span', { text: t(app.lang, 'inbound_script') }),
      el('select', { id: 'inbound-script' }, scripts.map((s) => el('option', { value: s.id, selected: s.id === script }, s.title))))
    : null;
  panel.append(
    el('div', { class: 'panel-head' },
      el('h2', { id: 'case-title', tabindex: '-1', text: name || code }),
      el('span', { class: 'mono', text: code }),
      choice,
      el('button', { type: 'button', id: 'start-inbound', class: 'primary' }, t(app.lang, 'start_inbound'))),
    el('p', { class: 'note warn', text: t(app.lang, 'identity_first') }),
    (orders || []).map((o) => el('div', { class: 'note waiting-order', dataset: { order: String(o.order_id) } },
      el('span', { text: t(app.lang, 'waiting_order', { campaign: o.campaign_name, n: o.attempts }) }), ' ',
      el('button', {
        type: 'button', class: 'small', dataset: { completeOrder: String(o.order_id) },
        onclick: () => startInbound(o.order_id),
      }, t(app.lang, 'complete_interview')))),
    el('dl', { class: 'facts' },
      fact('citizen_birth_date', fmtDate(app.lang, person.birth_date)),
      fact('citizen_phone', person.phone, 'mono'),
      fact('citizen_email', person.email),
      fact('citizen_national_number', person.national_number, 'mono'),
      fact('citizen_postal_code', person.postal_code),
      fact('citizen_language', label(app.lang, 'lang', person.language)),
      fact('case_type', label(app.lang, 'case_type', theCase.case_type)),
      fact('case_status', label(app.lang, 'case_status', theCase.status)),
      fact('case_test_date', fmtDate(app.lang, theCase.test_date)),
      fact('case_exposure_date', fmtDate(app.lang, theCase.exposure_date)),
      fact('case_onset_date', fmtDate(app.lang, theCase.onset_date))),
    // `append` writes a null as the text "null": an empty list instead.
    ...(notes.length ? [el('h3', { text: t(app.lang, 'notes_title') }), notesList(notes)] : []),
    el('h3', { text: t(app.lang, 'history') }),
    el('p', { class: 'note', text: t(app.lang, 'history_note') }),
    el('ol', { id: 'history', class: 'history' }, history.length
      ? history.map(historyItem)
      : el('li', { class: 'empty', text: t(app.lang, 'history_none') })),
  );
}

function historyItem(entry) {
  return el('li', {},
    el('time', { text: fmtDateTime(app.lang, entry.at) }),
    el('span', { class: 'who', text: entry.actor_name || entry.who || entry.actor || '' }),
    el('span', { class: 'what', text: historyWhat(entry) }));
}

/** "Call: No answer", "File opened (inbound call)"… from a case event. */
function historyWhat(entry) {
  const detail = entry.detail && typeof entry.detail === 'object' ? entry.detail : {};
  switch (entry.action) {
    case 'call.outcome':
      return t(app.lang, 'hist_call', { outcome: label(app.lang, 'outcome', detail.outcome) });
    case 'case.opened':
      return t(app.lang, 'hist_opened', { reason: label(app.lang, 'open_reason', detail.reason) });
    case 'case.status':
      return t(app.lang, 'hist_status', { status: label(app.lang, 'case_status', detail.status) });
    default:
      return label(app.lang, 'hist', String(entry.action || '').replace(/\./g, '_'));
  }
}
