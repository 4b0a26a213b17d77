// Helpers shared by the agent console and the supervisor dashboard: DOM building, texts,
// times, the top bar (connection indicator, interface language, log out).

import { byId, el } from '/static/kernel/dom.js';
import { hasText, t } from './i18n.js';

export { byId, el };

export const LANGS = ['fr', 'nl', 'en', 'de'];

// Belgian conventions for dates and times in the national languages.
const LOCALES = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB', de: 'de-BE' };

/** The page's boot data from `#app`: interface language and the logged-in user. */
export function boot() {
  const app = document.getElementById('app');
  const lang = LANGS.includes(app?.dataset.lang) ? app.dataset.lang : 'en';
  let user = null;
  try {
    const parsed = JSON.parse(app?.dataset.user || 'null');
    if (parsed && typeof parsed === 'object') user = parsed;
  } catch {
    // No usable user in the page: the server's `welcome` fills it in.
  }
  return { app, lang, user };
}


/** The text for `prefix_value` (a status, an outcome…), else the raw value made readable. */
export function label(lang, prefix, value) {
  if (value == null || value === '') return '';
  const key = `${prefix}_${value}`;
  return hasText(key) ? t(lang, key) : String(value).replace(/_/g, ' ');
}

/** Fills every `[data-i18n]` (text), `[data-i18n-title]` and `[data-i18n-label]` (aria-label). */
export function applyTexts(root, lang) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(lang, node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(lang, node.dataset.i18nTitle);
  for (const node of root.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(lang, node.dataset.i18nLabel));
  }
  document.documentElement.lang = lang;
}

function validDate(ms) {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms) : null;
}

/** 14:05 */
export function fmtTime(lang, ms) {
  const d = validDate(ms);
  return d ? d.toLocaleTimeString(LOCALES[lang], { hour: '2-digit', minute: '2-digit' }) : '';
}

/** The time alone for today, else the date and the time: what an agent scans fastest. */
export function fmtDateTime(lang, ms) {
  const d = validDate(ms);
  if (!d) return '';
  if (d.toDateString() === new Date().toDateString()) return `${t(lang, 'today')} ${fmtTime(lang, ms)}`;
  const date = d.toLocaleDateString(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short' });
  return `${date} ${fmtTime(lang, ms)}`;
}

/** `YYYY-MM-DD` (as the server sends dates) shown as 14/02/1987, without time-zone shifts. */
export function fmtDate(lang, ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd || '');
  if (!m) return ymd || '';
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toLocaleDateString(LOCALES[lang], { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** A duration as 4:05 or 1:02:05, for "time in this state". */
export function fmtElapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A reply's error in words: what the code means for the user, then the server's own
 * message in brackets (it names the detail: which order, which field).
 */
export function describeError(lang, error) {
  const code = error?.code;
  const known = [
    'disconnected', 'conflict', 'forbidden', 'cooldown', 'invalid', 'validation', 'too_large', 'purpose_refused',
    'internal', 'unavailable',
  ];
  // A known refusal is said in the agent's language only; the server's detail (English)
  // is added for an unknown one, where it is all there is to go on.
  if (known.includes(code)) return t(lang, `err_${code}`);
  const base = t(lang, 'err_generic');
  return error?.message ? `${base} (${error.message})` : base;
}

/**
 * Shows the connection state: `data-state` is `connected` or `reconnecting` (the CSS and
 * the tests key on it); the text also tells a first connection from a lost one.
 */
export function showConnection(node, lang, state) {
  if (!node) return;
  node.dataset.state = state === 'connected' ? 'connected' : 'reconnecting';
  const key = { connected: 'conn_ok', connecting: 'conn_connecting', signed_out: 'conn_signed_out' }[state];
  node.textContent = t(lang, key || 'conn_lost');
}

/**
 * Wires the shared top bar: the interface-language select (switched at once, and kept by
 * the server for every later page and login: PUT /api/v1/me/language) and "Log out".
 * `confirmLogout` returns false to stay.
 */
export function wireTopbar({ lang, onLanguage, confirmLogout = () => true }) {
  const select = byId('ui-lang');
  if (select) {
    select.value = lang;
    select.addEventListener('change', () => {
      if (!LANGS.includes(select.value)) return;
      onLanguage(select.value);
      // Kept for the next page; if the server cannot keep it, this page still switched.
      const chosen = select.value;
      fetch('/api/v1/me/language', {
        method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ language: chosen }),
      }).then((reply) => { if (reply.ok) select.dataset.saved = chosen; }).catch(() => {});
    });
  }
  byId('logout')?.addEventListener('click', async () => {
    if (!confirmLogout()) return;
    try {
      await fetch('/api/v1/session', { method: 'DELETE' });
    } finally {
      location.href = '/';
    }
  });
}

/** Shows the logged-in user's name in the top bar. */
export function showUser(user) {
  const node = byId('user-name');
  if (node) node.textContent = user?.name || '';
}
