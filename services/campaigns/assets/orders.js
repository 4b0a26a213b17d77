// The supervisor's order list (templates/orders.html): the orders of their campaigns from
// GET /api/v1/orders, filtered, the nearest deadline first, and on each row what a
// supervisor does to one order: hand it to an agent picked by name, move it up the queue,
// or cancel it (POST /api/v1/orders/{id}/supervise). What each action did, or why it was
// refused, is said above the list and in the dialog, where the supervisor is looking.

import {
  api, byId, el, emptyRow, fmtMinute, list, replyText, say, t,
} from '/static/kernel/pages.js';

const filters = byId('filters');
const dialog = byId('action-dialog');
const actionForm = byId('action-form');
const message = (text, isError) => say(byId('orders-message'), text, isError);

let current = null; // { order, action } the dialog is for

function query() {
  const data = new FormData(filters);
  const params = new URLSearchParams();
  for (const name of ['campaign', 'state', 'language', 'agent']) {
    const value = String(data.get(name) || '');
    if (value) params.set(name, value);
  }
  if (byId('f-risk').checked) params.set('at_risk', 'true');
  return params.toString();
}

function agentText(o) {
  if (!o.agent_id) return '';
  const name = o.agent_name || `#${o.agent_id}`;
  return o.held ? name : t('kept_for', { name });
}

function row(o) {
  const button = (action, style) => el('button', {
    type: 'button', class: `small ${style || ''}`.trim(), text: t(action), dataset: { action, order: String(o.id) },
    // The visible word first, so a voice user saying it reaches the button.
    'aria-label': `${t(action)} (${t('col_order')} ${o.id})`, onclick: () => open(o, action),
  });
  const live = o.state === 'open' || o.state === 'leased';
  return el('tr', { dataset: { order: String(o.id) }, class: o.at_risk ? 'at-risk' : null },
    el('td', { class: 'mono', text: String(o.id) }),
    el('td', { text: o.campaign_name }),
    el('td', { class: 'case' }, el('span', { class: 'mono', text: o.case_code }), ' ',
      el('small', { class: 'note', text: [t(`case_type_${o.case_type}`), o.region].filter(Boolean).join(' · ') })),
    el('td', { text: String(o.language).toUpperCase() }),
    el('td', {}, t(`state_${o.state}`), o.outcome ? el('small', { class: 'note', text: t(`outcome_${o.outcome}`) }) : null),
    el('td', { class: 'num', text: String(o.attempts) }),
    el('td', { class: 'agent', text: agentText(o) }),
    el('td', { class: 'deadline' }, fmtMinute(o.deadline_at), o.at_risk ? el('span', { class: 'badge warn', text: t('at_risk') }) : null),
    el('td', { class: 'actions' }, live ? [button('reassign'), button('raise', 'secondary'), button('cancel', 'danger')] : null));
}

async function load() {
  const body = byId('orders').tBodies[0];
  const reply = await api('GET', `/api/v1/orders?${query()}`);
  if (!reply.ok) {
    body.replaceChildren(emptyRow(9, replyText(reply)));
    return;
  }
  const orders = list(reply.body?.orders);
  body.replaceChildren(...(orders.length ? orders.map(row) : [emptyRow(9, t('no_orders'))]));
  byId('orders-more').hidden = !reply.body?.more;
}

function open(order, action) {
  current = { order, action };
  byId('action-title').textContent = t(`${action}_order`, { id: order.id });
  byId('action-what').textContent = `${order.campaign_name} · ${order.case_code} · ${agentText(order) || t(`state_${order.state}`)}`;
  byId('action-agent-field').hidden = action !== 'reassign';
  byId('action-minutes-field').hidden = action !== 'raise';
  const go = byId('action-go');
  go.textContent = t(action);
  go.className = action === 'cancel' ? 'danger' : '';
  actionForm.querySelector('.form-error').textContent = '';
  dialog.showModal();
  (action === 'reassign' ? byId('action-agent') : action === 'raise' ? byId('action-minutes') : go).focus();
}

async function apply(event) {
  event.preventDefault();
  if (!current) return;
  const { order, action } = current;
  const body = { action };
  if (action === 'reassign') body.agent_id = Number(byId('action-agent').value);
  if (action === 'raise') body.minutes = Number(byId('action-minutes').value);
  const go = byId('action-go');
  go.disabled = true;
  const reply = await api('POST', `/api/v1/orders/${order.id}/supervise`, body);
  go.disabled = false;
  if (!reply.ok) {
    // Said in the dialog the supervisor is looking at, and kept open to choose again.
    actionForm.querySelector('.form-error').textContent = replyText(reply);
    return;
  }
  dialog.close();
  const agent = byId('action-agent').selectedOptions[0]?.textContent || '';
  message(t(`done_${action}_order`, { id: order.id, agent }));
  await load();
}

filters.addEventListener('submit', (event) => { event.preventDefault(); load(); });
filters.addEventListener('change', load);
actionForm.addEventListener('submit', apply);
byId('action-back').addEventListener('click', () => dialog.close());

// A link from the dashboard may name a campaign or ask for the orders at risk.
const asked = new URLSearchParams(location.search);
if (asked.get('campaign')) byId('f-campaign').value = asked.get('campaign');
if (asked.get('at_risk') === 'true') byId('f-risk').checked = true;
load();
