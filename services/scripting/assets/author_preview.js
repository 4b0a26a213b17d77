// The author's preview: the edited script (not yet published) walked as the agent's console
// would, through POST /api/v1/scripts/preview: the text to read in the chosen language with
// its placeholders filled from a sample citizen, the questions of the step, and "next",
// which follows the script's branches on the answers given. A placeholder the sample cannot
// fill, or a text missing in the language, is pointed out.

import { api, byId, el, list, replyText, t } from '/static/kernel/pages.js';

// A sample citizen and case, so placeholders read as they would in a call.
const SAMPLE_PERSON = { first_name: 'Marie', last_name: 'Exemple', language: 'fr', phone: '+32470000000', postal_code: '1000' };
const SAMPLE_CASE = { code: 'ABCD234', case_type: 'contact', test_date: null, exposure_date: null };

const view = byId('preview');
let files = () => [];
let scriptId = null;
let position = null; // where the walk is (null: not started)
let answers = {};
let content = null; // the form of the edited script, from the check

const lang = () => byId('preview-lang').value;
const textOf = (texts) => (texts ? texts[lang()] ?? null : null);

async function loadForm() {
  const reply = await api('POST', '/api/v1/scripts/check', { files: files() });
  const mine = list(reply.body?.scripts).find((s) => s.id === scriptId);
  content = mine?.content || null;
}

function fieldOf(id) {
  return list(content?.form?.fields).find((f) => f.id === id);
}

/** The inputs of one question, named by the field's id. */
function question(id) {
  const f = fieldOf(id);
  if (!f) return el('p', { class: 'missing', text: t('preview_unknown_field', { id }) });
  const label = textOf(f.label) || Object.values(f.label || {})[0] || id;
  const missingLabel = textOf(f.label) ? null : el('span', { class: 'missing', text: ` ${t('preview_no_text', { lang: lang().toUpperCase() })}` });
  const options = (values) => el('fieldset', { class: 'q', dataset: { field: id } },
    el('legend', {}, label, missingLabel),
    values.map(([value, text]) => el('label', { class: 'check' },
      el('input', { type: f.type === 'multi_choice' ? 'checkbox' : 'radio', name: id, value }), ` ${text}`)));
  if (f.type === 'boolean') return options([['true', t('yes')], ['false', t('no')]]);
  if (f.type === 'choice' || f.type === 'multi_choice') {
    const choices = list(content?.form?.choices?.[f.choices]?.options);
    return options(choices.map((o) => [o.value, textOf(o.label) || o.value]));
  }
  if (f.type === 'repeat') return el('p', { class: 'q note', text: `${label}: ${t('preview_repeat')}` });
  const kind = { integer: 'number', decimal: 'number', date: 'date', datetime: 'datetime-local' }[f.type] || 'text';
  const input = el('input', { id: `pv-${id}`, name: id, type: kind, step: f.type === 'decimal' ? 'any' : null });
  return el('div', { class: 'q', dataset: { field: id } }, el('label', { for: `pv-${id}` }, label, missingLabel), input);
}

/** The answers the inputs hold, typed as the form expects. */
function readAnswers() {
  for (const q of view.querySelectorAll('[data-field]')) {
    const id = q.dataset.field;
    const f = fieldOf(id);
    const inputs = [...q.querySelectorAll('input')];
    if (f?.type === 'multi_choice') answers[id] = inputs.filter((i) => i.checked).map((i) => i.value);
    else if (inputs.some((i) => i.type === 'radio')) {
      const chosen = inputs.find((i) => i.checked)?.value;
      if (chosen === undefined) delete answers[id];
      else answers[id] = f?.type === 'boolean' ? chosen === 'true' : chosen;
    } else if (inputs[0]) {
      const raw = inputs[0].value;
      if (raw === '') delete answers[id];
      else answers[id] = f?.type === 'integer' || f?.type === 'decimal' ? Number(raw) : raw;
    }
  }
}

function draw(out) {
  const v = out?.view;
  const step = out?.step;
  if (step?.step === 'waiting') {
    view.querySelector('.waiting')?.remove();
    view.append(el('p', { class: 'waiting missing', text: t('preview_waiting') }));
    return;
  }
  if (!v) {
    view.replaceChildren(el('p', { class: 'missing', text: t('preview_nowhere') }));
    return;
  }
  position = v.position;
  const parts = [el('p', { class: 'position', text: v.position })];
  if (v.say) parts.push(el('p', { class: 'say', text: v.say }));
  if (list(v.missing).length) parts.push(el('p', { class: 'missing', text: t('preview_missing', { names: list(v.missing).join(', ') }) }));
  if (v.hint) parts.push(el('p', { class: 'hint', text: v.hint }));
  parts.push(...list(v.fields).map(question));
  if (step?.step === 'end' || v.end) {
    parts.push(el('p', { class: 'end', text: t('preview_end', { outcome: t(`outcome_${v.end || step.outcome}`) }) }));
  } else {
    parts.push(el('button', { type: 'button', id: 'preview-next', text: t('preview_next'), onclick: next }));
  }
  view.replaceChildren(...parts);
}

async function walk(from) {
  const reply = await api('POST', '/api/v1/scripts/preview', {
    files: files(),
    script_id: scriptId,
    walk: { answers, language: lang(), position: from, person: SAMPLE_PERSON, case: SAMPLE_CASE },
  });
  if (!reply.ok) {
    const problems = list(reply.body?.errors).map((e) => `${e.field}: ${e.message}`);
    view.replaceChildren(el('p', { class: 'missing', text: problems.length ? t('preview_fix_first') : replyText(reply) }),
      problems.length ? el('ul', {}, problems.slice(0, 5).map((p) => el('li', { text: p }))) : null);
    return;
  }
  draw(reply.body);
}

async function next() {
  readAnswers();
  await walk(position);
}

/** Starts the walk over: the edited files as they are now, no answers. */
export async function startPreview(getFiles, script) {
  files = getFiles;
  scriptId = script;
  position = null;
  answers = {};
  await loadForm();
  await walk(null);
}

byId('preview-start').addEventListener('click', () => startPreview(files, scriptId));
// Another language: the walk starts over, so every text is seen in it.
byId('preview-lang').addEventListener('change', () => startPreview(files, scriptId));
