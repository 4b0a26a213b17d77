// The admin page (templates/admin.html): accounts, here; teams and API tokens in
// admin_teams.js. Every list is drawn from the API and drawn again after each change, so
// what the page shows is what the server holds. Staff accounts only: no citizen data here.
//
// Changing a role, a team or the status ends the person's sessions (the server does it);
// the page asks first, since a select is easily changed by mistake.

import {
  api, byId, clearMessages, el, emptyRow, list, page, replyText, say, setBusy, showConfirm,
  showProblem, t,
} from './pages.js';
import { initTeams, initTokens } from './admin_teams.js';

const me = Number(page.dataset.me);

// The choices the server rendered, read once from the new-account form's selects.
const optionsOf = (id) => [...byId(id).options].map((o) => ({ value: o.value, label: o.textContent }));
const ROLES = optionsOf('nu-role');
const LANGUAGES = optionsOf('nu-language');

const state = {
  users: null, // the accounts, as the API last sent them
  teams: [], // the teams, for the team selects
  resetting: null, // the account the reset dialog is for
};

const labelOf = (choices, value) => choices.find((c) => c.value === value)?.label || String(value ?? '');
const teamLabel = (team) => team || t('no_team');
const message = (text, isError) => say(byId('users-message'), text, isError);

// ------------------------------------------------------------------ the list

async function loadUsers() {
  const reply = await api('GET', '/api/v1/users');
  if (!reply.ok) {
    byId('users').tBodies[0].replaceChildren(emptyRow(7, replyText(reply)));
    return;
  }
  state.users = list(reply.body?.users);
  drawUsers();
}

/** Draws the accounts; `keep` (`[id, selector]`) gives the focus back to the control used. */
function drawUsers(keep) {
  const tbody = byId('users').tBodies[0];
  const users = list(state.users);
  tbody.replaceChildren(...(users.length ? users.map(userRow) : [emptyRow(7, t('no_users'))]));
  if (keep) tbody.querySelector(`tr[data-id="${keep[0]}"] ${keep[1]}`)?.focus();
}

function userRow(user) {
  const self = user.id === me;
  const why = self ? t('yourself') : null;
  const teams = state.teams.map((team) => team.name);
  if (user.team && !teams.includes(user.team)) teams.push(user.team);
  return el('tr', { dataset: { id: String(user.id) }, class: user.active ? null : 'inactive' },
    el('td', {},
      el('strong', { text: user.name }),
      user.must_change_password ? [' ', el('span', { class: 'badge warn', text: t('must_change') })] : null),
    el('td', { class: 'mono', text: user.email }),
    el('td', {}, el('select', { class: 'role', 'aria-label': `${t('col_role')}: ${user.name}`, disabled: self, title: why },
      ROLES.map((r) => el('option', { value: r.value, selected: r.value === user.role }, r.label)))),
    el('td', {}, el('select', { class: 'team', 'aria-label': `${t('col_team')}: ${user.name}` },
      el('option', { value: '', selected: !user.team }, t('no_team')),
      teams.map((name) => el('option', { value: name, selected: name === user.team }, name)))),
    el('td', { text: list(user.languages).map((code) => labelOf(LANGUAGES, code)).join(', ') }),
    el('td', {}, el('span', { class: user.active ? 'badge ok' : 'badge off', text: t(user.active ? 'active' : 'inactive') })),
    el('td', { class: 'actions' },
      el('button', {
        type: 'button', class: user.active ? 'small danger' : 'small', dataset: { action: 'active' },
        disabled: self && user.active, title: why,
      }, t(user.active ? 'deactivate' : 'reactivate')),
      el('button', { type: 'button', class: 'small secondary', dataset: { action: 'reset' } }, t('reset_password')),
      el('button', { type: 'button', class: 'small secondary', dataset: { action: 'revoke' } }, t('revoke_sessions'))));
}

/** Applies `change` to `user`; draws the list again either way (a refused select goes back). */
async function patch(user, change, selector) {
  const reply = await api('PATCH', `/api/v1/users/${user.id}`, change);
  if (reply.ok && reply.body) {
    state.users = list(state.users).map((u) => (u.id === user.id ? reply.body : u));
  } else {
    message(replyText(reply), true);
  }
  drawUsers([user.id, selector]);
  return reply.ok ? reply.body : null;
}

async function changeRole(user, select) {
  const role = select.value;
  const words = { name: user.name, role: labelOf(ROLES, role) };
  if (!window.confirm(t('confirm_role', words))) {
    select.value = user.role;
    return;
  }
  if (await patch(user, { role }, 'select.role')) message(t('role_changed', words));
}

async function changeTeam(user, select) {
  const team = select.value || null;
  const words = { name: user.name, team: teamLabel(team) };
  if (!window.confirm(t('confirm_team', words))) {
    select.value = user.team || '';
    return;
  }
  if (await patch(user, { team }, 'select.team')) message(t('team_changed', words));
}

async function toggleActive(user) {
  if (user.active && !window.confirm(t('confirm_deactivate', { name: user.name }))) return;
  const updated = await patch(user, { active: !user.active }, '[data-action="active"]');
  if (updated) message(t(updated.active ? 'reactivated' : 'deactivated', { name: user.name }));
}

async function revokeSessions(user) {
  if (!window.confirm(t('confirm_revoke', { name: user.name }))) return;
  const reply = await api('DELETE', `/api/v1/users/${user.id}/sessions`);
  if (!reply.ok) {
    message(replyText(reply), true);
    return;
  }
  // Logging oneself out everywhere includes this page.
  if (user.id === me) {
    location.href = '/';
    return;
  }
  message(t('sessions_revoked', { name: user.name, n: reply.body?.sessions ?? 0 }));
}

function onUsersChange(event) {
  const select = event.target.closest('select');
  const user = userOf(select);
  if (!user) return;
  if (select.classList.contains('role')) changeRole(user, select);
  else if (select.classList.contains('team')) changeTeam(user, select);
}

function onUsersClick(event) {
  const button = event.target.closest('button[data-action]');
  const user = userOf(button);
  if (!user) return;
  const action = button.dataset.action;
  if (action === 'active') toggleActive(user);
  else if (action === 'reset') openReset(user);
  else if (action === 'revoke') revokeSessions(user);
}

function userOf(node) {
  const id = node?.closest('tr[data-id]')?.dataset.id;
  return list(state.users).find((u) => String(u.id) === id) || null;
}

// ------------------------------------------------------------------ resetting a password

function openReset(user) {
  state.resetting = user;
  clearMessages(byId('reset-form'));
  byId('reset-title').textContent = t('reset_title', { name: user.name });
  byId('reset-password').value = '';
  byId('reset-dialog').showModal();
  byId('reset-password').focus();
}

async function confirmReset(event) {
  event.preventDefault(); // the dialog closes only once the server has set the password
  const user = state.resetting;
  const form = byId('reset-form');
  if (!user) return;
  setBusy(form, true);
  const reply = await api('POST', `/api/v1/users/${user.id}/password`, { password: byId('reset-password').value });
  setBusy(form, false);
  if (!reply.ok) {
    showProblem(form, reply);
    return;
  }
  byId('reset-dialog').close();
  message(t('reset_done', { name: user.name }));
  await loadUsers();
}

/**
 * A temporary password that is easy to read out: 3 groups of 4 from 32 symbols without
 * look-alikes (no l, o, 0, 1), 60 random bits. 256 is a multiple of 32, so every symbol is
 * equally likely.
 */
function suggestPassword() {
  const symbols = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => symbols[b % symbols.length]);
  byId('reset-password').value = [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
  byId('reset-password').select();
}

// ------------------------------------------------------------------ a new account

/** The account's languages: the main one first (the interface's), then the others. */
function languagesOf(data) {
  const main = String(data.get('language') || '');
  const others = data.getAll('other_languages').map(String).filter((l) => l !== main);
  return [main, ...others].filter(Boolean);
}

async function createUser(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const password = String(data.get('password') || '');
  const body = {
    email: String(data.get('email') || '').trim(),
    name: String(data.get('name') || '').trim(),
    role: String(data.get('role') || ''),
    team: String(data.get('team') || '') || null,
    languages: languagesOf(data),
    password,
  };
  clearMessages(form);
  setBusy(form, true);
  try {
    const reply = await api('POST', '/api/v1/users', body);
    if (!reply.ok) {
      showProblem(form, reply);
      return;
    }
    const user = reply.body || {};
    // The password the admin typed becomes temporary: the person chooses their own at once.
    if (data.get('first_change') === 'on' && user.id != null) {
      const reset = await api('POST', `/api/v1/users/${user.id}/password`, { password });
      if (!reset.ok) {
        showProblem(form, reset);
        await loadUsers();
        return;
      }
    }
    form.reset();
    showConfirm(form, t('user_created', { name: user.name || body.name }));
    await loadUsers();
  } finally {
    setBusy(form, false);
  }
}

// ------------------------------------------------------------------ teams, for the selects

function teamsChanged(teams) {
  state.teams = teams;
  const select = byId('nu-team');
  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '' }, t('no_team')),
    ...teams.map((team) => el('option', { value: team.name }, team.name)),
  );
  select.value = teams.some((team) => team.name === chosen) ? chosen : '';
  if (state.users) drawUsers();
}

// ------------------------------------------------------------------ start

byId('users').addEventListener('change', onUsersChange);
byId('users').addEventListener('click', onUsersClick);
byId('new-user').addEventListener('submit', createUser);
byId('reset-form').addEventListener('submit', confirmReset);
byId('reset-cancel').addEventListener('click', () => byId('reset-dialog').close());
byId('reset-suggest').addEventListener('click', suggestPassword);
// A temporary password does not stay in the page once the dialog is closed.
byId('reset-dialog').addEventListener('close', () => {
  byId('reset-password').value = '';
  state.resetting = null;
});

await initTeams(teamsChanged);
await Promise.all([loadUsers(), initTokens()]);
