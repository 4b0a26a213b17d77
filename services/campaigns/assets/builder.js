// The campaign builder (templates/campaigns.html): the supervisor's campaigns with their
// actions (launch, pause, complete, cancel, edit a draft, clone), and the form that writes
// one, with the live count of the people it would call, the script's preview and a check
// that the script is written for the cases targeted. Everything goes through the JSON API
// and the lists are drawn again after each change, so the page shows what the server holds.

import {
  api, byId, clearMessages, el, emptyRow, list, page, replyText, say, setBusy, showConfirm,
  showProblem, t, fieldText,
} from '/static/kernel/pages.js';
import { bodyOf, codesOfFile, fill, form } from './builder_form.js';
import { initWeek } from './week.js';

const SCRIPTS = (() => {
  try { return list(JSON.parse(page.dataset.scripts || '[]')); } catch { return []; }
})();

const state = {
  campaigns: [], // as GET /api/v1/campaigns last sent them
  editing: null, // the id of the draft being edited
  counted: 0, // the number of the last count asked (older answers are dropped)
};

const message = (text, isError) => say(byId('list-message'), text, isError);
const scriptOf = (id) => SCRIPTS.find((s) => s.id === id);

// ------------------------------------------------------------------ the campaign list

function targetText(c) {
  const tg = c.target || {};
  const parts = [tg.case_type ? t(`case_type_${tg.case_type}`) : t('case_type_any')];
  if (list(tg.regions).length) parts.push(list(tg.regions).join(', '));
  if (list(tg.case_codes).length) parts.push(t('codes_count', { n: list(tg.case_codes).length }));
  parts.push(list(c.languages).map((l) => l.toUpperCase()).join('/'));
  return parts.join(' · ');
}

/** The buttons a campaign in its state offers (the server refuses any other move). */
function actionsOf(c) {
  const button = (key, run, style = 'small') => el('button', {
    type: 'button', class: style, text: t(key), dataset: { action: key, campaign: c.id },
    'aria-label': `${t(key)}: ${c.name}`, onclick: run,
  });
  const move = (verb) => () => act(c, verb);
  const out = [];
  const s = c.status;
  if (s === 'draft') out.push(button('edit', () => edit(c)), button('launch', move('launch')));
  if (s === 'paused') out.push(button('resume', move('launch')));
  if (s === 'running') out.push(button('pause', move('pause')));
  if (s === 'running' || s === 'paused') out.push(button('complete', () => confirmThen(c, 'complete')));
  if (s === 'draft' || s === 'running' || s === 'paused') out.push(button('cancel', () => confirmThen(c, 'cancel'), 'small danger'));
  out.push(button('clone', () => clone(c), 'small secondary'));
  return out;
}

function draw() {
  const body = byId('campaigns').tBodies[0];
  if (!state.campaigns.length) {
    body.replaceChildren(emptyRow(7, t('no_campaigns')));
    return;
  }
  body.replaceChildren(...state.campaigns.map(({ campaign: c, orders }) => {
    const script = scriptOf(c.script_id);
    const waiting = (orders?.open || 0) + (orders?.leased || 0);
    return el('tr', { dataset: { campaign: c.id }, class: c.id === state.editing ? 'editing' : null },
      el('td', {}, el('strong', { text: c.name }), c.purpose ? el('small', { class: 'note', text: c.purpose }) : null),
      el('td', {}, el('span', { class: `badge ${c.status}`, text: t(`status_${c.status}`) })),
      el('td', { text: script ? script.title : c.script_id }),
      el('td', { text: targetText(c) }),
      el('td', { class: 'num', text: String(waiting) }),
      el('td', { class: 'num', text: String(orders?.done || 0) }),
      el('td', { class: 'actions' }, actionsOf(c)));
  }));
}

async function load() {
  const reply = await api('GET', '/api/v1/campaigns');
  if (!reply.ok) {
    byId('campaigns').tBodies[0].replaceChildren(emptyRow(7, replyText(reply)));
    return;
  }
  state.campaigns = list(reply.body?.campaigns);
  draw();
}

async function act(c, verb) {
  const reply = await api('POST', `/api/v1/campaigns/${encodeURIComponent(c.id)}/${verb}`);
  if (!reply.ok) {
    message(`${c.name}: ${replyText(reply)}`, true);
    return;
  }
  const made = reply.body?.orders ? Object.values(reply.body.orders).reduce((a, b) => a + b, 0) : 0;
  message(verb === 'launch' ? t('launched', { name: c.name, n: made }) : t(`done_${verb}`, { name: c.name }));
  await load();
}

// Completing and cancelling cannot be undone: asked first.
function confirmThen(c, verb) {
  const dialog = byId('confirm-dialog');
  byId('confirm-title').textContent = t(`confirm_${verb}_title`, { name: c.name });
  byId('confirm-text').textContent = t(`confirm_${verb}_text`);
  const yes = byId('confirm-yes');
  yes.textContent = t(verb);
  yes.onclick = () => { dialog.close(); act(c, verb); };
  byId('confirm-no').onclick = () => dialog.close();
  dialog.showModal();
}

// ------------------------------------------------------------------ the builder

function heading(key, vars) {
  const h = byId('builder-heading');
  h.textContent = t(key, vars);
  h.focus();
}

function edit(c) {
  state.editing = c.id;
  fill(c);
  heading('builder_edit', { name: c.name });
  byId('save').textContent = t('save_changes');
  afterScriptChange();
  draw();
}

function clone(c) {
  state.editing = null;
  fill({ ...c, name: t('copy_of', { name: c.name }) });
  heading('builder_clone', { name: c.name });
  byId('save').textContent = t('save_draft');
  afterScriptChange();
  draw();
}

function startOver() {
  state.editing = null;
  fill(null);
  clearMessages(form);
  heading('builder_new');
  byId('save').textContent = t('save_draft');
  afterScriptChange();
  draw();
}

/** Whether the script is written for the case type targeted, said beside it. */
function showFit() {
  const script = scriptOf(form.elements.namedItem('script_id').value);
  const types = list(script?.case_types);
  const chosen = form.querySelector('input[name="case_type"]:checked')?.value || '';
  const fits = !types.length || (chosen ? types.includes(chosen) : types.length > 1);
  byId('script-fits').textContent = types.length
    ? t('script_written_for', { types: types.map((x) => t(`case_type_${x}`)).join(', ') })
    : t('script_any_type');
  // With "any type" and a script for one type, the server narrows the target to that type.
  const narrowed = !chosen && types.length === 1;
  byId('override-row').hidden = fits || narrowed;
}

/** The script's steps as the agent reads them, in the preview's language. */
async function preview() {
  const script = scriptOf(form.elements.namedItem('script_id').value);
  const steps = byId('preview-steps');
  if (!script) { steps.replaceChildren(); return; }
  const reply = await api('GET', `/api/v1/releases/${script.release_id}`);
  if (!reply.ok) { steps.replaceChildren(el('li', { text: replyText(reply) })); return; }
  const lang = byId('preview-lang').value;
  const nodes = list(reply.body?.content?.script?.nodes);
  const say = (texts) => (texts ? texts[lang] ?? texts.en ?? Object.values(texts)[0] : null);
  steps.replaceChildren(...nodes.map((n) => {
    const text = say(n.say);
    return el('li', {},
      el('span', { class: 'step-id', text: n.id }),
      n.end ? el('span', { text: ` → ${t(`outcome_${n.end}`)}` }) : null,
      text ? el('span', { class: 'say', text }) : null,
      n.say && !n.say[lang] ? el('span', { class: 'missing', text: t('preview_missing', { lang: lang.toUpperCase() }) }) : null);
  }));
}

function afterScriptChange() {
  showFit();
  if (byId('script-preview').open) preview();
  recount();
}

// The live count: asked shortly after the last change, older answers dropped.
let countTimer = null;
function recount() {
  clearTimeout(countTimer);
  countTimer = setTimeout(count, 300);
}

async function count() {
  const out = byId('count');
  const mine = ++state.counted;
  const reply = await api('POST', '/api/v1/campaigns/count', bodyOf());
  if (mine !== state.counted) return;
  if (reply.ok) {
    out.classList.remove('error');
    out.textContent = t('count', { n: Number(reply.body?.cases || 0).toLocaleString(document.documentElement.lang) });
  } else {
    out.classList.add('error');
    out.textContent = t('count_unknown', { why: list(reply.body?.errors).map(fieldText).join(' ') || replyText(reply) });
  }
}

/** A window-less week with "any time" unticked would call at any time: refused here. */
function weekProblem(body) {
  if (byId('b-any-time').checked || Object.keys(body.policy.windows).length) return null;
  return t('week_empty');
}

/**
 * A refusal with each field error moved to the slot shown beside its input: a bad case code
 * beside the list, a bad window beside the week; the others go to the form's summary.
 */
function placed(reply) {
  const errors = list(reply.body?.errors).map((e) => {
    const path = String(e?.field || '');
    let field = path;
    if (path.startsWith('target.case_codes')) field = 'case_codes';
    else if (path.startsWith('policy.windows')) field = 'policy';
    else if (path.startsWith('policy.')) field = path.slice('policy.'.length);
    return { ...e, field, path };
  });
  return { ...reply, body: { ...reply.body, errors } };
}

/** A field error prefixed with what it is about: the input's label, the window, the line. */
function describe(e) {
  const path = String(e?.path || e?.field || '');
  const window = path.match(/^policy\.windows\.(\w+)\[(\d+)\]/);
  const code = path.match(/^target\.case_codes\[(\d+)\]/);
  let about;
  if (window) about = t('window_of', { day: t(`day_${window[1]}`), n: Number(window[2]) + 1 });
  else if (code) about = t('line', { n: Number(code[1]) + 1 });
  else {
    const input = form.elements.namedItem(path.replace(/^(policy|target)\./, '').replace(/[[.].*$/, ''));
    const id = input instanceof Element ? input.id : '';
    about = id ? form.querySelector(`label[for="${id}"]`)?.textContent : null;
  }
  return [about, fieldText(e)].filter(Boolean).join(': ');
}

async function save(launch) {
  const body = bodyOf();
  clearMessages(form);
  const problem = weekProblem(body);
  if (problem) {
    form.querySelector('[data-error-for="policy"]').textContent = problem;
    form.querySelector('.form-error').textContent = t('problem_validation');
    return;
  }
  setBusy(form, true);
  byId('save-launch').disabled = true;
  const editing = state.editing;
  const reply = editing
    ? await api('PUT', `/api/v1/campaigns/${encodeURIComponent(editing)}`, body)
    : await api('POST', '/api/v1/campaigns', body);
  setBusy(form, false);
  byId('save-launch').disabled = false;
  if (!reply.ok) {
    showProblem(form, placed(reply), describe);
    return;
  }
  const saved = reply.body;
  if (launch) {
    await act(saved, 'launch');
    startOver();
    showConfirm(form, t('saved_launched', { name: saved.name }));
  } else {
    state.editing = saved.id;
    await load();
    heading('builder_edit', { name: saved.name });
    byId('save').textContent = t('save_changes');
    showConfirm(form, t('saved', { name: saved.name }));
  }
}

async function readFile(event) {
  const file = event.target.files?.[0];
  if (!file) return;
  const codes = codesOfFile(await file.text());
  const area = form.elements.namedItem('case_codes');
  area.value = codes.join('\n');
  form.querySelector('[data-error-for="case_codes"]').textContent = t('codes_read', { n: codes.length, file: file.name });
  recount();
}

form.addEventListener('submit', (event) => { event.preventDefault(); save(false); });
byId('save-launch').addEventListener('click', () => save(true));
byId('new-campaign').addEventListener('click', startOver);
byId('b-codes-file').addEventListener('change', readFile);
form.addEventListener('input', (event) => {
  // The script and the case type are followed on `change` (below), the rest as typed.
  if (event.target.name !== 'script_id' && event.target.name !== 'case_type') recount();
});
form.addEventListener('change', (event) => {
  if (event.target.name === 'script_id' || event.target.name === 'case_type') afterScriptChange();
});
byId('script-preview').addEventListener('toggle', () => { if (byId('script-preview').open) preview(); });
byId('preview-lang').addEventListener('change', preview);

initWeek(recount);
fill(null);
afterScriptChange();
load();
