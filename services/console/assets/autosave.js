// Autosave of the call on screen: each answer goes to the server when the agent leaves the
// field, and typed text also after a pause; answers not acknowledged are sent again after a
// reconnection, and a navigation or the end of the call waits for every reply.

import { t } from './i18n.js';
import { byId } from './common.js';
import { readItems, readValue, setItems } from './fields.js';
import { app, formIndex, onScreen, socket } from './state.js';
import { markSaved, renderFieldErrors, renderSavedMarks, setFieldErrors } from './call.js';
import { errorText } from './actions.js';
import { render } from './render.js';

const TEXT_DEBOUNCE_MS = 600;
// Inputs whose answers are also sent while typing, after a pause.
const TYPED_INPUTS = new Set(['text', 'number']);

export function resetAutosave() {
  for (const timer of app.autosave.timers.values()) clearTimeout(timer);
  app.autosave.timers.clear();
  app.autosave.unsent.clear();
  app.autosave.lastSent.clear();
  app.autosave.latest.clear();
  app.autosave.inflight.clear();
  app.autosave.sending.clear();
  app.autosave.savedUntil.clear();
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
  if (value !== undefined) app.autosave.unsent.set(id, value);
  app.autosave.savedUntil.delete(id);
  renderSavedMarks();
  clearTimeout(app.autosave.timers.get(id));
  app.autosave.timers.set(id, setTimeout(() => sendAnswer(id), TEXT_DEBOUNCE_MS));
}

/** Sends field `id`'s value (as on screen, else as last typed) unless already sent. */
function sendAnswer(id) {
  clearTimeout(app.autosave.timers.get(id));
  app.autosave.timers.delete(id);
  const field = formIndex().get(id);
  if (!app.call || !field || field.computed) return;
  const callId = app.call.call_id;
  const node = fieldNode(id);
  const value = node ? readValue(node, field, id) : app.autosave.unsent.get(id);
  if (value === undefined) {
    const bad = node?.querySelector('input:invalid');
    setFieldErrors(id, [{ field: bad?.name || id, message: t(app.lang, 'err_not_a_number') }]);
    renderFieldErrors();
    return;
  }
  const json = JSON.stringify(value);
  if (app.autosave.lastSent.get(id) === json) {
    // Typed back to what was saved: nothing to send, nothing pending any more.
    if (!app.autosave.sending.has(id)) app.autosave.unsent.delete(id);
    return;
  }
  app.autosave.lastSent.set(id, json);
  app.autosave.unsent.set(id, value);
  app.autosave.sending.add(id);
  app.call.answers = { ...(app.call.answers || {}), [id]: value };
  app.autosave.seq += 1;
  const seq = app.autosave.seq;
  app.autosave.latest.set(id, seq);
  const request = socket.request('answer', { call_id: callId, field: id, value })
    .then((ack) => answerSaved(callId, id, seq, ack), (error) => answerFailed(callId, id, seq, error));
  app.autosave.inflight.add(request);
  request.finally(() => app.autosave.inflight.delete(request));
}

function answerSaved(callId, id, seq, ack) {
  if (!onScreen(callId)) return;
  if (app.autosave.latest.get(id) === seq) {
    app.autosave.sending.delete(id);
    app.autosave.unsent.delete(id);
    const errors = Array.isArray(ack.errors) ? ack.errors : [];
    setFieldErrors(id, errors);
    // Kept as typed, but not called saved while the value is wrong: the error says what to do.
    if (errors.length) app.autosave.savedUntil.delete(id);
    else markSaved(id);
  }
  // Only the reply to the latest answer has the view of all the answers given.
  if (seq === app.autosave.seq && ack.view) app.call.view = ack.view;
  if (ack.answers && typeof ack.answers === 'object') {
    for (const [key, value] of Object.entries(ack.answers)) {
      if (!app.autosave.unsent.has(key)) app.call.answers = { ...app.call.answers, [key]: value };
    }
  }
  render();
}

function answerFailed(callId, id, seq, error) {
  if (!onScreen(callId) || app.autosave.latest.get(id) !== seq) return;
  // Not saved: forget that it was sent, so that it goes again (after a reconnection).
  app.autosave.sending.delete(id);
  app.autosave.lastSent.delete(id);
  if (error?.code === 'invalid' && Array.isArray(error.errors) && error.errors.length) {
    setFieldErrors(id, error.errors);
  } else {
    const message = error?.code === 'disconnected'
      ? t(app.lang, 'not_saved_offline')
      : t(app.lang, 'not_saved', { message: errorText(error) });
    setFieldErrors(id, [{ field: id, message }]);
  }
  render();
}

/** After a reconnection: sends again what was typed but never acknowledged. */
export function resendUnsent() {
  if (!app.call) return;
  for (const id of [...app.autosave.unsent.keys()]) {
    if (!app.autosave.timers.has(id)) sendAnswer(id);
  }
}

/** Sends the answers still waiting for their typing pause, and waits for every reply. */
export async function flushAnswers() {
  for (const id of [...app.autosave.timers.keys()]) sendAnswer(id);
  await Promise.allSettled([...app.autosave.inflight]);
}

// ------------------------------------------------------------------ the fields' events

export function onFieldsInput(event) {
  const target = event.target;
  const id = topFieldId(target.name);
  const typed = target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && TYPED_INPUTS.has(target.type));
  if (id && typed) answerTyped(id);
}

export function onFieldsChange(event) {
  const id = topFieldId(event.target.name);
  if (id) sendAnswer(id);
}

/** "Add" and "Remove" in a repeat: change the items on screen, then save the whole list. */
export function onFieldsClick(event) {
  const button = event.target.closest('.add-item, .remove-item');
  if (!button || !app.call) return;
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
  setItems(block, field, id, items, app.lang);
  sendAnswer(id);
  renderFieldErrors();
  const focusTarget = button.classList.contains('add-item')
    ? block.querySelector('.items > .item:last-child input, .items > .item:last-child textarea, .items > .item:last-child select')
    : block.querySelector('.add-item');
  focusTarget?.focus();
}
