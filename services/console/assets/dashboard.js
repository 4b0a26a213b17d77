// The supervisor dashboard: draws each `dashboard` push (campaigns, agents, waiting orders
// per language), lists the `alert` pushes (alerts.js), and sends the supervisor's requests
// (launch, pause, message, reassign). Rows are updated in place, so a push every second
// neither flickers nor steals focus.

import { loadTexts, t } from './i18n.js';
import { ConsoleSocket } from './ws.js';
import {
  applyTexts, boot, byId, describeError, el, fmtElapsed, fmtTime, label,
  showConnection, showUser, wireTopbar,
} from './common.js';
import { addAlert, renderAlerts } from './alerts.js';

const MESSAGE_MAX = 500;

const page = boot();
let lang = page.lang;
let board = null; // the last `dashboard` push
let clockOffset = 0; // server clock minus ours, so "time in state" does not drift
const inFlight = new Set(); // `launch:<id>`… requests under way: their buttons wait

const socket = new ConsoleSocket();

socket.on('connection', (connection) => {
  showConnection(byId('connection'), lang, connection);
  if (connection === 'signed_out') location.href = '/';
});
socket.on('welcome', (msg) => {
  if (msg.user) showUser(msg.user);
});
socket.on('alert', (msg) => addAlert(lang, msg));
socket.on('dashboard', (msg) => {
  board = msg;
  if (typeof msg.at === 'number') clockOffset = msg.at - Date.now();
  render();
});

const list = (value) => (Array.isArray(value) ? value : []);
const count = (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '—');

function render() {
  renderCampaigns();
  renderAgents();
  renderIdleAlert();
  renderLanguages();
  renderAgentSelect(byId('message-agent'));
  renderAgentSelect(byId('reassign-agent'));
  byId('dashboard-at').textContent = board
    ? t(lang, 'updated_at', { time: fmtTime(lang, board.at) })
    : t(lang, 'conn_connecting');
}

/**
 * Makes `tbody` hold one row per item, in order, keyed by `data-<key>`: existing rows are
 * reused (and `update`d), missing ones `build`t, the others removed.
 */
function syncRows(tbody, items, key, build, update) {
  const rows = new Map([...tbody.children].map((row) => [row.dataset[key], row]));
  let cursor = tbody.firstElementChild;
  for (const item of items) {
    const id = String(item.id);
    let row = rows.get(id);
    rows.delete(id);
    if (!row) row = build(id);
    update(row, item);
    if (row === cursor) cursor = cursor.nextElementSibling;
    else tbody.insertBefore(row, cursor);
  }
  for (const row of rows.values()) row.remove();
}

/** A single row saying the table is empty (or still loading), spanning all columns. */
function emptyRow(tbody, columns, text) {
  tbody.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: String(columns), text })));
}

function renderCampaigns() {
  const tbody = byId('campaigns').tBodies[0];
  const campaigns = list(board?.campaigns).filter((c) => c && c.id != null);
  if (!campaigns.length) {
    emptyRow(tbody, 8, board ? t(lang, 'no_campaigns') : t(lang, 'conn_connecting'));
    return;
  }
  syncRows(tbody, campaigns, 'campaign', (id) => el('tr', { dataset: { campaign: id } },
    el('td', { class: 'name' }),
    el('td', { class: 'status' }),
    el('td', { class: 'waiting num' }),
    el('td', { class: 'in-progress num' }),
    el('td', { class: 'done num' }),
    el('td', { class: 'reach-rate num' }),
    el('td', { class: 'at-risk num' }),
    el('td', { class: 'actions' },
      el('button', { type: 'button', class: 'launch small' }),
      el('button', { type: 'button', class: 'pause secondary small' }))), updateCampaign);
}

function updateCampaign(row, campaign) {
  const cell = (cls) => row.querySelector(`.${cls}`);
  const id = String(campaign.id);
  const status = String(campaign.status || '');
  cell('name').textContent = campaign.name || id;
  cell('status').textContent = label(lang, 'campaign_status', status);
  cell('status').dataset.status = status;
  cell('waiting').textContent = count(campaign.waiting);
  cell('in-progress').textContent = count(campaign.in_progress);
  cell('done').textContent = count(campaign.done);
  cell('reach-rate').textContent = percent(campaign);
  cell('at-risk').textContent = count(campaign.at_risk);
  cell('at-risk').classList.toggle('risk', Number(campaign.at_risk) > 0);
  const launch = cell('launch');
  launch.textContent = t(lang, status === 'paused' ? 'resume' : 'launch');
  launch.disabled = status === 'running' || inFlight.has(`launch:${id}`);
  const pause = cell('pause');
  pause.textContent = t(lang, 'pause_campaign');
  pause.disabled = status !== 'running' || inFlight.has(`pause_campaign:${id}`);
}

/** `reach_rate` is a whole percentage of the orders called (PROTOCOL.md); "—" before any call. */
function percent(campaign) {
  const rate = campaign.reach_rate;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || !Number(campaign.attempted)) return '—';
  return `${Math.round(rate)} %`;
}

function renderAgents() {
  const tbody = byId('agents').tBodies[0];
  const agents = list(board?.agents).filter((a) => a && a.id != null);
  if (!agents.length) {
    emptyRow(tbody, 4, board ? t(lang, 'no_agents') : t(lang, 'conn_connecting'));
    return;
  }
  syncRows(tbody, agents, 'agent', (id) => el('tr', { dataset: { agent: id } },
    el('td', { class: 'name' }),
    el('td', { class: 'team' }),
    el('td', { class: 'status' }),
    el('td', { class: 'since num' })), updateAgent);
  tickSince();
}

function updateAgent(row, agent) {
  const cell = (cls) => row.querySelector(`.${cls}`);
  const status = String(agent.status || 'offline');
  cell('name').textContent = agent.name || String(agent.id);
  cell('team').textContent = agent.team || '';
  cell('status').textContent = status === 'paused' && agent.reason
    ? t(lang, 'status_paused_reason', { reason: label(lang, 'reason', agent.reason) })
    : label(lang, 'status', status);
  cell('status').dataset.status = status;
  // Ready and idle while work waits: the row stands out and says so.
  row.classList.toggle('idle-alert', Boolean(agent.idle_with_work));
  if (agent.idle_with_work) {
    cell('status').append(' ', el('strong', { class: 'idle-badge', text: t(lang, 'idle_badge') }));
  }
  const since = cell('since');
  if (typeof agent.since === 'number') since.dataset.since = String(agent.since);
  else delete since.dataset.since;
}

/** The alert for agents ready but idle while work waits, naming them. */
function renderIdleAlert() {
  const idle = list(board?.agents).filter((a) => a && a.idle_with_work);
  const node = byId('idle-alert');
  node.hidden = idle.length === 0;
  node.textContent = idle.length
    ? t(lang, 'idle_alert', { n: idle.length, names: idle.map((a) => a.name || String(a.id)).join(', ') })
    : '';
}

/** Time in the current state, ticking every second between pushes. */
function tickSince() {
  const now = Date.now() + clockOffset;
  for (const cell of document.querySelectorAll('#agents td.since')) {
    const since = Number(cell.dataset.since);
    cell.textContent = cell.dataset.since ? fmtElapsed(now - since) : '';
  }
}

function renderLanguages() {
  const box = byId('languages');
  const waiting = board?.waiting_by_language && typeof board.waiting_by_language === 'object'
    ? Object.entries(board.waiting_by_language).sort(([a], [b]) => a.localeCompare(b))
    : [];
  box.replaceChildren(...(waiting.length
    ? waiting.map(([language, n]) => el('li', { dataset: { lang: language } },
      el('span', { class: 'lang-name', text: label(lang, 'lang', language) }),
      el('strong', { class: 'num', text: count(n) })))
    : [el('li', { class: 'empty', text: board ? t(lang, 'no_waiting') : '' })]));
}

function agentsByName() {
  return list(board?.agents)
    .filter((a) => a && a.id != null)
    .sort((a, b) => String(a.name || '').localeCompare(String(b.name || '')));
}

/** Fills an agent select, keeping the supervisor's choice; redrawn only when agents change. */
function renderAgentSelect(select) {
  const agents = agentsByName();
  const signature = JSON.stringify([lang, agents.map((a) => [a.id, a.name, a.team])]);
  if (select.dataset.signature === signature) return;
  select.dataset.signature = signature;
  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '', text: t(lang, 'choose_agent') }),
    ...agents.map((a) => el('option', { value: String(a.id), text: a.team ? `${a.name} (${a.team})` : a.name || String(a.id) })),
  );
  select.value = agents.some((a) => String(a.id) === chosen) ? chosen : '';
}

function agentOf(select) {
  return list(board?.agents).find((a) => a && String(a.id) === select.value) || null;
}

function showError(error) {
  const node = byId('dashboard-error');
  node.textContent = error ? describeError(lang, error) : '';
  node.hidden = !error;
}

/** Sends one request; its key keeps its button disabled meanwhile. */
async function act(key, type, args) {
  if (inFlight.has(key)) return null;
  inFlight.add(key);
  render();
  try {
    const ack = await socket.request(type, args);
    showError(null);
    return ack;
  } catch (error) {
    showError(error);
    return null;
  } finally {
    inFlight.delete(key);
    render();
  }
}

function onCampaignClick(event) {
  const button = event.target.closest('button.launch, button.pause');
  const id = button?.closest('tr[data-campaign]')?.dataset.campaign;
  const campaign = list(board?.campaigns).find((c) => c && String(c.id) === id);
  if (!campaign) return;
  const type = button.classList.contains('launch') ? 'launch' : 'pause_campaign';
  act(`${type}:${id}`, type, { campaign_id: campaign.id });
}

async function sendMessage(event) {
  event.preventDefault();
  const agent = agentOf(byId('message-agent'));
  const textarea = byId('message-text');
  const text = textarea.value.trim();
  byId('message-sent').textContent = '';
  if (!agent) {
    showError({ code: 'invalid', message: t(lang, 'choose_agent_first') });
    return;
  }
  if (!text || text.length > MESSAGE_MAX) {
    showError({ code: 'invalid', message: t(lang, 'message_length', { max: MESSAGE_MAX }) });
    return;
  }
  const ack = await act('message', 'message', { agent_id: agent.id, text });
  if (!ack) return;
  textarea.value = '';
  updateCount();
  byId('message-sent').textContent = t(lang, 'message_sent', { name: agent.name || '', time: fmtTime(lang, Date.now()) });
}

async function reassign(event) {
  event.preventDefault();
  const agent = agentOf(byId('reassign-agent'));
  const input = byId('reassign-order');
  const order = Number(input.value);
  byId('reassign-done').textContent = '';
  if (!Number.isInteger(order) || order <= 0) {
    showError({ code: 'invalid', message: t(lang, 'order_number_invalid') });
    input.focus();
    return;
  }
  if (!agent) {
    showError({ code: 'invalid', message: t(lang, 'choose_agent_first') });
    return;
  }
  const ack = await act('reassign', 'reassign', { order_id: order, agent_id: agent.id });
  if (!ack) return;
  input.value = '';
  byId('reassign-done').textContent = t(lang, 'reassigned', { order, name: agent.name || '' });
}

function updateCount() {
  byId('message-count').textContent = String(byId('message-text').value.length);
}

/** Switches the interface language once its texts are loaded (the latest choice wins). */
async function setLanguage(next) {
  await loadTexts(next);
  const select = byId('ui-lang');
  if (select && select.value !== next) return;
  lang = next;
  applyTexts(document, lang);
  showConnection(byId('connection'), lang, socket.connection);
  renderAlerts(lang);
  render();
}

// The texts first (English too, for what a language lacks), so the first render has them.
await loadTexts(lang);
wireTopbar({ lang, onLanguage: setLanguage });
byId('campaigns').addEventListener('click', onCampaignClick);
byId('message-form').addEventListener('submit', sendMessage);
byId('message-text').addEventListener('input', updateCount);
byId('reassign-form').addEventListener('submit', reassign);
setInterval(tickSince, 1000);

applyTexts(document, lang);
showUser(page.user);
showConnection(byId('connection'), lang, socket.connection);
renderAlerts(lang);
render();
socket.start();
