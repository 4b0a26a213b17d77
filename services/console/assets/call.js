// The call screen: the script (its text, path and languages), the citizen, the form's fields
// with their errors and "Saved" marks. The answers themselves are sent by autosave.js.

import { t } from './i18n.js';
import { LANGS, byId, el, fmtDate, label } from './common.js';
import { buildField, named, writeValue } from './fields.js';
import { app, currentStep, formIndex } from './state.js';
import { clearDrawn, drawOnce, fact } from './render.js';
import { renderCallNotes, tick } from './wrapup.js';
import { renderDocuments } from './documents.js';

const SAVED_MARK_MS = 2000;

export function renderCall() {
  const view = app.call.view || {};
  byId('call').setAttribute('aria-busy', String(app.ui.busy));
  byId('release-title').textContent = [
    app.call.release?.title,
    app.call.kind === 'inbound' ? t(app.lang, 'kind_inbound') : null,
  ].filter(Boolean).join(' · ');
  renderScriptLanguages();
  renderPath();
  byId('say').textContent = view.say || '';
  renderMissing(view);
  byId('hint').hidden = !view.hint;
  byId('hint-text').textContent = view.hint || '';
  renderNext(view);
  renderCitizen();
  renderCallNotes();
  renderDocuments();
  tick();
  renderFields();
  renderFieldErrors();
  renderSavedMarks();
  if (view.position !== app.ui.lastPosition) {
    // A new step starts at the top of its text and of its questions.
    app.ui.lastPosition = view.position;
    byId('script-body').scrollTop = 0;
    byId('form').scrollTop = 0;
  }
}

/**
 * A value the file does not have stands as "[?]" in the text: say which, so the agent asks
 * or goes on instead of reading the brackets.
 */
function renderMissing(view) {
  const missing = Array.isArray(view.missing) ? view.missing : [];
  const box = byId('say-missing');
  box.hidden = missing.length === 0;
  if (!missing.length) return;
  const fields = formIndex();
  const names = missing.map((name) => {
    const [scope, attr] = String(name).split('.');
    if (scope === 'answers') {
      const field = fields.get(attr);
      return field?.label?.[app.call.language] || field?.label?.[app.lang] || attr;
    }
    return label(app.lang, 'placeholder', `${scope}_${attr}`);
  });
  box.textContent = t(app.lang, 'say_missing', { names: names.join(', ') });
}

function renderScriptLanguages() {
  const languages = (Array.isArray(app.call.languages) ? app.call.languages : []).filter((l) => LANGS.includes(l));
  drawOnce(byId('script-langs'), [languages, app.call.language, app.lang], (box) => {
    box.append(...languages.map((l) => el('button', {
      type: 'button',
      id: `lang-${l}`,
      class: 'lang small',
      dataset: { lang: l },
      title: label(app.lang, 'lang', l),
      'aria-pressed': String(l === app.call.language),
    }, l.toUpperCase())));
  });
}

/** A step of the breadcrumb: its first question in the call's language (the server's
 * `step_labels`), else its number; never the script's English ids. */
function stepLabel(position, i) {
  const known = app.call.step_labels?.[position];
  return typeof known === 'string' && known ? known : t(app.lang, 'step_n', { n: i + 1 });
}

function renderPath() {
  const list = byId('path');
  const path = Array.isArray(app.call.path) ? [...app.call.path] : [];
  let current = currentStep();
  if (current < 0 && app.call.view?.position) {
    // The path is the visited steps; show the one on screen even if it is not listed yet.
    path.push(app.call.view.position);
    current = path.length - 1;
  }
  const drawn = drawOnce(list, [path, current, app.call.step_labels, app.lang], () => {
    list.append(...path.map((position, i) => {
      const text = stepLabel(position, i);
      return el('li', {
        dataset: { position },
        'aria-current': i === current ? 'step' : null,
      }, el('button', { type: 'button', class: 'step', title: text, dataset: { index: String(i) } }, text));
    }));
  });
  if (drawn) {
    // One line that scrolls sideways: the step on screen is brought into view.
    const item = list.children[current];
    if (item) list.scrollLeft = Math.max(0, item.offsetLeft - list.clientWidth + item.offsetWidth);
  }
}

function renderNext(view) {
  const next = view.next || {};
  const button = byId('next');
  let text = t(app.lang, 'next');
  let note = '';
  if (view.end) {
    // The closing text is on screen: Next leads to "Finish call".
    text = t(app.lang, 'finish_call');
    note = t(app.lang, 'at_end', { outcome: label(app.lang, 'outcome', view.end) });
  } else if (next.step === 'end') {
    text = t(app.lang, 'next_to_end', { outcome: label(app.lang, 'outcome', next.outcome) });
  } else if (next.step === 'waiting') {
    note = t(app.lang, 'next_waiting');
  }
  byId('next-label').textContent = text;
  byId('next-note').textContent = note;
  button.disabled = !view.end && next.step === 'waiting';
  button.dataset.end = String(Boolean(view.end));
}

function renderCitizen() {
  const person = app.call.person || {};
  const theCase = app.call.case || {};
  drawOnce(byId('citizen'), [person, theCase, app.lang], (dl) => {
    const name = [person.first_name, person.last_name].filter(Boolean).join(' ');
    dl.append(...[
      fact('citizen_name', name, 'citizen-name'),
      fact('citizen_birth_date', fmtDate(app.lang, person.birth_date)),
      fact('citizen_phone', person.phone, 'mono'),
      fact('citizen_case', [theCase.code, label(app.lang, 'case_type', theCase.case_type)].filter(Boolean).join(' · ')),
    ].flat().filter(Boolean));
  });
}

/**
 * The fields of this step that are visible, each in a `[data-field]` block. Blocks that
 * did not change are kept as they are, so the field being typed in keeps its focus and its
 * text; values are written only into fields the agent is not editing.
 */
function renderFields() {
  const box = byId('fields');
  const view = app.call.view || {};
  const visible = new Set(Array.isArray(view.visible) ? view.visible : []);
  const index = formIndex();
  const wanted = (Array.isArray(view.fields) ? view.fields : [])
    .filter((id) => visible.has(id) && index.has(id))
    .map((id) => index.get(id));
  const ids = new Set(wanted.map((field) => field.id));
  // A question an answer has just hidden is no longer asked: its errors ("required") go
  // with it, as the server drops them too.
  for (const id of Array.isArray(view.fields) ? view.fields : []) {
    if (!visible.has(id)) dropErrors(id);
  }
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
  if (wanted.length === 0) box.append(el('p', { class: 'note no-fields', text: t(app.lang, 'no_fields') }));
}

/**
 * The block of `field`: the one on screen when its definition did not change (`stale` is
 * then null), else a new one that the caller puts in place of `stale`.
 */
function fieldBlock(box, field) {
  const signature = JSON.stringify([field, app.lang]);
  const existing = [...box.children].find((node) => node.dataset.field === field.id) || null;
  const value = app.autosave.unsent.has(field.id) ? app.autosave.unsent.get(field.id) : app.call.answers?.[field.id] ?? null;
  const valueJson = JSON.stringify(value);
  if (existing && app.drawn.fieldSignature.get(existing) === signature) {
    const editing = app.autosave.unsent.has(field.id) || existing.contains(document.activeElement);
    if (!editing && app.drawn.writtenValue.get(existing) !== valueJson) {
      writeValue(existing, field, field.id, value, app.lang);
      app.drawn.writtenValue.set(existing, valueJson);
    }
    return { node: existing, stale: null };
  }
  const node = buildField(field, field.id, true, app.lang);
  app.drawn.fieldSignature.set(node, signature);
  writeValue(node, field, field.id, value, app.lang);
  app.drawn.writtenValue.set(node, valueJson);
  return { node, stale: existing };
}

// ------------------------------------------------------------------ errors and "Saved"

export function loadErrors(errors) {
  app.fieldErrors.clear();
  for (const error of Array.isArray(errors) ? errors : []) addError(error.field, error.message || error.code);
}

function addError(path, message) {
  if (!path || !message) return;
  if (!app.fieldErrors.has(path)) app.fieldErrors.set(path, []);
  app.fieldErrors.get(path).push(message);
}

/** Forgets the errors of field `id` and of its repeat items. */
function dropErrors(id) {
  for (const path of [...app.fieldErrors.keys()]) {
    if (path === id || path.startsWith(`${id}[`) || path.startsWith(`${id}.`)) app.fieldErrors.delete(path);
  }
}

/** Replaces the errors of field `id` (and of its repeat items) with `errors`. */
export function setFieldErrors(id, errors) {
  dropErrors(id);
  for (const error of errors) addError(error.field || id, error.message || error.code);
}

/**
 * Shows every error at its path's error line; a path without one on screen (a repeat item
 * removed since) falls back to its field's line. Errors of fields on other steps wait in
 * `app.fieldErrors` until the agent goes there.
 */
export function renderFieldErrors() {
  const box = byId('fields');
  const lines = new Map([...box.querySelectorAll('.field-error')].map((node) => [node, []]));
  for (const [path, messages] of app.fieldErrors) {
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

export function renderSavedMarks() {
  const now = Date.now();
  for (const mark of byId('fields').querySelectorAll('[data-saved-for]')) {
    const on = (app.autosave.savedUntil.get(mark.dataset.savedFor) || 0) > now;
    mark.textContent = on ? t(app.lang, 'saved') : '';
    mark.classList.toggle('on', on);
  }
}

export function markSaved(id) {
  app.autosave.savedUntil.set(id, Date.now() + SAVED_MARK_MS);
  setTimeout(renderSavedMarks, SAVED_MARK_MS + 50);
}

/** "Field › Item 2 › Phone" for an error path, for the list in the finish dialog. */
export function pathLabel(path) {
  const match = /^([^[.]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(path || '');
  const top = match && formIndex().get(match[1]);
  if (!top) return path || '';
  const parts = [top.label || top.id];
  if (match[2] != null) parts.push(t(app.lang, 'item_n', { n: Number(match[2]) + 1 }));
  if (match[3]) parts.push((Array.isArray(top.fields) ? top.fields : []).find((f) => f.id === match[3])?.label || match[3]);
  return parts.join(' › ');
}

export function clearCallScreen() {
  for (const id of ['script-langs', 'path', 'citizen', 'fields', 'call-notes', 'call-documents']) clearDrawn(byId(id));
  for (const id of ['release-title', 'say', 'hint-text', 'next-note']) byId(id).textContent = '';
}
