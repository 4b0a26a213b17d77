// After-call work and the call's time: between a call's end and the next offer the agent
// writes a note for whoever opens the case next and says when they are ready; the server
// ends the after-call work itself when its time is up (the countdown here only shows it).
// The call timer counts from the call's start, as the server recorded it.

import { t } from './i18n.js';
import { byId, el, fmtDateTime, fmtElapsed, label } from './common.js';
import { app, socket } from './state.js';
import { drawOnce, clearDrawn } from './render.js';
import { busy, errorText, toast } from './actions.js';

/** The note as last saved, to know whether the textarea holds something unsaved. */
let savedNote = null;
/** The call whose after-call work asked for `ready` when its time ran out. */
let expiredFor = null;

export function renderWrapUp() {
  const box = byId('wrap-up');
  const w = app.state?.wrap_up;
  if (!w) {
    clearDrawn(box);
    return;
  }
  const drawn = drawOnce(box, [w.call_id, app.lang], () => {
    savedNote = w.note || '';
    box.append(
      el('h2', { id: 'wrap-up-title', text: t(app.lang, 'wrapup_title') }),
      el('p', { id: 'wrap-up-left', class: 'wrap-up-left', role: 'timer' }),
      el('label', { for: 'wrap-up-note', text: t(app.lang, 'wrapup_note') }),
      el('p', { id: 'wrap-up-help', class: 'note', text: t(app.lang, 'wrapup_note_help') }),
      el('textarea', {
        id: 'wrap-up-note', rows: '4', maxlength: '2000', 'aria-describedby': 'wrap-up-help',
        oninput: noteChanged,
      }),
      el('p', { id: 'wrap-up-saved', class: 'note', role: 'status' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'wrap-up-save', class: 'secondary', onclick: () => busy(saveNote) },
          t(app.lang, 'wrapup_save')),
        el('button', { type: 'button', id: 'wrap-up-ready', class: 'primary', onclick: readyAfterWrapUp },
          t(app.lang, 'wrapup_ready'))),
    );
    byId('wrap-up-note').value = savedNote;
  });
  if (drawn) byId('wrap-up-note').focus({ preventScroll: true });
  byId('wrap-up-save').disabled = app.ui.busy;
  byId('wrap-up-ready').disabled = app.ui.busy;
  tick();
}

function noteChanged() {
  byId('wrap-up-saved').textContent = byId('wrap-up-note').value.trim() === savedNote ? '' : t(app.lang, 'wrapup_unsaved');
}

/** Saves the note when it changed since it was last saved. */
async function saveNote() {
  const w = app.state?.wrap_up;
  const text = byId('wrap-up-note')?.value.trim() ?? '';
  if (!w || text === savedNote) return;
  await socket.request('wrap_up_note', { call_id: w.call_id, text });
  savedNote = text;
  byId('wrap-up-saved').textContent = t(app.lang, 'wrapup_saved');
}

/** "Ready": the note first (the agent must not lose it by going on), then the next call. */
function readyAfterWrapUp() {
  busy(async () => {
    await saveNote();
    await socket.request('ready');
  });
}

/** Every second: the call timer, and the after-call work's time left. */
export function tick() {
  const timer = byId('call-timer');
  const started = app.call?.started_at;
  timer.textContent = typeof started === 'number' && started > 0 ? fmtElapsed(Date.now() - started) : '';
  const w = app.state?.wrap_up;
  const left = byId('wrap-up-left');
  if (!w || !left) return;
  const ms = w.until - Date.now();
  left.textContent = ms > 0 ? t(app.lang, 'wrapup_left', { time: fmtElapsed(ms) }) : t(app.lang, 'wrapup_over');
  // The time is up: what was typed is saved and the agent goes ready (the server would end
  // it on its next look anyway; the note would then be lost).
  if (ms <= 0 && expiredFor !== w.call_id && !app.ui.busy) {
    expiredFor = w.call_id;
    saveNote().catch((error) => toast(errorText(error), true));
  }
}

/** The notes agents left on the case's earlier calls, as a list. */
export function notesList(notes) {
  return el('ol', { class: 'notes' }, notes.map((n) => el('li', {},
    el('span', { class: 'note-meta' },
      el('time', { text: fmtDateTime(app.lang, n.at) }),
      n.outcome ? ` · ${label(app.lang, 'outcome', n.outcome)}` : ''),
    el('p', { class: 'note-text', text: n.text }))));
}

/** The call screen's notes from earlier calls. */
export function renderCallNotes() {
  const box = byId('call-notes');
  const notes = Array.isArray(app.call?.notes) ? app.call.notes.filter((n) => n && n.text) : [];
  box.hidden = notes.length === 0;
  drawOnce(box, [notes, app.lang], () => {
    if (!notes.length) return;
    box.append(el('h3', { id: 'call-notes-title', text: t(app.lang, 'notes_title') }), notesList(notes));
  });
}
