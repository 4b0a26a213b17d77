// The texts of the agent console and the supervisor dashboard. Their home is the Fluent files
// services/kernel/i18n/{lang}/console.ftl, shared with the server's pages; the server sends
// each language as /static/i18n/{lang}.json: message id -> text, with `{name}` where the
// message has the placeable `{ $name }`.
//
// The pages keep asking by key (`ui_language`); a key's message id is `console-` and the key
// with underscores turned into hyphens (`console-ui-language`).

/** The language every other one falls back to, loaded with each of them. */
const FALLBACK = 'en';

const loaded = new Map(); // language -> { message id: text }
const loading = new Map(); // language -> promise of its texts, while they are fetched

/** The message id of `key`: `ui_language` -> `console-ui-language`. */
export function messageId(key) {
  return `console-${String(key).replace(/_/g, '-')}`;
}

/** Only the string values of the server's answer. */
function texts(json) {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).filter(([, text]) => typeof text === 'string'));
}

/** Fetches the texts of `lang` once; a failure is not kept, so the next call tries again. */
function fetchTexts(lang) {
  if (loaded.has(lang)) return Promise.resolve();
  if (!loading.has(lang)) {
    const request = fetch(`/static/i18n/${lang}.json`, { credentials: 'same-origin' })
      .then((answer) => {
        if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
        return answer.json();
      })
      .then((json) => {
        loaded.set(lang, texts(json));
      })
      .catch((error) => {
        // The page still works: each text falls back to English, then to its key.
        console.warn(`texts of ${lang} not loaded: ${error?.message || error}`);
      })
      .finally(() => loading.delete(lang));
    loading.set(lang, request);
  }
  return loading.get(lang);
}

/**
 * Loads the texts of `lang` and of English (the fallback) unless already loaded. Never
 * rejects: texts that could not be loaded fall back as `t` says.
 */
export async function loadTexts(lang) {
  await Promise.all([fetchTexts(FALLBACK), lang && lang !== FALLBACK ? fetchTexts(lang) : null]);
}

/** Whether English has a text for `key` (so that a label exists for it). */
export function hasText(key) {
  return Object.hasOwn(loaded.get(FALLBACK) || {}, messageId(key));
}

/**
 * The text `key` in `lang` (English when that language lacks it, the key itself when no
 * language has it), with `{name}` replaced by `vars.name`.
 */
export function t(lang, key, vars) {
  const id = messageId(key);
  const own = loaded.get(lang);
  const english = loaded.get(FALLBACK);
  const text = (own && Object.hasOwn(own, id) ? own[id] : null)
    ?? (english && Object.hasOwn(english, id) ? english[id] : null)
    ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (vars[name] != null ? String(vars[name]) : whole));
}
