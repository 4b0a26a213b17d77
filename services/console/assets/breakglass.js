// Breaking the glass. When the server finds no purpose it can check for opening a file
// (`open_case` answered `purpose_refused`: no call of the agent is on it, and no strong
// search or screen pop of theirs led to it lately), the agent may still open it, with a
// written justification. That open is recorded with the justification and pushed at once
// to the team's supervisors (PROTOCOL.md `open_case` and `alert`; cases/src/purpose.rs).

import { t } from './i18n.js';
import { byId, describeError, el } from './common.js';
import { app, socket } from './state.js';
import { showOpened } from './inbound.js';
import { render } from './render.js';

/** The shortest justification the server accepts (`cases::purpose::MIN_JUSTIFICATION`). */
export const MIN_JUSTIFICATION = 10;

const justification = () => byId('break-glass-justification').value.trim();

/** Offers to break the glass for the file `code`, which the server refused to open. */
export function offerBreakGlass(code) {
  const dialog = byId('break-glass-dialog');
  if (dialog.open || app.call) return;
  app.ui.breakGlass = { code, sending: false };
  byId('break-glass-justification').value = '';
  byId('break-glass-errors').replaceChildren();
  updateCount();
  dialog.showModal();
  byId('break-glass-justification').focus();
}

/** "12 characters (at least 10)", counted as the server counts (trimmed, by character). */
export function updateCount() {
  const n = [...justification()].length;
  const node = byId('break-glass-count');
  node.textContent = t(app.lang, 'break_glass_count', { n, min: MIN_JUSTIFICATION });
  node.classList.toggle('short', n < MIN_JUSTIFICATION);
}

function showErrors(messages) {
  byId('break-glass-errors').replaceChildren(...messages.map((text) => el('li', { text })));
}

/** A refusal in words: a justification the server found too short, or the error itself. */
function refusalTexts(error) {
  const fields = Array.isArray(error?.errors) ? error.errors : [];
  if (!fields.length) return [describeError(app.lang, error)];
  return fields.map((e) => (e?.field === 'justification' && e?.code === 'too_short'
    ? t(app.lang, 'break_glass_too_short', { min: MIN_JUSTIFICATION })
    : String(e?.message || e?.code || '')));
}

export async function confirmBreakGlass(event) {
  event.preventDefault(); // the dialog closes only once the server has opened the file
  const pending = app.ui.breakGlass;
  if (!pending || pending.sending) return;
  const text = justification();
  if ([...text].length < MIN_JUSTIFICATION) {
    showErrors([t(app.lang, 'break_glass_too_short', { min: MIN_JUSTIFICATION })]);
    byId('break-glass-justification').focus();
    return;
  }
  pending.sending = true;
  byId('confirm-break-glass').disabled = true;
  try {
    const ack = await socket.request('open_case', { code: pending.code, reason: 'break_glass', justification: text });
    closeBreakGlass();
    showOpened(pending.code, ack);
    render();
    byId('case-title')?.focus();
  } catch (error) {
    showErrors(refusalTexts(error));
  } finally {
    pending.sending = false;
    byId('confirm-break-glass').disabled = false;
  }
}

/** Closes the dialog; the justification typed leaves the page with it. */
export function closeBreakGlass() {
  app.ui.breakGlass = null;
  const dialog = byId('break-glass-dialog');
  if (dialog.open) dialog.close();
  byId('break-glass-justification').value = '';
  byId('break-glass-errors').replaceChildren();
}
