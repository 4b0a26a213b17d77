// The admin page's teams and API tokens (templates/admin.html; accounts are in admin.js):
// their lists, the forms that create them, revoking a token, and a new token's values,
// shown once and removed from the page as soon as the admin has stored them.

import {
  api, byId, clearMessages, el, emptyRow, fieldText, fmtDateTime, hasText, list, replyText,
  say, setBusy, showConfirm, showProblem, t,
} from './pages.js';

const byName = (a, b) => String(a.name || '').localeCompare(String(b.name || ''));

// ------------------------------------------------------------------ teams

let teamsListener = () => {};

/** Loads and draws the teams, wires their form; `onChange(teams)` hears of every new list. */
export async function initTeams(onChange) {
  teamsListener = onChange;
  byId('nt-national').addEventListener('change', syncNational);
  byId('new-team').addEventListener('submit', createTeam);
  syncNational();
  await loadTeams();
}

async function loadTeams() {
  const tbody = byId('teams').tBodies[0];
  const reply = await api('GET', '/api/v1/teams');
  if (!reply.ok) {
    tbody.replaceChildren(emptyRow(2, replyText(reply)));
    return;
  }
  const teams = list(reply.body?.teams).sort(byName);
  tbody.replaceChildren(...(teams.length ? teams.map(teamRow) : [emptyRow(2, t('no_teams'))]));
  teamsListener(teams);
}

function teamRow(team) {
  return el('tr', { dataset: { id: String(team.id) } },
    el('td', { text: team.name }),
    el('td', { text: area(team) }));
}

/** "National", else the postal ranges: 1000–1299, 1500–1999. */
function area(team) {
  if (team.national) return t('national');
  return list(team.postal)
    .map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`))
    .join(', ');
}

/** A national team covers no ranges: the fields for them are off while it is ticked. */
function syncNational() {
  const national = byId('nt-national').checked;
  byId('nt-postal').disabled = national;
  byId('nt-regions').disabled = national;
}

/** The ranges as typed: `1000-1299, 1500 - 1999` or one per line. */
function postalRanges(text) {
  return String(text || '')
    .replace(/\s*[-–]\s*/g, '-')
    .split(/[\s,;]+/)
    .filter(Boolean);
}

/** The label of a region's option, for an error about it. */
function regionLabel(value) {
  return [...byId('nt-regions').options].find((o) => o.value === value)?.textContent || value;
}

async function createTeam(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const national = data.get('national') === 'on';
  const body = {
    name: String(data.get('name') || '').trim(),
    national,
    postal: national ? [] : postalRanges(data.get('postal')),
    regions: national ? [] : data.getAll('regions').map(String),
  };
  // An error about one entry (`postal[1]`, `regions[0]`) names it.
  const describe = (error) => {
    const m = /^(postal|regions)\[(\d+)\]/.exec(String(error?.field || ''));
    const entry = m ? body[m[1]][Number(m[2])] : undefined;
    if (entry === undefined) return fieldText(error);
    return `${m[1] === 'regions' ? regionLabel(entry) : entry}: ${fieldText(error)}`;
  };
  clearMessages(form);
  setBusy(form, true);
  try {
    const reply = await api('POST', '/api/v1/teams', body);
    if (!reply.ok) {
      showProblem(form, reply, describe);
      return;
    }
    form.reset();
    syncNational();
    showConfirm(form, t('team_created', { name: reply.body?.name || body.name }));
    await loadTeams();
  } finally {
    setBusy(form, false);
  }
}

// ------------------------------------------------------------------ API tokens

let tokens = [];

/** Loads and draws the tokens, wires their form and the one-time display. */
export async function initTokens() {
  byId('new-token').addEventListener('submit', createToken);
  byId('tokens').addEventListener('click', onTokensClick);
  byId('token-once').addEventListener('click', onCopy);
  byId('token-stored').addEventListener('click', hideOnce);
  await loadTokens();
}

async function loadTokens() {
  const tbody = byId('tokens').tBodies[0];
  const reply = await api('GET', '/api/v1/tokens');
  if (!reply.ok) {
    tbody.replaceChildren(emptyRow(5, replyText(reply)));
    return;
  }
  // Tokens in use first, newest first.
  tokens = list(reply.body?.tokens).sort((a, b) => Number(a.revoked) - Number(b.revoked)
    || Number(b.created_at || 0) - Number(a.created_at || 0));
  tbody.replaceChildren(...(tokens.length ? tokens.map(tokenRow) : [emptyRow(5, t('no_tokens'))]));
}

function tokenRow(token) {
  const role = String(token.role || '');
  return el('tr', { dataset: { id: String(token.id) }, class: token.revoked ? 'inactive' : null },
    el('td', { text: token.name }),
    el('td', { text: hasText(`role_${role}`) ? t(`role_${role}`) : role }),
    el('td', { text: fmtDateTime(token.created_at) }),
    el('td', {}, el('span', { class: token.revoked ? 'badge off' : 'badge ok', text: t(token.revoked ? 'revoked' : 'active') })),
    el('td', { class: 'actions' }, token.revoked ? null
      : el('button', { type: 'button', class: 'small danger', dataset: { action: 'revoke' } }, t('revoke'))));
}

async function onTokensClick(event) {
  const button = event.target.closest('button[data-action="revoke"]');
  const id = button?.closest('tr[data-id]')?.dataset.id;
  const token = tokens.find((x) => String(x.id) === id);
  if (!token || !window.confirm(t('confirm_revoke_token', { name: token.name }))) return;
  button.disabled = true;
  const reply = await api('DELETE', `/api/v1/tokens/${token.id}`);
  say(byId('tokens-message'), reply.ok ? t('token_revoked', { name: token.name }) : replyText(reply), !reply.ok);
  await loadTokens();
}

async function createToken(event) {
  event.preventDefault();
  const form = event.target;
  const name = String(new FormData(form).get('name') || '').trim();
  clearMessages(form);
  setBusy(form, true);
  try {
    // The page creates telephony tokens, the one machine role there is.
    const reply = await api('POST', '/api/v1/tokens', { name, role: 'telephony' });
    if (!reply.ok) {
      showProblem(form, reply);
      return;
    }
    form.reset();
    byId('token-value').value = reply.body?.token || '';
    byId('token-secret').value = reply.body?.signing_secret || '';
    byId('token-copied').textContent = '';
    byId('token-once').hidden = false;
    byId('token-value').focus();
    byId('token-value').select();
    await loadTokens();
  } finally {
    setBusy(form, false);
  }
}

/** Copies a value; where the clipboard is refused (plain http), it stays selected for Ctrl+C. */
async function onCopy(event) {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const input = byId(button.dataset.copy);
  input.focus();
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    byId('token-copied').textContent = t('copied');
  } catch {
    byId('token-copied').textContent = '';
  }
}

/** The values leave the page: nothing to read over a shoulder or in a later screenshot. */
function hideOnce() {
  byId('token-value').value = '';
  byId('token-secret').value = '';
  byId('token-copied').textContent = '';
  byId('token-once').hidden = true;
  byId('tk-name').focus();
}
