// The author's page (templates/author.html): the scripts with their newest release; for the
// one opened, the files of its newest release to edit, a check that lints them (each
// problem at its file, line and column, a click selecting the line) and says what
// publishing would change, a preview walking the edited script as the agent would
// (author_preview.js), publishing, and two releases side by side (author_diff.js).

import {
  api, byId, el, emptyRow, fmtDateTime, list, page, replyText, say, t,
} from '/static/kernel/pages.js';
import { startPreview } from './author_preview.js';
import { drawReleases } from './author_diff.js';

const canPublish = page.dataset.canPublish === 'true';
const state = {
  scripts: [], // newest release of each script
  open: null, // the script opened: its release info
  original: [], // the files as loaded, for "revert"
};

/** The files as edited: `[{ path, content }]`. */
const editedFiles = () => [...byId('files').querySelectorAll('textarea.source')]
  .map((area) => ({ path: area.dataset.path, content: area.value }));

async function loadScripts() {
  const reply = await api('GET', '/api/v1/scripts');
  const body = byId('scripts').tBodies[0];
  if (!reply.ok) {
    body.replaceChildren(emptyRow(5, replyText(reply)));
    return;
  }
  state.scripts = list(reply.body?.scripts);
  body.replaceChildren(...state.scripts.map((r) => el('tr', { dataset: { script: r.script_id } },
    el('th', { scope: 'row', class: 'mono', text: r.script_id }),
    el('td', { class: 'kind', text: '' }),
    el('td', { class: 'num', text: String(r.number) }),
    el('td', { text: `${fmtDateTime(r.created_at)} · ${r.created_by}` }),
    el('td', {}, el('button', {
      type: 'button', class: 'small', text: t('open'), 'aria-label': t('open_script', { id: r.script_id }),
      onclick: () => open(r),
    })))));
  if (!state.scripts.length) body.replaceChildren(emptyRow(5, t('no_scripts')));
}

function drawFiles(files) {
  const root = byId('files');
  if (!files.length) {
    root.replaceChildren(el('p', { class: 'notice', text: t('no_sources') }));
    return;
  }
  root.replaceChildren(...files.map((f, i) => el('div', { class: 'file' },
    el('label', { for: `file-${i}`, text: f.path }),
    el('textarea', {
      id: `file-${i}`, class: 'source', spellcheck: 'false', rows: String(Math.min(30, f.content.split('\n').length + 1)),
      dataset: { path: f.path }, 'aria-describedby': 'check-message',
    }, f.content))));
}

async function open(release) {
  state.open = release;
  for (const row of byId('scripts').tBodies[0].rows) row.classList.toggle('editing', row.dataset.script === release.script_id);
  const reply = await api('GET', `/api/v1/releases/${release.id}/sources`);
  state.original = reply.ok ? list(reply.body?.files) : [];
  drawFiles(state.original);
  byId('workbench').hidden = false;
  const heading = byId('work-heading');
  heading.textContent = t('work_heading', { id: release.script_id, n: release.number });
  heading.focus();
  byId('problems').replaceChildren();
  byId('changes').replaceChildren();
  say(byId('check-message'), reply.ok ? '' : replyText(reply), !reply.ok);
  byId('publish').disabled = !canPublish;
  await drawReleases(release.script_id);
  startPreview(editedFiles, release.script_id);
}

/** Selects line `line` of the file `path` in its editor, so the author sees the problem. */
function goTo(path, line) {
  const area = [...byId('files').querySelectorAll('textarea.source')].find((a) => a.dataset.path === path);
  if (!area) return;
  const lines = area.value.split('\n');
  const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] || '').length);
}

function drawProblems(problems) {
  byId('problems').replaceChildren(...problems.map((p) => el('li', {},
    el('button', {
      type: 'button', class: 'link', text: `${p.path}:${p.line}:${p.column}`,
      'aria-label': t('go_to', { path: p.path, line: p.line, column: p.column }), onclick: () => goTo(p.path, p.line),
    }),
    ` ${p.message}`)));
}

function drawChanges(scripts) {
  const groups = [
    ['nodes_added', 'added'], ['nodes_removed', 'removed'], ['nodes_changed', 'changed'],
    ['fields_added', 'added'], ['fields_removed', 'removed'], ['fields_changed', 'changed'],
  ];
  byId('changes').replaceChildren(...scripts.map((s) => {
    const items = groups.flatMap(([key, kind]) => list(s.diff?.[key]).map((id) => el('li', { class: kind },
      t(`change_${key}`, { id }))));
    const head = !s.changed
      ? t('unchanged', { id: s.id, n: s.published })
      : s.published == null ? t('would_be_first', { id: s.id }) : t('would_be_next', { id: s.id, n: s.published + 1 });
    return el('div', { dataset: { script: s.id } }, el('p', { text: head }), items.length ? el('ul', {}, items) : null);
  }));
}

/** Lints the edited files; true when there is no problem. */
async function check() {
  const message = byId('check-message');
  const reply = await api('POST', '/api/v1/scripts/check', { files: editedFiles() });
  if (!reply.ok) {
    say(message, replyText(reply), true);
    return false;
  }
  const problems = list(reply.body?.problems);
  drawProblems(problems);
  drawChanges(list(reply.body?.scripts));
  say(message, problems.length ? t('problems', { n: problems.length }) : t('no_problems'), problems.length > 0);
  return problems.length === 0;
}

async function publish() {
  if (!(await check())) return;
  const message = byId('check-message');
  const reply = await api('POST', '/api/v1/scripts/publish', { files: editedFiles() });
  if (!reply.ok) {
    say(message, replyText(reply), true);
    return;
  }
  const done = list(reply.body?.published);
  const mine = done.find((p) => p.release?.script_id === state.open?.script_id) || done[0];
  await loadScripts();
  if (mine) {
    const release = state.scripts.find((s) => s.script_id === mine.release.script_id) || mine.release;
    await open(release);
    say(byId('check-message'), mine.new
      ? t('published', { id: mine.release.script_id, n: mine.release.number })
      : t('published_unchanged', { id: mine.release.script_id, n: mine.release.number }));
  }
}

byId('check').addEventListener('click', check);
byId('publish').addEventListener('click', publish);
byId('revert').addEventListener('click', () => { drawFiles(state.original); byId('problems').replaceChildren(); byId('changes').replaceChildren(); });
loadScripts();
