// The agent console. Everything on screen is drawn from the last `state` push (plus the
// replies received since) and a little local UI state: which panel or dialog is open. So a
// reload, a reconnect or another browser shows exactly the same thing.
//
// Privacy: citizen data stays in memory and in the DOM while it is needed, and is removed
// from the DOM when the call or the case panel closes. It never goes into URLs, the console
// log or browser storage, and it is always inserted as text, never as HTML.

import { t } from './i18n.js';
import { ConsoleSocket } from './ws.js';
import {
  buildField, localInputToRfc3339, msToLocalInput, named, readItems, readValue, setItems, writeValue,
} from './fields.js';
import {
  LANGS, applyTexts, boot, byId, describeError, el, fmtDate, fmtDateTime, fmtTime, label,
  showConnection, showUser, wireTopbar,
} from './common.js';

const TEXT_DEBOUNCE_MS = 600;
const SAVED_MARK_MS = 2000;
const TOAST_MS = 6000;
const URGENT_DEADLINE_MS = 2 * 3600 * 1000;
const OUTCOMES = ['reached', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'refused', 'callback', 'not_applicable'];
// Inputs whose answers are also sent while typing, after a pause.
const TYPED_INPUTS = new Set(['text', 'number']);
const KEPT_MESSAGES = 50;

const page = boot();
let lang = page.lang;

let state = null; // the last `state` push
let call = null; // the call on screen: state.call, kept up to date by the replies since
let freshConnection = true; // the next `state` is the first one since (re)connecting

const ui = {
  inbound: closedInbound(),
  screenPop: null,
  messages: new Map(), // key -> supervisor message
  dismissed: new Set(), // keys of dismissed messages
  busy: false, // a request that changes the screen is under way: ignore repeated clicks
  finishing: false,
  lastStatus: null,
  lastPosition: null,
};

// Autosave of the call on screen.
const autosave = {
  timers: new Map(), // field id -> debounce timer
  unsent: new Map(), // field id -> value typed but not acknowledged yet
  lastSent: new Map(), // field id -> JSON of the value last sent, to skip duplicates
  latest: new Map(), // field id -> sequence number of its latest request
  seq: 0,
  inflight: new Set(), // promises of answer requests under way
  sending: new Set(), // field ids whose latest answer awaits its reply
  savedUntil: new Map(), // field id -> until when "Saved" shows
};
const fieldErrors = new Map(); // error path (`contacts[1].phone`) -> [message]

/** Whether `callId` is still the call on screen (pushes replace the call object). */
const onScreen = (callId) => call != null && call.call_id === callId;

// Rendering caches: what each block was last drawn from, so unchanged blocks are left alone
// (no flicker, no lost focus). WeakMaps, so no citizen data ends up in DOM attributes.
const drawnFrom = new WeakMap();
const fieldSignature = new WeakMap();
const writtenValue = new WeakMap();

const socket = new ConsoleSocket();

// ------------------------------------------------------------------ server messages

socket.on('connection', (connection) => {
  showConnection(byId('connection'), lang, connection);
  if (connection === 'signed_out') location.href = '/';
});

socket.on('welcome', (msg) => {
  freshConnection = true;
  if (msg.user) showUser(msg.user);
});

socket.on('state', (msg) => {
  state = msg;
  for (const message of Array.isArray(msg.messages) ? msg.messages : []) addMessage(message);
  adoptCall(msg.call || null, freshConnection);
  if (freshConnection) resendUnsent();
  freshConnection = false;
  render();
});

socket.on('message', (msg) => {
  addMessage(msg);
  render();
});

socket.on('screen_pop', (msg) => {
  ui.screenPop = msg;
  render();
});

/**
 * Takes `next` as the call on screen. The server's `errors` are shown when the call is new
 * or the console has just (re)connected; afterwards each answer's reply says which errors
 * are left, so a push (a supervisor message, say) does not blank errors being looked at.
 */
function adoptCall(next, trustServerErrors) {
  if (!next) {
    if (call) leaveCall();
    return;
  }
  let trust = trustServerErrors;
  if (!call || call.call_id !== next.call_id) {
    if (call) leaveCall();
    closeInboundState();
    trust = true;
  }
  if (trust) loadErrors(next.errors);
  call = next;
}

/** Forgets the call on screen: its answers, errors and data leave memory and the DOM. */
function leaveCall() {
  resetAutosave();
  fieldErrors.clear();
  call = null;
  ui.lastPosition = null;
  const dialog = byId('finish-dialog');
  if (dialog.open) dialog.close();
  clearCallScreen();
}

function addMessage(message) {
  if (!message || typeof message.text !== 'string') return;
  ui.messages.set(messageKey(message), message);
  while (ui.messages.size > KEPT_MESSAGES) ui.messages.delete(ui.messages.keys().next().value);
}

function messageKey(message) {
  return String(message.id ?? `${message.at}|${message.text}`);
}

// ------------------------------------------------------------------ rendering

function render() {
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
function drawOnce(node, deps, build) {
  const signature = JSON.stringify(deps);
  if (drawnFrom.get(node) === signature) return false;
  drawnFrom.set(node, signature);
  node.replaceChildren();
  build(node);
  return true;
}

function clearDrawn(node) {
  drawnFrom.delete(node);
  node.replaceChildren();
}

function statusText() {
  const status = state?.status || 'offline';
  if (status === 'paused' && state.reason) {
    return t(lang, 'status_paused_reason', { reason: label(lang, 'reason', state.reason) });
  }
  return label(lang, 'status', status);
}

function renderStatus() {
  const node = byId('status');
  const status = state?.status || 'offline';
  node.dataset.status = status;
  const since = typeof state?.since === 'number' ? ` · ${t(lang, 'since', { time: fmtTime(lang, state.since) })}` : '';
  node.textContent = state ? statusText() + since : t(lang, 'conn_connecting');
  byId('training').textContent = state ? trainingLine(state.training) : '';
  // The tab title helps when the console is behind another window; it never names anyone.
  document.title = `${state?.offer && !call ? t(lang, 'tab_offer') : statusText()} · tracecall`;
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
  return total === 0 ? t(lang, 'training_none') : t(lang, 'training_line', { passed: passed.length, total });
}

function renderToolbar() {
  const status = state?.status || 'offline';
  const ready = byId('ready');
  ready.disabled = !state || status === 'ready' || status === 'in_call';
  ready.setAttribute('aria-pressed', String(status === 'ready'));
  byId('pause').disabled = !state || status === 'in_call';
  byId('pause-reason').disabled = status === 'in_call';
  byId('inbound').disabled = Boolean(call);
  // The reason select follows the status when it changes, and is left alone otherwise so
  // that a push cannot undo a reason being chosen.
  if (status !== ui.lastStatus) {
    ui.lastStatus = status;
    byId('pause-reason').value = status === 'paused' && state?.reason ? state.reason : '';
  }
}

function renderTrainingMissing() {
  const box = byId('training-missing');
  const missing = (Array.isArray(state?.training?.missing) ? state.training.missing : [])
    .filter((req) => Array.isArray(req?.courses) && req.courses.length > 0);
  // Nothing to do about it during a call: the script gets the room.
  box.hidden = missing.length === 0 || Boolean(call);
  drawOnce(box, [missing, lang], () => {
    if (!missing.length) return;
    box.append(
      el('p', { text: t(lang, 'training_missing') }),
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
      label(lang, 'case_type', hit.case_type), ' · ', label(lang, 'case_status', hit.status)),
    hit.matched ? el('span', { class: 'hit-match', text: t(lang, 'matched', { what: label(lang, 'matched', hit.matched) }) }) : null,
    el('button', { type: 'button', class: 'open-case small', text: t(lang, 'open_case') }),
  );
}

function drawHits(list, hits) {
  drawOnce(list, [hits, lang], () => {
    list.append(...hits.filter((hit) => hit && hit.case_code).map(hitItem));
  });
  for (const button of list.querySelectorAll('.open-case')) button.disabled = Boolean(call);
}

function renderScreenPop() {
  const pop = ui.screenPop;
  byId('screen-pop').hidden = !pop;
  if (!pop) {
    clearDrawn(byId('pop-results'));
    byId('pop-caller').textContent = '';
    return;
  }
  const results = Array.isArray(pop.results) ? pop.results : [];
  byId('pop-caller').textContent = pop.caller_masked || '';
  drawHits(byId('pop-results'), results);
  if (results.length === 0) byId('pop-results').replaceChildren(el('li', { class: 'empty', text: t(lang, 'pop_none') }));
}

function latestMessage() {
  let latest = null;
  for (const message of ui.messages.values()) {
    if (!latest || (message.at || 0) >= (latest.at || 0)) latest = message;
  }
  return latest;
}

function renderMessage() {
  const message = latestMessage();
  const show = Boolean(message) && !ui.dismissed.has(messageKey(message));
  byId('messages').hidden = !show;
  const from = typeof message?.from === 'object' ? message.from?.name : message?.from;
  byId('message-from').textContent = show ? String(from ?? '') : '';
  byId('message-at').textContent = show ? fmtTime(lang, message.at) : '';
  byId('message-body').textContent = show ? message.text : '';
}

/** One main panel at a time: the call, else the inbound panel, else the offer, else idle. */
function renderContent() {
  const shown = call ? 'call' : ui.inbound.open ? 'inbound' : state?.offer ? 'offer' : 'idle';
  byId('call').hidden = shown !== 'call';
  byId('inbound-panel').hidden = shown !== 'inbound';
  byId('offer').hidden = shown !== 'offer';
  byId('idle').hidden = shown !== 'idle';
  if (shown === 'offer') renderOffer(state.offer);
  else clearDrawn(byId('offer'));
  if (shown === 'inbound') renderInbound();
  if (shown === 'call') renderCall();
  if (shown === 'idle') renderIdle();
}

function renderIdle() {
  const status = state?.status || 'offline';
  const reason = label(lang, 'reason', state?.reason);
  const [text, help] = !state ? ['conn_connecting', '']
    : status === 'in_call' ? ['call_finished', ''] // the call just ended; the new state follows
    : status === 'ready' ? ['idle_ready', 'idle_ready_help']
      : status === 'paused' ? [reason ? 'idle_paused_reason' : 'idle_paused', 'idle_paused_help']
        : ['idle_offline', 'idle_offline_help'];
  byId('idle-text').textContent = t(lang, text, { reason });
  byId('idle-help').textContent = help ? t(lang, help) : '';
}

function deadlineText(deadline) {
  if (typeof deadline !== 'number') return '';
  const left = deadline - Date.now();
  if (left <= 0) return t(lang, 'deadline_passed', { time: fmtDateTime(lang, deadline) });
  const minutes = Math.round(left / 60000);
  const relative = minutes < 60
    ? t(lang, 'in_minutes', { m: minutes })
    : t(lang, 'in_hours', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
  return `${fmtDateTime(lang, deadline)} (${relative})`;
}

function renderOffer(offer) {
  const box = byId('offer');
  const minute = Math.floor(Date.now() / 60000); // the "in 2 h 10" text ages
  drawOnce(box, [offer, lang, minute], () => {
    const citizen = offer.case || {};
    const urgent = typeof offer.deadline_at === 'number' && offer.deadline_at - Date.now() < URGENT_DEADLINE_MS;
    box.classList.toggle('urgent', urgent);
    box.append(
      el('p', { class: 'eyebrow', text: t(lang, 'offer_title') }),
      el('h2', { id: 'offer-title', text: offer.campaign_name || offer.campaign_id || '' }),
      el('dl', { class: 'facts' },
        fact('offer_deadline', deadlineText(offer.deadline_at), urgent ? 'urgent' : null),
        fact('offer_language', label(lang, 'lang', offer.language)),
        fact('offer_attempt', t(lang, 'attempt_n', { n: (Number(offer.attempts) || 0) + 1 })),
        fact('offer_citizen', maskedCitizen(citizen)),
        fact('case_type', label(lang, 'case_type', citizen.case_type)),
      ),
      el('p', { class: 'note', text: t(lang, 'offer_note') }),
      el('button', { type: 'button', id: 'start-call', class: 'primary' }, t(lang, 'start_call')),
    );
  });
  byId('start-call').disabled = ui.busy;
}

/** A `<dt>`/`<dd>` pair; nothing for an empty value. */
function fact(key, value, cls) {
  if (value == null || value === '') return null;
  return [el('dt', { text: t(lang, key) }), el('dd', { class: cls, text: String(value) })];
}

// ------------------------------------------------------------------ the call screen

function renderCall() {
  const view = call.view || {};
  byId('call').setAttribute('aria-busy', String(ui.busy));
  byId('release-title').textContent = [
    call.release?.title,
    call.kind === 'inbound' ? t(lang, 'kind_inbound') : null,
  ].filter(Boolean).join(' · ');
  renderScriptLanguages();
  renderPath();
  byId('say').textContent = view.say || '';
  byId('hint').hidden = !view.hint;
  byId('hint-text').textContent = view.hint || '';
  renderNext(view);
  renderCitizen();
  renderFields();
  renderFieldErrors();
  renderSavedMarks();
  if (view.position !== ui.lastPosition) {
    // A new step starts at the top of its text and of its questions.
    ui.lastPosition = view.position;
    byId('script-body').scrollTop = 0;
    byId('form').scrollTop = 0;
  }
}

function renderScriptLanguages() {
  const languages = (Array.isArray(call.languages) ? call.languages : []).filter((l) => LANGS.includes(l));
  drawOnce(byId('script-langs'), [languages, call.language, lang], (box) => {
    box.append(...languages.map((l) => el('button', {
      type: 'button',
      id: `lang-${l}`,
      class: 'lang small',
      dataset: { lang: l },
      title: label(lang, 'lang', l),
      'aria-pressed': String(l === call.language),
    }, l.toUpperCase())));
  });
}

/** Index in the path of the step on screen: its last visit. -1 when the path lacks it. */
function currentStep() {
  const path = Array.isArray(call?.path) ? call.path : [];
  return path.lastIndexOf(call?.view?.position);
}

function stepLabel(position) {
  const text = String(position).split('/').map((part) => part.replace(/_/g, ' ')).join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderPath() {
  const list = byId('path');
  const path = Array.isArray(call.path) ? [...call.path] : [];
  let current = currentStep();
  if (current < 0 && call.view?.position) {
    // The path is the visited steps; show the one on screen even if it is not listed yet.
    path.push(call.view.position);
    current = path.length - 1;
  }
  const drawn = drawOnce(list, [path, current], () => {
    list.append(...path.map((position, i) => el('li', {
      dataset: { position },
      'aria-current': i === current ? 'step' : null,
    }, el('button', { type: 'button', class: 'step', dataset: { index: String(i) } }, stepLabel(position)))));
  });
  if (drawn) {
    const item = list.children[current];
    if (item) list.scrollTop = Math.max(0, item.offsetTop - list.clientHeight + item.offsetHeight);
  }
}

function renderNext(view) {
  const next = view.next || {};
  const button = byId('next');
  let text = t(lang, 'next');
  let note = '';
  if (view.end) {
    // The closing text is on screen: Next leads to "Finish call".
    text = t(lang, 'finish_call');
    note = t(lang, 'at_end', { outcome: label(lang, 'outcome', view.end) });
  } else if (next.step === 'end') {
    text = t(lang, 'next_to_end', { outcome: label(lang, 'outcome', next.outcome) });
  } else if (next.step === 'waiting') {
    note = t(lang, 'next_waiting');
  }
  byId('next-label').textContent = text;
  byId('next-note').textContent = note;
  button.disabled = !view.end && next.step === 'waiting';
  button.dataset.end = String(Boolean(view.end));
}

function renderCitizen() {
  const person = call.person || {};
  const theCase = call.case || {};
  drawOnce(byId('citizen'), [person, theCase, lang], (dl) => {
    const name = [person.first_name, person.last_name].filter(Boolean).join(' ');
    dl.append(...[
      fact('citizen_name', name, 'citizen-name'),
      fact('citizen_birth_date', fmtDate(lang, person.birth_date)),
      fact('citizen_phone', person.phone, 'mono'),
      fact('citizen_case', [theCase.code, label(lang, 'case_type', theCase.case_type)].filter(Boolean).join(' · ')),
    ].flat().filter(Boolean));
  });
}

function formIndex() {
  const index = new Map();
  for (const field of Array.isArray(call?.form) ? call.form : []) {
    if (field && field.id) index.set(field.id, field);
  }
  return index;
}

/**
 * The fields of this step that are visible, each in a `[data-field]` block. Blocks that
 * did not change are kept as they are, so the field being typed in keeps its focus and its
 * text; values are written only into fields the agent is not editing.
 */
function renderFields() {
  const box = byId('fields');
  const view = call.view || {};
  const visible = new Set(Array.isArray(view.visible) ? view.visible : []);
  const index = formIndex();
  const wanted = (Array.isArray(view.fields) ? view.fields : [])
    .filter((id) => visible.has(id) && index.has(id))
    .map((id) => index.get(id));
  const ids = new Set(wanted.map((field) => field.id));
  for (const node of [...box.children]) {
    if (!ids.has(node.dataset.field)) node.remove();
  }
  let cursor = box.firstElementChild;
  for (const field of wanted) {
    const { node, stale } = fieldBlock(box, field);
    if (stale) {
      if (stale === cursor) cursor = stale.nextElementSibling;
      stale.remove();
    }
    if (node === cursor) cursor = cursor.nextElementSibling;
    else box.insertBefore(node, cursor);
  }
  if (wanted.length === 0) box.append(el('p', { class: 'note no-fields', text: t(lang, 'no_fields') }));
}

/**
 * The block of `field`: the one on screen when its definition did not change (`stale` is
 * then null), else a new one that the caller puts in place of `stale`.
 */
function fieldBlock(box, field) {
  const signature = JSON.stringify([field, lang]);
  const existing = [...box.children].find((node) => node.dataset.field === field.id) || null;
  const value = autosave.unsent.has(field.id) ? autosave.unsent.get(field.id) : call.answers?.[field.id] ?? null;
  const valueJson = JSON.stringify(value);
  if (existing && fieldSignature.get(existing) === signature) {
    const editing = autosave.unsent.has(field.id) || existing.contains(document.activeElement);
    if (!editing && writtenValue.get(existing) !== valueJson) {
      writeValue(existing, field, field.id, value, lang);
      writtenValue.set(existing, valueJson);
    }
    return { node: existing, stale: null };
  }
  const node = buildField(field, field.id, true, lang);
  fieldSignature.set(node, signature);
  writeValue(node, field, field.id, value, lang);
  writtenValue.set(node, valueJson);
  return { node, stale: existing };
}


// ------------------------------------------------------------------ errors and "Saved"

function loadErrors(errors) {
  fieldErrors.clear();
  for (const error of Array.isArray(errors) ? errors : []) addError(error.field, error.message || error.code);
}

function addError(path, message) {
  if (!path || !message) return;
  if (!fieldErrors.has(path)) fieldErrors.set(path, []);
  fieldErrors.get(path).push(message);
}

/** Replaces the errors of field `id` (and of its repeat items) with `errors`. */
function setFieldErrors(id, errors) {
  for (const path of [...fieldErrors.keys()]) {
    if (path === id || path.startsWith(`${id}[`) || path.startsWith(`${id}.`)) fieldErrors.delete(path);
  }
  for (const error of errors) addError(error.field || id, error.message || error.code);
}

/**
 * Shows every error at its path's error line; a path without one on screen (a repeat item
 * removed since) falls back to its field's line. Errors of fields on other steps wait in
 * `fieldErrors` until the agent goes there.
 */
function renderFieldErrors() {
  const box = byId('fields');
  const lines = new Map([...box.querySelectorAll('.field-error')].map((node) => [node, []]));
  for (const [path, messages] of fieldErrors) {
    const line = box.querySelector(`.field-error[data-error-for="${CSS.escape(path)}"]`)
      || box.querySelector(`.field-error[data-error-for="${CSS.escape(path.split(/[[.]/)[0])}"]`);
    if (line) lines.get(line).push(...messages);
  }
  for (const [line, messages] of lines) {
    line.textContent = messages.join(' ');
    line.parentElement.classList.toggle('has-error', messages.length > 0);
    for (const input of box.querySelectorAll(named(line.dataset.errorFor))) {
      if (messages.length) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
}

function renderSavedMarks() {
  const now = Date.now();
  for (const mark of byId('fields').querySelectorAll('[data-saved-for]')) {
    const on = (autosave.savedUntil.get(mark.dataset.savedFor) || 0) > now;
    mark.textContent = on ? t(lang, 'saved') : '';
    mark.classList.toggle('on', on);
  }
}

function markSaved(id) {
  autosave.savedUntil.set(id, Date.now() + SAVED_MARK_MS);
  setTimeout(renderSavedMarks, SAVED_MARK_MS + 50);
}

/** "Field › Item 2 › Phone" for an error path, for the list in the finish dialog. */
function pathLabel(path) {
  const match = /^([^[.]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(path || '');
  const top = match && formIndex().get(match[1]);
  if (!top) return path || '';
  const parts = [top.label || top.id];
  if (match[2] != null) parts.push(t(lang, 'item_n', { n: Number(match[2]) + 1 }));
  if (match[3]) parts.push((Array.isArray(top.fields) ? top.fields : []).find((f) => f.id === match[3])?.label || match[3]);
  return parts.join(' › ');
}

// ------------------------------------------------------------------ autosave

function resetAutosave() {
  for (const timer of autosave.timers.values()) clearTimeout(timer);
  autosave.timers.clear();
  autosave.unsent.clear();
  autosave.lastSent.clear();
  autosave.latest.clear();
  autosave.inflight.clear();
  autosave.sending.clear();
  autosave.savedUntil.clear();
}

function topFieldId(name) {
  return typeof name === 'string' && name ? name.split(/[[.]/)[0] : null;
}

function fieldNode(id) {
  return [...byId('fields').children].find((node) => node.dataset.field === id) || null;
}

/** Typing: remember the text at once (a push must not undo it), send after a pause. */
function answerTyped(id) {
  const field = formIndex().get(id);
  const node = fieldNode(id);
  if (!field || !node || field.computed) return;
  const value = readValue(node, field, id);
  if (value !== undefined) autosave.unsent.set(id, value);
  autosave.savedUntil.delete(id);
  renderSavedMarks();
  clearTimeout(autosave.timers.get(id));
  autosave.timers.set(id, setTimeout(() => sendAnswer(id), TEXT_DEBOUNCE_MS));
}

/** Sends field `id`'s value (as on screen, else as last typed) unless already sent. */
function sendAnswer(id) {
  clearTimeout(autosave.timers.get(id));
  autosave.timers.delete(id);
  const field = formIndex().get(id);
  if (!call || !field || field.computed) return;
  const callId = call.call_id;
  const node = fieldNode(id);
  const value = node ? readValue(node, field, id) : autosave.unsent.get(id);
  if (value === undefined) {
    const bad = node?.querySelector('input:invalid');
    setFieldErrors(id, [{ field: bad?.name || id, message: t(lang, 'err_not_a_number') }]);
    renderFieldErrors();
    return;
  }
  const json = JSON.stringify(value);
  if (autosave.lastSent.get(id) === json) {
    // Typed back to what was saved: nothing to send, nothing pending any more.
    if (!autosave.sending.has(id)) autosave.unsent.delete(id);
    return;
  }
  autosave.lastSent.set(id, json);
  autosave.unsent.set(id, value);
  autosave.sending.add(id);
  call.answers = { ...(call.answers || {}), [id]: value };
  autosave.seq += 1;
  const seq = autosave.seq;
  autosave.latest.set(id, seq);
  const request = socket.request('answer', { call_id: callId, field: id, value })
    .then((ack) => answerSaved(callId, id, seq, ack), (error) => answerFailed(callId, id, seq, error));
  autosave.inflight.add(request);
  request.finally(() => autosave.inflight.delete(request));
}

function answerSaved(callId, id, seq, ack) {
  if (!onScreen(callId)) return;
  if (autosave.latest.get(id) === seq) {
    autosave.sending.delete(id);
    autosave.unsent.delete(id);
    setFieldErrors(id, Array.isArray(ack.errors) ? ack.errors : []);
    markSaved(id);
  }
  // Only the reply to the latest answer has the view of all the answers given.
  if (seq === autosave.seq && ack.view) call.view = ack.view;
  if (ack.answers && typeof ack.answers === 'object') {
    for (const [key, value] of Object.entries(ack.answers)) {
      if (!autosave.unsent.has(key)) call.answers = { ...call.answers, [key]: value };
    }
  }
  render();
}

function answerFailed(callId, id, seq, error) {
  if (!onScreen(callId) || autosave.latest.get(id) !== seq) return;
  // Not saved: forget that it was sent, so that it goes again (after a reconnection).
  autosave.sending.delete(id);
  autosave.lastSent.delete(id);
  if (error?.code === 'invalid' && Array.isArray(error.errors) && error.errors.length) {
    setFieldErrors(id, error.errors);
  } else {
    const message = error?.code === 'disconnected'
      ? t(lang, 'not_saved_offline')
      : t(lang, 'not_saved', { message: errorText(error) });
    setFieldErrors(id, [{ field: id, message }]);
  }
  render();
}

/** After a reconnection: sends again what was typed but never acknowledged. */
function resendUnsent() {
  if (!call) return;
  for (const id of [...autosave.unsent.keys()]) {
    if (!autosave.timers.has(id)) sendAnswer(id);
  }
}

/** Sends the answers still waiting for their typing pause, and waits for every reply. */
async function flushAnswers() {
  for (const id of [...autosave.timers.keys()]) sendAnswer(id);
  await Promise.allSettled([...autosave.inflight]);
}

// ------------------------------------------------------------------ requests

const errorText = (error) => describeError(lang, error);

let toastTimer = null;
function toast(text, isError = false) {
  const node = byId('toast');
  node.textContent = text;
  node.classList.toggle('error', isError);
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    node.hidden = true;
  }, TOAST_MS);
}

const toastError = (error) => toast(errorText(error), true);

/** Runs a request that changes the screen, one at a time; errors go to the toast. */
async function busy(work) {
  if (ui.busy) return;
  ui.busy = true;
  render();
  try {
    await work();
  } catch (error) {
    toastError(error);
  } finally {
    ui.busy = false;
    render();
  }
}

function setReady() {
  if (!state || state.status === 'ready' || call) return;
  busy(() => socket.request('ready'));
}

function pause() {
  const select = byId('pause-reason');
  if (!select.value) {
    select.focus();
    toast(t(lang, 'pause_choose_reason'));
    return;
  }
  if (call) return;
  busy(() => socket.request('pause', { reason: select.value }));
}

function focusPauseReason() {
  const select = byId('pause-reason');
  if (select.disabled) return;
  select.focus();
  try {
    select.showPicker?.();
  } catch {
    // Not every browser can open a select's list from a script: focus is enough.
  }
}

function startCall() {
  const offer = state?.offer;
  if (!offer || call) return;
  busy(async () => {
    const ack = await socket.request('start_call', { order_id: offer.order_id });
    if (ack.call) adoptCall(ack.call, true);
  });
}

/** Next, a step of the path, a language: the answers typed so far go first. */
function navigate(type, args) {
  if (!call) return;
  const callId = call.call_id;
  busy(async () => {
    await flushAnswers();
    const ack = await socket.request(type, { call_id: callId, ...args });
    if (!onScreen(callId)) return;
    if (ack.view) call.view = ack.view;
    if (Array.isArray(ack.path)) call.path = ack.path;
    if (Array.isArray(ack.form)) call.form = ack.form;
    if (type === 'language') call.language = args.language;
  });
}

function next() {
  if (!call || ui.busy) return;
  const view = call.view || {};
  if (view.end) openFinish();
  else if (view.next?.step !== 'waiting') navigate('next', {});
}

function previousStep() {
  if (!call) return;
  const path = Array.isArray(call.path) ? call.path : [];
  const current = currentStep();
  const target = current > 0 ? path[current - 1] : current < 0 ? path[path.length - 1] : null;
  if (target) navigate('goto', { position: target });
}

function gotoStep(index) {
  const position = call?.path?.[index];
  if (position && index !== currentStep()) navigate('goto', { position });
}

function switchLanguage(language) {
  if (call && language !== call.language) navigate('language', { language });
}

function nextLanguage() {
  const languages = (Array.isArray(call?.languages) ? call.languages : []).filter((l) => LANGS.includes(l));
  if (languages.length < 2) return;
  switchLanguage(languages[(languages.indexOf(call.language) + 1) % languages.length]);
}

// ------------------------------------------------------------------ finishing

function openFinish() {
  const dialog = byId('finish-dialog');
  if (!call || dialog.open) return;
  const view = call.view || {};
  const proposed = view.end || (view.next?.step === 'end' ? view.next.outcome : '');
  byId('outcome').value = OUTCOMES.includes(proposed) ? proposed : '';
  const callbackAt = byId('callback-at');
  callbackAt.value = '';
  callbackAt.min = msToLocalInput(Date.now());
  byId('finish-errors').replaceChildren();
  outcomeChanged();
  dialog.showModal();
  byId('outcome').focus();
}

function outcomeChanged() {
  const outcome = byId('outcome').value;
  byId('callback-row').hidden = outcome !== 'callback';
  byId('outcome-help').textContent = outcome ? t(lang, `outcome_help_${outcome}`) : '';
}

function showFinishErrors(errors) {
  byId('finish-errors').replaceChildren(...errors.map((error) => el('li', {
    text: error.field ? `${pathLabel(error.field)} — ${error.message || error.code}` : error.message,
  })));
}

/** The checks the agent can fix in the dialog itself; the server checks everything again. */
function finishProblems(outcome, callbackAt) {
  if (!outcome) return [t(lang, 'finish_choose_outcome')];
  if (outcome !== 'callback') return [];
  if (!callbackAt) return [t(lang, 'callback_required')];
  if (new Date(callbackAt).getTime() <= Date.now()) return [t(lang, 'callback_future')];
  return [];
}

async function confirmFinish(event) {
  event.preventDefault(); // the dialog closes only once the server has finished the call
  if (!call || ui.finishing) return;
  const outcome = byId('outcome').value;
  const callbackAt = byId('callback-at').value;
  const problems = finishProblems(outcome, callbackAt);
  if (problems.length) {
    showFinishErrors(problems.map((message) => ({ message })));
    return;
  }
  const callId = call.call_id;
  ui.finishing = true;
  byId('confirm-finish').disabled = true;
  try {
    await flushAnswers();
    const args = { call_id: callId, outcome };
    if (outcome === 'callback') args.callback_at = localInputToRfc3339(callbackAt);
    const ack = await socket.request('finish', args);
    if (onScreen(callId)) leaveCall();
    const due = ack.scheduled?.due_at;
    toast(typeof due === 'number' && outcome !== 'reached'
      ? t(lang, 'call_finished_due', { time: fmtDateTime(lang, due) })
      : t(lang, 'call_finished'));
  } catch (error) {
    if (error?.code === 'validation' && Array.isArray(error.errors)) {
      // The whole form was checked: these are all its problems, shown here and at the fields.
      loadErrors(error.errors);
      showFinishErrors(error.errors);
    } else {
      showFinishErrors([{ message: errorText(error) }]);
    }
  } finally {
    ui.finishing = false;
    byId('confirm-finish').disabled = false;
    render();
  }
}

// ------------------------------------------------------------------ inbound calls

function closedInbound() {
  return { open: false, results: null, searching: false, error: '', opened: null };
}

/** Closes the inbound panel and drops what it showed (search results, opened case). */
function closeInboundState() {
  ui.inbound = closedInbound();
  byId('search-q').value = '';
  clearDrawn(byId('search-results'));
  clearDrawn(byId('case-panel'));
}

function openInbound() {
  if (call) {
    toast(t(lang, 'finish_call_first'));
    return;
  }
  ui.inbound.open = true;
  render();
  byId('search-q').focus();
}

function closeInbound() {
  closeInboundState();
  render();
  byId('inbound').focus();
}

async function search(event) {
  event.preventDefault();
  const q = byId('search-q').value.trim();
  if (!q || ui.inbound.searching) return;
  const inbound = ui.inbound;
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

function openCase(code) {
  if (!code || call) return;
  busy(async () => {
    const ack = await socket.request('open_case', { code, reason: 'inbound_call' });
    ui.inbound.open = true;
    ui.inbound.opened = {
      code: ack.case?.code || code,
      theCase: ack.case || {},
      person: ack.person || {},
      history: Array.isArray(ack.history) ? ack.history : Array.isArray(ack.history?.events) ? ack.history.events : [],
    };
    ui.screenPop = null;
  }).then(() => byId('case-title')?.focus());
}

function startInbound() {
  const opened = ui.inbound.opened;
  if (!opened || call) return;
  busy(async () => {
    const ack = await socket.request('start_inbound', { code: opened.code });
    if (ack.call) adoptCall(ack.call, true);
  });
}

function renderInbound() {
  const inbound = ui.inbound;
  const results = inbound.results;
  byId('search').disabled = inbound.searching;
  byId('search-status').textContent = inbound.searching ? t(lang, 'searching')
    : inbound.error || (results == null ? '' : results.length ? t(lang, 'results_n', { n: results.length }) : t(lang, 'no_results'));
  drawHits(byId('search-results'), results || []);
  const panel = byId('case-panel');
  panel.hidden = !inbound.opened;
  if (!inbound.opened) {
    clearDrawn(panel);
    return;
  }
  drawOnce(panel, [inbound.opened, lang], () => drawCasePanel(panel, inbound.opened));
  byId('start-inbound').disabled = ui.busy;
}

function drawCasePanel(panel, { code, theCase, person, history }) {
  const name = [person.first_name, person.last_name].filter(Boolean).join(' ');
  panel.append(
    el('div', { class: 'panel-head' },
      el('h2', { id: 'case-title', tabindex: '-1', text: name || code }),
      el('span', { class: 'mono', text: code }),
      el('button', { type: 'button', id: 'start-inbound', class: 'primary' }, t(lang, 'start_inbound'))),
    el('p', { class: 'note warn', text: t(lang, 'identity_first') }),
    el('dl', { class: 'facts' },
      fact('citizen_birth_date', fmtDate(lang, person.birth_date)),
      fact('citizen_phone', person.phone, 'mono'),
      fact('citizen_email', person.email),
      fact('citizen_national_number', person.national_number, 'mono'),
      fact('citizen_postal_code', person.postal_code),
      fact('citizen_language', label(lang, 'lang', person.language)),
      fact('case_type', label(lang, 'case_type', theCase.case_type)),
      fact('case_status', label(lang, 'case_status', theCase.status)),
      fact('case_test_date', fmtDate(lang, theCase.test_date)),
      fact('case_exposure_date', fmtDate(lang, theCase.exposure_date)),
      fact('case_onset_date', fmtDate(lang, theCase.onset_date))),
    el('h3', { text: t(lang, 'history') }),
    el('p', { class: 'note', text: t(lang, 'history_note') }),
    el('ol', { id: 'history', class: 'history' }, history.length
      ? history.map(historyItem)
      : el('li', { class: 'empty', text: t(lang, 'history_none') })),
  );
}

function historyItem(entry) {
  return el('li', {},
    el('time', { text: fmtDateTime(lang, entry.at) }),
    el('span', { class: 'who', text: entry.actor_name || entry.who || entry.actor || '' }),
    el('span', { class: 'what', text: historyWhat(entry) }));
}

/** "Call: No answer", "File opened (inbound call)"… from a case event. */
function historyWhat(entry) {
  const detail = entry.detail && typeof entry.detail === 'object' ? entry.detail : {};
  switch (entry.action) {
    case 'call.outcome':
      return t(lang, 'hist_call', { outcome: label(lang, 'outcome', detail.outcome) });
    case 'case.opened':
      return t(lang, 'hist_opened', { reason: label(lang, 'open_reason', detail.reason) });
    case 'case.status':
      return t(lang, 'hist_status', { status: label(lang, 'case_status', detail.status) });
    default:
      return label(lang, 'hist', String(entry.action || '').replace(/\./g, '_'));
  }
}

// ------------------------------------------------------------------ focus, keyboard, events

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

function isTyping(target) {
  if (!target) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

/** The letter of an Alt shortcut: the key typed, else the physical key (macOS turns Alt+R into ®). */
function shortcutLetter(event) {
  const key = typeof event.key === 'string' ? event.key.toLowerCase() : '';
  if (/^[a-z]$/.test(key)) return key;
  return /^Key([A-Z])$/.exec(event.code || '')?.[1].toLowerCase() || '';
}

const SHORTCUTS = {
  r: setReady,
  p: focusPauseReason,
  n: next,
  b: previousStep,
  f: openFinish,
  i: () => (ui.inbound.open && !call ? byId('search-q').focus() : openInbound()),
  l: nextLanguage,
};

function toggleHelp() {
  const help = byId('help');
  if (help.open) help.close();
  else if (!byId('finish-dialog').open) help.showModal();
}

function onKeydown(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
  if (event.altKey) {
    const action = SHORTCUTS[shortcutLetter(event)];
    if (!action) return;
    event.preventDefault();
    // A dialog in front of the console takes the keys.
    if (!byId('finish-dialog').open && !byId('help').open) action();
    return;
  }
  if (event.key === '?' && !isTyping(event.target) && !byId('finish-dialog').open) {
    event.preventDefault();
    toggleHelp();
  }
}

function onFieldsInput(event) {
  const target = event.target;
  const id = topFieldId(target.name);
  const typed = target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && TYPED_INPUTS.has(target.type));
  if (id && typed) answerTyped(id);
}

function onFieldsChange(event) {
  const id = topFieldId(event.target.name);
  if (id) sendAnswer(id);
}

/** "Add" and "Remove" in a repeat: change the items on screen, then save the whole list. */
function onFieldsClick(event) {
  const button = event.target.closest('.add-item, .remove-item');
  if (!button || !call) return;
  const block = button.closest('[data-field]');
  const id = block?.dataset.field;
  const field = formIndex().get(id);
  if (!field) return;
  const items = readItems(block, field, id) || [];
  if (button.classList.contains('add-item')) {
    items.push(Object.fromEntries((Array.isArray(field.fields) ? field.fields : []).map((sub) => [sub.id, null])));
  } else {
    items.splice(Number(button.closest('.item')?.dataset.index), 1);
  }
  setItems(block, field, id, items, lang);
  sendAnswer(id);
  renderFieldErrors();
  const focusTarget = button.classList.contains('add-item')
    ? block.querySelector('.items > .item:last-child input, .items > .item:last-child textarea, .items > .item:last-child select')
    : block.querySelector('.add-item');
  focusTarget?.focus();
}

function onDocumentClick(event) {
  const openButton = event.target.closest('.open-case');
  if (openButton) {
    openCase(openButton.closest('li[data-code]')?.dataset.code);
    return;
  }
  if (event.target.closest('#start-call')) startCall();
  else if (event.target.closest('#start-inbound')) startInbound();
  else if (event.target.closest('#script-langs button')) switchLanguage(event.target.closest('button').dataset.lang);
  else if (event.target.closest('#path button')) gotoStep(Number(event.target.closest('button').dataset.index));
}

function setLanguage(next) {
  lang = next;
  applyTexts(document, lang);
  showConnection(byId('connection'), lang, socket.connection);
  render();
}

function wire() {
  wireTopbar({
    lang,
    onLanguage: setLanguage,
    confirmLogout: () => !call || window.confirm(t(lang, 'logout_in_call')),
  });
  byId('ready').addEventListener('click', setReady);
  byId('pause').addEventListener('click', pause);
  byId('pause-reason').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      pause();
    }
  });
  byId('inbound').addEventListener('click', openInbound);
  byId('inbound-close').addEventListener('click', closeInbound);
  byId('search-form').addEventListener('submit', search);
  byId('help-button').addEventListener('click', toggleHelp);
  byId('help-close').addEventListener('click', () => byId('help').close());
  byId('pop-dismiss').addEventListener('click', () => {
    ui.screenPop = null;
    render();
  });
  byId('message-dismiss').addEventListener('click', () => {
    const message = latestMessage();
    if (message) ui.dismissed.add(messageKey(message));
    render();
  });
  byId('next').addEventListener('click', next);
  byId('finish').addEventListener('click', openFinish);
  byId('outcome').addEventListener('change', outcomeChanged);
  byId('finish-form').addEventListener('submit', confirmFinish);
  byId('cancel-finish').addEventListener('click', () => byId('finish-dialog').close());
  const fields = byId('fields');
  fields.addEventListener('input', onFieldsInput);
  fields.addEventListener('change', onFieldsChange);
  fields.addEventListener('click', onFieldsClick);
  document.addEventListener('click', onDocumentClick);
  document.addEventListener('keydown', onKeydown);
  // Typed answers not acknowledged yet would be lost by leaving the page.
  window.addEventListener('beforeunload', (event) => {
    if (autosave.unsent.size > 0) event.preventDefault();
  });
  // Deadlines ("in 25 min") age.
  setInterval(render, 30000);
}

function clearCallScreen() {
  for (const id of ['script-langs', 'path', 'citizen', 'fields']) clearDrawn(byId(id));
  for (const id of ['release-title', 'say', 'hint-text', 'next-note']) byId(id).textContent = '';
}

applyTexts(document, lang);
showUser(page.user);
showConnection(byId('connection'), lang, socket.connection);
wire();
render();
socket.start();
