// Helpers shared by the server-rendered pages with a script (the kernel's access pages:
// admin.js, admin_teams.js, audit.js, password.js; the supervisor's campaign builder and
// order list): building the DOM from text only (never parsed as HTML), the page's texts,
// calling the JSON API, and showing a refusal beside the form that caused it.
//
// The texts come with the page: `data-texts` on the page's root holds one area of the
// catalogue in the user's language (services/kernel/i18n/{lang}/{area}.ftl), the area named
// by `data-area` (`access` when absent). A key is asked with underscores, as in the console:
// on the access pages `t('users_heading')` reads `access-users-heading`.

import { byId, el } from './dom.js';

export { byId, el };

/** The page's root element, whose `data-*` attributes carry what the server rendered. */
export const page = document.getElementById('access') || document.querySelector('[data-texts]');

const AREA = page?.dataset.area || 'access';

/** The interface language the server rendered the page in. */
export const lang = document.documentElement.lang || 'en';

// Belgian conventions for dates and times in the national languages.
const LOCALES = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB', de: 'de-BE' };

const texts = (() => {
  try {
    const parsed = JSON.parse(page?.dataset.texts || '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    // Without its texts the page shows their keys: ugly, but it still works.
    return {};
  }
})();

const messageId = (key) => `${AREA}-${String(key).replace(/_/g, '-')}`;

/** Whether the page has a text for `key`. */
export function hasText(key) {
  return Object.hasOwn(texts, messageId(key));
}

/** The text `key` (the key itself when missing), with `{name}` replaced by `vars.name`. */
export function t(key, vars) {
  const id = messageId(key);
  const text = Object.hasOwn(texts, id) && typeof texts[id] === 'string' ? texts[id] : key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (vars[name] != null ? String(vars[name]) : whole));
}


/** `value` if it is an array, else an empty one: answers are read defensively. */
export const list = (value) => (Array.isArray(value) ? value : []);


/** A table row saying the table is empty (or why it could not be loaded). */
export function emptyRow(columns, text) {
  return el('tr', { class: 'empty' }, el('td', { colspan: String(columns), text }));
}

/** A date and time (Unix milliseconds) to the minute: what a queue needs. */
export function fmtMinute(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  return new Date(ms).toLocaleString(LOCALES[lang] || 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** A date and time (Unix milliseconds) in full, seconds included: what an audit needs. */
export function fmtDateTime(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  return new Date(ms).toLocaleString(LOCALES[lang] || 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * Calls the JSON API of this origin. Never rejects: resolves with `{ ok, status, body }`,
 * `status` being 0 when the server could not be reached and `body` null without JSON.
 */
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let answer;
  try {
    answer = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, body: null };
  }
  const data = answer.status === 204 ? null : await answer.json().catch(() => null);
  return { ok: answer.ok, status: answer.status, body: data };
}

// Refusals the server words in English only (the account rules and the name clashes), as
// the page's own texts. Any other detail is shown as the server wrote it.
const KNOWN_DETAILS = {
  'nobody changes their own role': 'rule_own_role',
  'nobody deactivates themselves': 'rule_deactivate_self',
  'the last active admin stays an active admin': 'rule_last_admin',
  'a user with this email already exists': 'conflict_email',
  'a team with this name already exists': 'conflict_team',
};

/** A refused answer in the user's words: a known rule, the kind of refusal, else its detail. */
export function problemText(reply) {
  if (reply.status === 0) return t('problem_network');
  const body = reply.body && typeof reply.body === 'object' ? reply.body : {};
  const detail = typeof body.detail === 'string' ? body.detail : '';
  if (Object.hasOwn(KNOWN_DETAILS, detail)) return t(KNOWN_DETAILS[detail]);
  // The problem's `type` ends with its slug: `.../problems/not-found`.
  const slug = typeof body.type === 'string' ? body.type.split('/').pop().replace(/-/g, '_') : '';
  if (slug && hasText(`problem_${slug}`)) return t(`problem_${slug}`);
  return detail || t('problem_generic');
}

/** A field error in the user's words (by its code), else the server's message. */
export function fieldText(error) {
  const code = String(error?.code || '');
  if (code && hasText(`error_${code}`)) return t(`error_${code}`, { min: page?.dataset.min || '' });
  return String(error?.message || code);
}

/** A refused answer in one line, field errors included: for actions without a form. */
export function replyText(reply) {
  const errors = list(reply.body?.errors).map(fieldText);
  return errors.length ? errors.join(' ') : problemText(reply);
}

/** Clears a form's messages: field errors, its general error and its confirmation. */
export function clearMessages(form) {
  for (const node of form.querySelectorAll('[data-error-for], .form-error, .confirm')) node.textContent = '';
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

/**
 * Shows a refused answer in `form`: each field error beside its field (the element with
 * `data-error-for` naming it; `postal[2]` goes to `postal`), the others and a summary in the
 * form's `.form-error`. `describe` may word a field error better (naming its entry).
 */
export function showProblem(form, reply, describe = fieldText) {
  clearMessages(form);
  const unplaced = [];
  for (const error of list(reply.body?.errors)) {
    const field = String(error?.field || '').replace(/[[.].*$/, '');
    const slot = field ? form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) : null;
    const text = describe(error);
    if (!slot) {
      unplaced.push(text);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
    const input = form.elements.namedItem(field);
    if (input instanceof Element) input.setAttribute('aria-invalid', 'true');
  }
  const general = form.querySelector('.form-error');
  if (general) general.textContent = [problemText(reply), ...unplaced].join(' ');
}

/** Shows what a form did, in its `.confirm`. */
export function showConfirm(form, text) {
  const node = form.querySelector('.confirm');
  if (node) node.textContent = text;
}

/** Disables a form's submit button while its request is under way (no double submits). */
export function setBusy(form, busy) {
  for (const button of form.querySelectorAll('button[type="submit"]')) button.disabled = busy;
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
}

/** Writes a section's message line: what was done, or (`isError`) what was refused. */
export function say(node, text, isError = false) {
  node.textContent = text;
  node.classList.toggle('error', isError);
}
