// Drawing the console from `app`: the status, the toolbar, the banners and the main panel
// (the call, the inbound panel, the order on offer, or the idle text). Blocks are redrawn
// only when what they show changed, and the focused control keeps its focus.

import { t } from './i18n.js';
import { byId, el, fmtDateTime, fmtTime, label } from './common.js';
import { named } from './fields.js';
import { app } from './state.js';
import { latestMessage, messageKey } from './connection.js';
import { renderCall } from './call.js';
import { renderInbound } from './inbound.js';
import { renderWrapUp } from './wrapup.js';

const URGENT_DEADLINE_MS = 2 * 3600 * 1000;

/** Draws the whole console from `app`. */
export function render() {
  const focus = captureFocus();
  renderStatus();
  renderToolbar();
  renderTrainingMissing();
  renderScreenPop();
  renderMessage();
  renderContent();
  restoreFocus(focus);
}

/** Redraws `node` from scratch with `build`, unless it was last drawn from equal `deps`. */
export function drawOnce(node, deps, build) {
  const signature = JSON.stringify(deps);
  if (app.drawn.from.get(node) === signature) return false;
  app.drawn.from.set(node, signature);
  node.replaceChildren();
  build(node);
  return true;
}

export function clearDrawn(node) {
  app.drawn.from.delete(node);
  node.replaceChildren();
}

function statusText() {
  const status = app.state?.status || 'offline';
  if (status === 'paused' && app.state.reason) {
    return t(app.lang, 'status_paused_reason', { reason: label(app.lang, 'reason', app.state.reason) });
  }
  return label(app.lang, 'status', status);
}

function renderStatus() {
  const node = byId('status');
  const status = app.state?.status || 'offline';
  node.dataset.status = status;
  const since = typeof app.state?.since === 'number' ? ` · ${t(app.lang, 'since', { time: fmtTime(app.lang, app.state.since) })}` : '';
  node.textContent = app.state ? statusText() + since : t(app.lang, 'conn_connecting');
  const training = byId('training');
  training.textContent = app.state ? trainingLine(app.state.training) : '';
  training.title = training.textContent; // the whole line when the bar cuts it
  // The tab title helps when the console is behind another window; it never names anyone.
  document.title = `${app.state?.offer && !app.call ? t(app.lang, 'tab_offer') : statusText()} · tracecall`;
}

/**
 * "Training: N of M courses passed". The state lists the courses passed and, per running
 * campaign, the courses still missing; M counts both (each missing course once).
 */
function trainingLine(training) {
  const passed = Array.isArray(training?.passed) ? training.passed : [];
  const missing = new Set();
  for (const req of Array.isArray(training?.missing) ? training.missing : []) {
    for (const course of Array.isArray(req?.courses) ? req.courses : []) {
      if (!passed.includes(course)) missing.add(course);
    }
  }
  const total = passed.length + missing.size;
  return total === 0 ? t(app.lang, 'training_none') : t(app.lang, 'training_line', { passed: passed.length, total });
}

function renderToolbar() {
  const status = app.state?.status || 'offline';
  const ready = byId('ready');
  ready.disabled = !app.state || status === 'ready' || status === 'in_call';
  ready.setAttribute('aria-pressed', String(status === 'ready'));
  byId('pause').disabled = !app.state || status === 'in_call';
  byId('pause-reason').disabled = status === 'in_call';
  byId('inbound').disabled = Boolean(app.call);
  // The reason select follows the status when it changes, and is left alone otherwise so
  // that a push cannot undo a reason being chosen.
  if (status !== app.ui.lastStatus) {
    app.ui.lastStatus = status;
    byId('pause-reason').value = status === 'paused' && app.state?.reason ? app.state.reason : '';
  }
}

function renderTrainingMissing() {
  const box = byId('training-missing');
  const missing = (Array.isArray(app.state?.training?.missing) ? app.state.training.missing : [])
    .filter((req) => Array.isArray(req?.courses) && req.courses.length > 0);
  // Nothing to do about it during a call: the script gets the room.
  box.hidden = missing.length === 0 || Boolean(app.call);
  drawOnce(box, [missing, app.lang], () => {
    if (!missing.length) return;
    box.append(
      el('p', { text: t(app.lang, 'training_missing') }),
      el('ul', {}, missing.map((req) => el('li', {},
        el('strong', { text: req.campaign_name || req.campaign_id || '' }), ' — ',
        req.courses.map((course, i) => [
          i > 0 ? ', ' : null,
          el('a', { href: `/learn/${encodeURIComponent(course)}`, text: course }),
        ]),
      ))),
    );
  });
}

function maskedCitizen(hit) {
  const name = [hit.first_initial ? `${hit.first_initial}.` : '', hit.last_name_masked || ''].join(' ').trim();
  return [name, hit.birth_year, hit.phone_end ? `…${hit.phone_end}` : ''].filter(Boolean).join(', ');
}

/** One search or screen-pop result: masked data, what matched, and "Open the file". */
function hitItem(hit) {
  return el('li', { class: 'hit', dataset: { code: hit.case_code || '' } },
    el('span', { class: 'hit-who', text: maskedCitizen(hit) }),
    el('span', { class: 'hit-case' },
      el('span', { class: 'mono', text: hit.case_code || '' }), ' · ',
      label(app.lang, 'case_type', hit.case_type), ' · ', label(app.lang, 'case_status', hit.status)),
    hit.matched ? el('span', { class: 'hit-match', text: t(app.lang, 'matched', { what: label(app.lang, 'matched', hit.matched) }) }) : null,
    el('button', { type: 'button', class: 'open-case small', text: t(app.lang, 'open_case') }),
  );
}

export function drawHits(list, hits) {
  drawOnce(list, [hits, app.lang], () => {
    list.append(...hits.filter((hit) => hit && hit.case_code).map(hitItem));
  });
  for (const button of list.querySelectorAll('.open-case')) button.disabled = Boolean(app.call);
}

function renderScreenPop() {
  const pop = app.ui.screenPop;
  byId('screen-pop').hidden = !pop;
  if (!pop) {
    clearDrawn(byId('pop-results'));
    byId('pop-caller').textContent = '';
    return;
  }
  const results = Array.isArray(pop.results) ? pop.results : [];
  byId('pop-caller').textContent = pop.caller_masked || '';
  drawHits(byId('pop-results'), results);
  if (results.length === 0) byId('pop-results').replaceChildren(el('li', { class: 'empty', text: t(app.lang, 'pop_none') }));
}

function renderMessage() {
  const message = latestMessage();
  const show = Boolean(message) && !app.ui.dismissed.has(messageKey(message));
  byId('messages').hidden = !show;
  const from = typeof message?.from === 'object' ? message.from?.name : message?.from;
  byId('message-from').textContent = show ? String(from ?? '') : '';
  byId('message-at').textContent = show ? fmtTime(app.lang, message.at) : '';
  byId('message-body').textContent = show ? message.text : '';
}

/**
 * One main panel at a time: the call, else the inbound panel, else the offer, else the
 * after-call work, else idle.
 */
function renderContent() {
  const shown = app.call ? 'call' : app.ui.inbound.open ? 'inbound' : app.state?.offer ? 'offer'
    : app.state?.status === 'wrap_up' && app.state.wrap_up ? 'wrap-up' : 'idle';
  byId('call').hidden = shown !== 'call';
  byId('wrap-up').hidden = shown !== 'wrap-up';
  byId('inbound-panel').hidden = shown !== 'inbound';
  byId('offer').hidden = shown !== 'offer';
  byId('idle').hidden = shown !== 'idle';
  if (shown === 'offer') renderOffer(app.state.offer);
  else clearDrawn(byId('offer'));
  if (shown === 'inbound') renderInbound();
  if (shown === 'call') renderCall();
  if (shown === 'wrap-up') renderWrapUp();
  if (shown === 'idle') renderIdle();
}

function renderIdle() {
  const status = app.state?.status || 'offline';
  const reason = label(app.lang, 'reason', app.state?.reason);
  const [text, help] = !app.state ? ['conn_connecting', '']
    : status === 'in_call' ? ['call_finished', ''] // the call just ended; the new state follows
    : status === 'ready' ? ['idle_ready', 'idle_ready_help']
      : status === 'paused' ? [reason ? 'idle_paused_reason' : 'idle_paused', 'idle_paused_help']
        : ['idle_offline', 'idle_offline_help'];
  byId('idle-text').textContent = t(app.lang, text, { reason });
  byId('idle-help').textContent = help ? t(app.lang, help) : '';
}

function deadlineText(deadline) {
  if (typeof deadline !== 'number') return '';
  const left = deadline - Date.now();
  if (left <= 0) return t(app.lang, 'deadline_passed', { time: fmtDateTime(app.lang, deadline) });
  const minutes = Math.round(left / 60000);
  const relative = minutes < 60
    ? t(app.lang, 'in_minutes', { m: minutes })
    : t(app.lang, 'in_hours', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
  return `${fmtDateTime(app.lang, deadline)} (${relative})`;
}

function renderOffer(offer) {
  const box = byId('offer');
  const minute = Math.floor(Date.now() / 60000); // the "in 2 h 10" text ages
  drawOnce(box, [offer, app.lang, minute], () => {
    const citizen = offer.case || {};
    const urgent = typeof offer.deadline_at === 'number' && offer.deadline_at - Date.now() < URGENT_DEADLINE_MS;
    box.classList.toggle('urgent', urgent);
    box.append(
      el('p', { class: 'eyebrow', text: t(app.lang, 'offer_title') }),
      el('h2', { id: 'offer-title', text: offer.campaign_name || offer.campaign_id || '' }),
      el('dl', { class: 'facts' },
        fact('offer_deadline', deadlineText(offer.deadline_at), urgent ? 'urgent' : null),
        fact('offer_language', label(app.lang, 'lang', offer.language)),
        fact('offer_attempt', t(app.lang, 'attempt_n', { n: (Number(offer.attempts) || 0) + 1 })),
        fact('offer_citizen', maskedCitizen(citizen)),
        fact('case_type', label(app.lang, 'case_type', citizen.case_type)),
      ),
      el('p', { class: 'note', text: t(app.lang, 'offer_note') }),
      el('button', { type: 'button', id: 'start-call', class: 'primary' }, t(app.lang, 'start_call')),
    );
  });
  byId('start-call').disabled = app.ui.busy;
}

/** A `<dt>`/`<dd>` pair; nothing for an empty value. */
export function fact(key, value, cls) {
  if (value == null || value === '') return null;
  return [el('dt', { text: t(app.lang, key) }), el('dd', { class: cls, text: String(value) })];
}

// ------------------------------------------------------------------ focus

/** A selector finding the focused control again after a redraw. */
function captureFocus() {
  const node = document.activeElement;
  if (!node || node === document.body) return null;
  const selection = { start: null, end: null };
  try {
    selection.start = node.selectionStart;
    selection.end = node.selectionEnd;
  } catch {
    // Not a text control.
  }
  let selector = null;
  if (node.name && node.closest('#fields')) {
    selector = named(node.name) + (['radio', 'checkbox'].includes(node.type) ? `[value="${CSS.escape(node.value)}"]` : '');
    selector = `#fields ${selector}`;
  } else if (node.id) {
    selector = `#${CSS.escape(node.id)}`;
  } else if (node.closest('#path li')) {
    selector = `#path li[data-position="${CSS.escape(node.closest('li').dataset.position)}"] button`;
  } else if (node.classList.contains('open-case')) {
    const list = node.closest('ul[id]');
    const code = node.closest('li[data-code]')?.dataset.code;
    if (list && code) selector = `#${list.id} li[data-code="${CSS.escape(code)}"] .open-case`;
  }
  return selector ? { selector, ...selection } : null;
}

function restoreFocus(focus) {
  const active = document.activeElement;
  if (!focus || (active && active !== document.body)) return;
  const node = document.querySelector(focus.selector);
  if (!node || node.disabled || node.closest('[hidden]')) return;
  node.focus({ preventScroll: true });
  try {
    if (focus.start != null) node.setSelectionRange(focus.start, focus.end);
  } catch {
    // Not a text control.
  }
}

