// Registering a caller who has no file: during an inbound call the agent types what the
// caller says; the server validates it as an import row (every wrong field named), merges
// it with a person already on file, and opens the case like one found on the line. The
// typed details never leave the form except in that one request.

import { t } from './i18n.js';
import { byId } from './common.js';
import { app, socket } from './state.js';
import { busy } from './actions.js';
import { showOpened } from './inbound.js';

/** Shows or hides the form (hiding it clears it: nothing typed stays in the page). */
export function toggleRegister(open = byId('register-form').hidden) {
  const form = byId('register-form');
  form.hidden = !open;
  byId('register-open').setAttribute('aria-expanded', String(open));
  if (!open) {
    form.reset();
    showErrors([]);
    return;
  }
  // The caller's language is the agent's until told otherwise.
  form.elements.language.value = app.lang;
  form.elements.case_type.focus();
}

function showErrors(errors) {
  const form = byId('register-form');
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const lines = [];
  for (const e of errors) {
    const input = form.elements[e.field];
    if (input) input.setAttribute('aria-invalid', 'true');
    const name = input?.closest('label')?.querySelector('span')?.textContent || e.field;
    // The server words its reasons in English: the agent reads which field, in their language.
    lines.push(`${name} : ${t(app.lang, 'register_check')}`);
  }
  byId('register-errors').textContent = lines.join(' · ');
}

export function submitRegister(event) {
  event.preventDefault();
  const form = byId('register-form');
  const fields = {};
  for (const input of form.querySelectorAll('input, select')) {
    const value = input.value.trim();
    if (value) fields[input.name] = value;
  }
  // Only the date that fits what the caller is.
  if (fields.case_type === 'contact') delete fields.test_date;
  else delete fields.exposure_date;
  busy(async () => {
    try {
      const ack = await socket.request('register_caller', { fields });
      toggleRegister(false);
      showOpened(ack.case?.code || '', ack);
    } catch (error) {
      if (Array.isArray(error?.errors) && error.errors.length) {
        showErrors(error.errors);
        form.querySelector('[aria-invalid="true"]')?.focus();
        return;
      }
      throw error;
    }
  }).then(() => {
    if (form.hidden) byId('case-title')?.focus();
  });
}
