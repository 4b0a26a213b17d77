// Changing one's own password (templates/password.html). While an admin's reset must be
// replaced (`data-forced`), this is the only page the user gets: once the server accepts the
// new password, `/` shows their usual page again.

import { api, byId, clearMessages, page, setBusy, showConfirm, showProblem, t } from './pages.js';

const form = byId('password-form');
const forced = page.dataset.forced === 'true';
const min = Number(page.dataset.min) || 10;

const value = (name) => form.elements.namedItem(name)?.value || '';

function fieldError(name, text, input) {
  form.querySelector(`[data-error-for="${name}"]`).textContent = text;
  byId(input).setAttribute('aria-invalid', 'true');
  byId(input).focus();
}

/** What the person can fix before asking; the server checks the length again. */
function check(current, next, repeat) {
  if ([...next].length < min) return ['password', t('error_too_short', { min }), 'pw-new'];
  if (next !== repeat) return ['repeat', t('password_mismatch'), 'pw-repeat'];
  if (next === current) return ['password', t('password_same'), 'pw-new'];
  return null;
}

async function submit(event) {
  event.preventDefault();
  const current = value('current');
  const next = value('new');
  clearMessages(form);
  const problem = check(current, next, value('repeat'));
  if (problem) {
    fieldError(...problem);
    return;
  }
  setBusy(form, true);
  const reply = await api('POST', '/api/v1/me/password', { current, new: next });
  setBusy(form, false);
  if (!reply.ok) {
    showProblem(form, reply);
    return;
  }
  if (forced) {
    location.replace('/');
    return;
  }
  form.reset();
  showConfirm(form, t('password_done'));
}

form.addEventListener('submit', submit);
byId('logout')?.addEventListener('click', async () => {
  try {
    await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' });
  } finally {
    location.href = '/';
  }
});
