// The agent console. Everything on screen is drawn from the last `state` push (plus the
// replies received since) and a little local UI state: which panel or dialog is open. So a
// reload, a reconnect or another browser shows exactly the same thing.
//
// Privacy: citizen data stays in memory and in the DOM while it is needed, and is removed
// from the DOM when the call or the case panel closes. It never goes into URLs, the console
// log or browser storage, and it is always inserted as text, never as HTML.
//
// This module wires the page (buttons, keyboard, language) and starts it. The rest:
//   state.js       the console's state (`app`) and its socket
//   connection.js  the server's pushes, the call on screen adopted or left
//   render.js      drawing the status, toolbar, banners and main panel from `app`
//   call.js        the call screen: script, citizen, fields, errors, "Saved"
//   autosave.js    sending the answers as they are given
//   actions.js     the agent's requests (ready, pause, next, finish…) and the toast
//   inbound.js     searching, opening a file and starting an inbound call
//   breakglass.js  opening a file the server finds no reason for, with a justification

import { loadTexts, t } from './i18n.js';
import { applyTexts, byId, showConnection, showUser, wireTopbar } from './common.js';
import { app, page, socket } from './state.js';
import { latestMessage, listen, messageKey } from './connection.js';
import { render } from './render.js';
import { onFieldsChange, onFieldsClick, onFieldsInput } from './autosave.js';
import {
  confirmFinish, focusPauseReason, gotoStep, next, nextLanguage, openFinish, outcomeChanged, pause,
  previousStep, setReady, startCall, switchLanguage,
} from './actions.js';
import { closeInbound, openCase, openInbound, search, startInbound } from './inbound.js';
import { closeBreakGlass, confirmBreakGlass, updateCount } from './breakglass.js';
import { tick } from './wrapup.js';
import { submitRegister, toggleRegister } from './register.js';

// ------------------------------------------------------------------ keyboard, events

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
  i: () => (app.ui.inbound.open && !app.call ? byId('search-q').focus() : openInbound()),
  l: nextLanguage,
};

/** Whether a dialog is in front of the console (it takes the keys). */
const dialogOpen = () => ['finish-dialog', 'break-glass-dialog', 'help'].some((id) => byId(id).open);

function toggleHelp() {
  const help = byId('help');
  if (help.open) help.close();
  else if (!dialogOpen()) help.showModal();
}

function onKeydown(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
  if (event.altKey) {
    const action = SHORTCUTS[shortcutLetter(event)];
    if (!action) return;
    event.preventDefault();
    // A dialog in front of the console takes the keys.
    if (!dialogOpen()) action();
    return;
  }
  if (event.key === '?' && !isTyping(event.target) && (!dialogOpen() || byId('help').open)) {
    event.preventDefault();
    toggleHelp();
  }
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

/** Switches the interface language once its texts are loaded (the latest choice wins). */
async function setLanguage(language) {
  await loadTexts(language);
  const select = byId('ui-lang');
  if (select && select.value !== language) return;
  app.lang = language;
  applyTexts(document, app.lang);
  showConnection(byId('connection'), app.lang, socket.connection);
  updateCount();
  render();
}

function wire() {
  wireTopbar({
    lang: app.lang,
    onLanguage: setLanguage,
    confirmLogout: () => !app.call || window.confirm(t(app.lang, 'logout_in_call')),
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
  byId('register-open').addEventListener('click', () => toggleRegister());
  byId('register-cancel').addEventListener('click', () => toggleRegister(false));
  byId('register-form').addEventListener('submit', submitRegister);
  byId('help-button').addEventListener('click', toggleHelp);
  byId('help-close').addEventListener('click', () => byId('help').close());
  byId('pop-dismiss').addEventListener('click', () => {
    app.ui.screenPop = null;
    render();
  });
  byId('message-dismiss').addEventListener('click', () => {
    const message = latestMessage();
    if (message) app.ui.dismissed.add(messageKey(message));
    render();
  });
  byId('next').addEventListener('click', next);
  byId('finish').addEventListener('click', openFinish);
  byId('outcome').addEventListener('change', outcomeChanged);
  byId('finish-form').addEventListener('submit', confirmFinish);
  byId('cancel-finish').addEventListener('click', () => byId('finish-dialog').close());
  byId('break-glass-form').addEventListener('submit', confirmBreakGlass);
  byId('break-glass-justification').addEventListener('input', updateCount);
  byId('cancel-break-glass').addEventListener('click', closeBreakGlass);
  // Escape closes the dialog too: the file and the justification are forgotten either way.
  byId('break-glass-dialog').addEventListener('close', closeBreakGlass);
  const fields = byId('fields');
  fields.addEventListener('input', onFieldsInput);
  fields.addEventListener('change', onFieldsChange);
  fields.addEventListener('click', onFieldsClick);
  document.addEventListener('click', onDocumentClick);
  document.addEventListener('keydown', onKeydown);
  // Typed answers not acknowledged yet would be lost by leaving the page.
  window.addEventListener('beforeunload', (event) => {
    if (app.autosave.unsent.size > 0) event.preventDefault();
  });
  // Deadlines ("in 25 min") age.
  setInterval(render, 30000);
  // The call timer and the after-call work's countdown.
  setInterval(tick, 1000);
}

listen();
// The texts first (English too, for what a language lacks), so the first render has them.
await loadTexts(app.lang);
applyTexts(document, app.lang);
showUser(page.user);
showConnection(byId('connection'), app.lang, socket.connection);
wire();
render();
socket.start();
