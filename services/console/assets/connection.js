// The console's side of the connection: the server's pushes (`welcome`, `state`, supervisor
// messages, screen pops) taken into `app`, and the call on screen adopted or left.

import { byId, showConnection, showUser } from './common.js';
import { t } from './i18n.js';
import { app, socket } from './state.js';
import { clearCallScreen, loadErrors } from './call.js';
import { resendUnsent, resetAutosave } from './autosave.js';
import { closeInboundState } from './inbound.js';
import { render } from './render.js';

const KEPT_MESSAGES = 50;

/** Registers the handlers of the server's pushes; the socket is started afterwards. */
export function listen() {
  socket.on('connection', (connection) => {
    showConnection(byId('connection'), app.lang, connection);
    if (connection === 'signed_out') location.href = '/';
  });

  socket.on('welcome', (msg) => {
    app.freshConnection = true;
    if (msg.user) showUser(msg.user);
  });

  socket.on('state', (msg) => {
    app.state = msg;
    for (const message of Array.isArray(msg.messages) ? msg.messages : []) addMessage(message);
    adoptCall(msg.call || null, app.freshConnection);
    if (app.freshConnection) resendUnsent();
    app.freshConnection = false;
    render();
  });

  socket.on('message', (msg) => {
    addMessage(msg);
    render();
  });

  socket.on('screen_pop', (msg) => {
    app.ui.screenPop = msg;
    render();
  });

  // A request wants this agent (a mention, a reminder, an assignment): its reference and
  // why, with a link to it on the requests page; nothing of what was written.
  socket.on('request_notice', (msg) => {
    if (typeof msg.ref !== 'string' || typeof msg.kind !== 'string') return;
    byId('request-notice-text').textContent = t(app.lang, `request_notice_${msg.kind}`, { ref: msg.ref });
    byId('request-notice-open').href = `/requests/queue?ref=${encodeURIComponent(msg.ref)}`;
    byId('request-notice').hidden = false;
  });
  byId('request-notice-dismiss')?.addEventListener('click', () => {
    byId('request-notice').hidden = true;
  });
}

/**
 * Takes `next` as the call on screen. The server's `errors` are shown when the call is new
 * or the console has just (re)connected; afterwards each answer's reply says which errors
 * are left, so a push (a supervisor message, say) does not blank errors being looked at.
 */
export function adoptCall(next, trustServerErrors) {
  if (!next) {
    if (app.call) leaveCall();
    return;
  }
  let trust = trustServerErrors;
  if (!app.call || app.call.call_id !== next.call_id) {
    if (app.call) leaveCall();
    closeInboundState();
    trust = true;
  }
  if (trust) loadErrors(next.errors);
  app.call = next;
}

/** Forgets the call on screen: its answers, errors and data leave memory and the DOM. */
export function leaveCall() {
  resetAutosave();
  app.fieldErrors.clear();
  app.call = null;
  app.ui.lastPosition = null;
  const dialog = byId('finish-dialog');
  if (dialog.open) dialog.close();
  clearCallScreen();
}

function addMessage(message) {
  if (!message || typeof message.text !== 'string') return;
  app.ui.messages.set(messageKey(message), message);
  while (app.ui.messages.size > KEPT_MESSAGES) app.ui.messages.delete(app.ui.messages.keys().next().value);
}

export function messageKey(message) {
  return String(message.id ?? `${message.at}|${message.text}`);
}

export function latestMessage() {
  let latest = null;
  for (const message of app.ui.messages.values()) {
    if (!latest || (message.at || 0) >= (latest.at || 0)) latest = message;
  }
  return latest;
}

