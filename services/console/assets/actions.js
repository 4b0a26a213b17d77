// What the agent asks the server to do: ready, pause, start a call, move in the script,
// finish the call. One request that changes the screen at a time; errors go to the toast.

import { t } from './i18n.js';
import { LANGS, byId, describeError, el, fmtDateTime } from './common.js';
import { localInputToRfc3339, msToLocalInput, rfc3339ToLocalInput } from './fields.js';
import { app, currentStep, formIndex, onScreen, socket } from './state.js';
import { adoptCall, leaveCall } from './connection.js';
import { flushAnswers } from './autosave.js';
import { loadErrors, pathLabel } from './call.js';
import { render } from './render.js';

const TOAST_MS = 6000;

/** A reply's error in the interface language. */
export function errorText(error) {
  return describeError(app.lang, error);
}

export function toast(text, isError = false) {
  const node = byId('toast');
  node.textContent = text;
  node.classList.toggle('error', isError);
  node.hidden = false;
  clearTimeout(app.toastTimer);
  app.toastTimer = setTimeout(() => {
    node.hidden = true;
  }, TOAST_MS);
}

const toastError = (error) => toast(errorText(error), true);

/** Runs a request that changes the screen, one at a time; errors go to the toast. */
export async function busy(work) {
  if (app.ui.busy) return;
  app.ui.busy = true;
  render();
  try {
    await work();
  } catch (error) {
    toastError(error);
  } finally {
    app.ui.busy = false;
    render();
  }
}

export function setReady() {
  if (!app.state || app.state.status === 'ready' || app.call) return;
  busy(() => socket.request('ready'));
}

export function pause() {
  const select = byId('pause-reason');
  if (!select.value) {
    select.focus();
    toast(t(app.lang, 'pause_choose_reason'));
    return;
  }
  if (app.call) return;
  busy(() => socket.request('pause', { reason: select.value }));
}

export function focusPauseReason() {
  const select = byId('pause-reason');
  if (select.disabled) return;
  select.focus();
  try {
    select.showPicker?.();
  } catch {
    // Not every browser can open a select's list from a script: focus is enough.
  }
}

export function startCall() {
  const offer = app.state?.offer;
  if (!offer || app.call) return;
  busy(async () => {
    const ack = await socket.request('start_call', { order_id: offer.order_id });
    if (ack.call) adoptCall(ack.call, true);
  });
}

/** Next, a step of the path, a language: the answers typed so far go first. */
function navigate(type, args) {
  if (!app.call) return;
  const callId = app.call.call_id;
  const before = app.call.view?.position;
  busy(async () => {
    await flushAnswers();
    const ack = await socket.request(type, { call_id: callId, ...args });
    if (!onScreen(callId)) return;
    if (ack.view) app.call.view = ack.view;
    if (Array.isArray(ack.path)) app.call.path = ack.path;
    if (Array.isArray(ack.form)) app.call.form = ack.form;
    if (type === 'language') {
      // The whole script in the new language: its title and the breadcrumb too.
      app.call.language = args.language;
      if (typeof ack.title === 'string' && app.call.release) app.call.release.title = ack.title;
      if (ack.step_labels && typeof ack.step_labels === 'object') app.call.step_labels = ack.step_labels;
    }
  }).then(() => {
    if (onScreen(callId) && app.call.view?.position !== before) focusFirstQuestion();
  });
}

/** On a new step, the keyboard goes to its first question (or to "Next" when it asks none),
 * so the agent answers without reaching for the mouse. */
function focusFirstQuestion() {
  const first = byId('fields').querySelector('input:not([type="hidden"]), select, textarea');
  (first || byId('next'))?.focus();
}

export function next() {
  if (!app.call || app.ui.busy) return;
  const view = app.call.view || {};
  if (view.end) openFinish();
  else if (view.next?.step !== 'waiting') navigate('next', {});
}

export function previousStep() {
  if (!app.call) return;
  const path = Array.isArray(app.call.path) ? app.call.path : [];
  const current = currentStep();
  const target = current > 0 ? path[current - 1] : current < 0 ? path[path.length - 1] : null;
  if (target) navigate('goto', { position: target });
}

export function gotoStep(index) {
  const position = app.call?.path?.[index];
  if (position && index !== currentStep()) navigate('goto', { position });
}

export function switchLanguage(language) {
  if (app.call && language !== app.call.language) navigate('language', { language });
}

export function nextLanguage() {
  const languages = (Array.isArray(app.call?.languages) ? app.call.languages : []).filter((l) => LANGS.includes(l));
  if (languages.length < 2) return;
  switchLanguage(languages[(languages.indexOf(app.call.language) + 1) % languages.length]);
}

// ------------------------------------------------------------------ finishing

export function openFinish() {
  const dialog = byId('finish-dialog');
  if (!app.call || dialog.open) return;
  const view = app.call.view || {};
  const proposed = view.end || (view.next?.step === 'end' ? view.next.outcome : '');
  // The outcomes are the server's one list, rendered as the select's options.
  const outcomes = [...byId('outcome').options].map((o) => o.value).filter(Boolean);
  byId('outcome').value = outcomes.includes(proposed) ? proposed : '';
  const callbackAt = byId('callback-at');
  // The time the script already asked (a date and time question about the callback) is
  // proposed here, so the agent does not ask the citizen twice.
  callbackAt.value = scriptCallbackTime();
  callbackAt.min = msToLocalInput(Date.now());
  byId('finish-errors').replaceChildren();
  outcomeChanged();
  dialog.showModal();
  byId('outcome').focus();
}

/** The callback time the script's answers hold (a `datetime` question about the callback, in
 * the future), as the dialog's input takes it; '' when none. */
function scriptCallbackTime() {
  const answers = app.call?.answers || {};
  for (const [id, field] of formIndex()) {
    if (field.type !== 'datetime' || !id.includes('callback')) continue;
    const value = rfc3339ToLocalInput(answers[id]);
    if (value && new Date(value).getTime() > Date.now()) return value;
  }
  return '';
}

export function outcomeChanged() {
  const outcome = byId('outcome').value;
  byId('callback-row').hidden = outcome !== 'callback';
  byId('outcome-help').textContent = outcome ? t(app.lang, `outcome_help_${outcome}`) : '';
}

function showFinishErrors(errors) {
  byId('finish-errors').replaceChildren(...errors.map((error) => el('li', {
    text: error.field ? `${pathLabel(error.field)} — ${error.message || error.code}` : error.message,
  })));
}

/** The checks the agent can fix in the dialog itself; the server checks everything again. */
function finishProblems(outcome, callbackAt) {
  if (!outcome) return [t(app.lang, 'finish_choose_outcome')];
  if (outcome !== 'callback') return [];
  if (!callbackAt) return [t(app.lang, 'callback_required')];
  if (new Date(callbackAt).getTime() <= Date.now()) return [t(app.lang, 'callback_future')];
  return [];
}

export async function confirmFinish(event) {
  event.preventDefault(); // the dialog closes only once the server has finished the call
  if (!app.call || app.ui.finishing) return;
  const outcome = byId('outcome').value;
  const callbackAt = byId('callback-at').value;
  const problems = finishProblems(outcome, callbackAt);
  if (problems.length) {
    showFinishErrors(problems.map((message) => ({ message })));
    return;
  }
  const callId = app.call.call_id;
  app.ui.finishing = true;
  byId('confirm-finish').disabled = true;
  try {
    await flushAnswers();
    const args = { call_id: callId, outcome };
    if (outcome === 'callback') args.callback_at = localInputToRfc3339(callbackAt);
    const ack = await socket.request('finish', args);
    if (onScreen(callId)) leaveCall();
    const due = ack.scheduled?.due_at;
    toast(typeof due === 'number' && outcome !== 'reached'
      ? t(app.lang, 'call_finished_due', { time: fmtDateTime(app.lang, due) })
      : t(app.lang, 'call_finished'));
  } catch (error) {
    if (error?.code === 'validation' && Array.isArray(error.errors)) {
      // The whole form was checked: these are all its problems, shown here and at the fields.
      loadErrors(error.errors);
      showFinishErrors(error.errors);
    } else {
      showFinishErrors([{ message: errorText(error) }]);
    }
  } finally {
    app.ui.finishing = false;
    byId('confirm-finish').disabled = false;
    render();
  }
}
