// The public page that files a request. The topics are on the page; choosing one shows the
// rest: what it is about (while the requester types, the help articles that may already
// answer it, with "this answered my question"), the topic's own form (the call form's fields,
// drawn by the console's field module) and who to answer. Sending posts the whole request as
// JSON; every refused field is named under its control.

import { byId, el } from '/static/kernel/dom.js';
import { buildField, readValue } from '/static/console/fields.js';
import { loadTexts } from '/static/console/i18n.js';

const form = byId('request-form');
const lang = form.dataset.lang;
const token = form.dataset.token;
let texts = {};
try {
  texts = JSON.parse(form.dataset.texts || '{}');
} catch {
  texts = {};
}
/** A text of this page: `pages-request-new-js-` and `key`, with `{name}` filled in. */
function tr(key, vars = {}) {
  const text = texts[`pages-request-new-js-${key}`] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (vars[name] != null ? String(vars[name]) : whole));
}

let fields = []; // the chosen topic's form fields
let searchTimer = null;
let lastQuery = '';

function chosenTopic() {
  return form.querySelector('input[name="topic"]:checked');
}

async function showTopic() {
  const chosen = chosenTopic();
  if (!chosen) return;
  byId('details').hidden = false;
  const box = byId('topic-form');
  box.replaceChildren();
  fields = [];
  if (chosen.dataset.form === 'true') {
    await loadTexts(lang);
    const answer = await fetch(`/api/v1/requests/topics/${encodeURIComponent(chosen.value)}/form?lang=${lang}`);
    if (answer.ok) {
      fields = (await answer.json()).fields || [];
      box.append(el('h2', { text: tr('details') }));
      for (const field of fields) {
        if (field.computed) continue;
        box.append(buildField(field, `answers.${field.id}`, false, lang));
      }
    }
  }
  suggest();
}

/** Asks for the articles matching what was typed, at most every half second. */
function suggest() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const query = `${byId('subject').value} ${byId('message').value}`.trim();
    const topic = chosenTopic()?.value || '';
    if (query === lastQuery) return;
    lastQuery = query;
    const list = byId('suggestion-list');
    if (query.length < 3) {
      byId('suggestions').hidden = true;
      return;
    }
    const answer = await fetch(`/api/v1/kb/search?lang=${lang}&topic=${encodeURIComponent(topic)}&q=${encodeURIComponent(query)}`);
    if (!answer.ok) return;
    const hits = await answer.json();
    list.replaceChildren(...hits.map((h) => el('li', {},
      el('a', { href: h.url, target: '_blank', rel: 'noopener', text: h.title }),
      el('br'),
      el('span', { class: 'note', text: h.summary }),
      el('br'),
      el('button', { type: 'button', class: 'answered', dataset: { article: h.id }, text: tr('answered') }))));
    byId('suggestions').hidden = hits.length === 0;
  }, 500);
}

async function answered(event) {
  const button = event.target.closest('button.answered');
  if (!button) return;
  await fetch(`/api/v1/kb/${encodeURIComponent(button.dataset.article)}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ helpful: true, lang }),
  });
  byId('deflected').hidden = false;
  for (const b of form.querySelectorAll('button.answered')) b.disabled = true;
}

function clearErrors() {
  for (const p of form.querySelectorAll('[data-error-for]')) p.textContent = '';
  byId('form-problem').textContent = '';
}

function showError(field, message) {
  const line = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
  if (line) line.textContent = message;
  else byId('form-problem').append(`${field}: ${message} `);
}

async function send(event) {
  event.preventDefault();
  clearErrors();
  const topic = chosenTopic();
  if (!topic) {
    showError('topic', tr('choose-topic'));
    return;
  }
  const body = {
    topic: topic.value,
    language: ['fr', 'nl', 'en'].includes(lang) ? lang : 'fr',
    subject: byId('subject').value.trim(),
    message: byId('message').value.trim(),
    email: byId('email').value.trim(),
    token,
  };
  const name = byId('name').value.trim();
  if (name) body.name = name;
  const trap = byId('website').value;
  if (trap) body.website = trap;
  if (fields.length) {
    const answers = {};
    const box = byId('topic-form');
    for (const field of fields) {
      if (field.computed) continue;
      const value = readValue(box, field, `answers.${field.id}`);
      if (value !== null && value !== undefined) answers[field.id] = value;
    }
    body.answers = answers;
  }
  const button = byId('send-request');
  button.disabled = true;
  try {
    const answer = await fetch('/api/v1/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await answer.json().catch(() => ({}));
    if (answer.status === 201) {
      form.hidden = true;
      byId('filed-text').textContent = tr('filed', { ref: json.ref, email: body.email });
      byId('filed').hidden = false;
      byId('filed').focus?.();
      return;
    }
    if (answer.status === 422 && Array.isArray(json.errors)) {
      for (const e of json.errors) showError(e.field, e.message);
    } else if (answer.status === 429) {
      byId('form-problem').textContent = tr('too-many');
    } else if (answer.status === 403) {
      byId('form-problem').textContent = tr('refused');
    } else {
      byId('form-problem').textContent = tr('failed');
    }
  } catch {
    byId('form-problem').textContent = tr('failed');
  } finally {
    button.disabled = false;
  }
}

form.addEventListener('change', (event) => {
  if (event.target.name === 'topic') showTopic();
});
for (const id of ['subject', 'message']) byId(id).addEventListener('input', suggest);
form.addEventListener('click', answered);
form.addEventListener('submit', send);
if (chosenTopic()) showTopic();
