// The agent console's state: one object, `app`, owned by this module and changed in place by
// the console's other modules (connection.js, render.js, call.js, autosave.js, actions.js,
// inbound.js, breakglass.js, console.js), plus the one socket and a few reads derived from the call on
// screen. Nothing else in the console keeps state between events.
//
// Privacy: citizen data stays here (and in the DOM) only while it is needed; it never goes
// into URLs, the console log or browser storage.

import { ConsoleSocket } from './ws.js';
import { boot } from './common.js';

/** The page's boot data: interface language and the logged-in user. */
export const page = boot();

/** What the console shows is drawn from this, and from nothing else. */
export const app = {
  lang: page.lang, // the interface language
  state: null, // the last `state` push
  call: null, // the call on screen: state.call, kept up to date by the replies since
  freshConnection: true, // the next `state` is the first one since (re)connecting

  // Local UI state: which panel or dialog is open, what is under way.
  ui: {
    inbound: closedInbound(),
    screenPop: null,
    breakGlass: null, // { code, sending }: the file the break-the-glass dialog is for
    messages: new Map(), // key -> supervisor message
    dismissed: new Set(), // keys of dismissed messages
    busy: false, // a request that changes the screen is under way: ignore repeated clicks
    finishing: false,
    lastStatus: null,
    lastPosition: null,
  },

  // Autosave of the call on screen.
  autosave: {
    timers: new Map(), // field id -> debounce timer
    unsent: new Map(), // field id -> value typed but not acknowledged yet
    lastSent: new Map(), // field id -> JSON of the value last sent, to skip duplicates
    latest: new Map(), // field id -> sequence number of its latest request
    seq: 0,
    inflight: new Set(), // promises of answer requests under way
    sending: new Set(), // field ids whose latest answer awaits its reply
    savedUntil: new Map(), // field id -> until when "Saved" shows
  },
  fieldErrors: new Map(), // error path (`contacts[1].phone`) -> [message]

  // Rendering caches: what each block was last drawn from, so unchanged blocks are left
  // alone (no flicker, no lost focus). WeakMaps, so no citizen data ends up in DOM attributes.
  drawn: {
    from: new WeakMap(), // node -> JSON of what it was drawn from
    fieldSignature: new WeakMap(), // field block -> JSON of its definition and language
    writtenValue: new WeakMap(), // field block -> JSON of the value last written into it
  },

  toastTimer: null, // hides the toast
};

/** The console's one connection to the server. */
export const socket = new ConsoleSocket();

/** The inbound panel when closed: nothing searched, nothing opened. */
export function closedInbound() {
  return { open: false, results: null, searching: false, error: '', opened: null };
}

/** Whether `callId` is still the call on screen (pushes replace the call object). */
export function onScreen(callId) {
  return app.call != null && app.call.call_id === callId;
}

/** The form of the call on screen: field id -> field. */
export function formIndex() {
  const index = new Map();
  for (const field of Array.isArray(app.call?.form) ? app.call.form : []) {
    if (field && field.id) index.set(field.id, field);
  }
  return index;
}

/** Index in the path of the step on screen: its last visit. -1 when the path lacks it. */
export function currentStep() {
  const path = Array.isArray(app.call?.path) ? app.call.path : [];
  return path.lastIndexOf(app.call?.view?.position);
}
