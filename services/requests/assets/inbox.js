// The staff's requests page (templates/request_inbox.html): the queue with its filters and
// saved views, one request at a time (its thread, an answer or an internal note with quick
// replies, @mentions and help-article links, status, taking it, merging a duplicate), known
// issues filed in one click, and the caller's notices. Every read goes through the API,
// which decides who may see what and audits it.

import {
  api, byId, el, fmtDateTime, list, problemText, say, t,
} from '/static/kernel/pages.js';

const root = byId('inbox');
const me = Number(root.dataset.user);
let topics = [];
try {
  topics = list(JSON.parse(root.dataset.topics || '[]'));
} catch {
  topics = [];
}
const topicOf = (id) => topics.find((tp) => tp.id === id);
let views = [];
let current = null; // the request shown

function query() {
  const q = new URLSearchParams();
  for (const id of ['f-team', 'f-topic', 'f-status', 'f-region']) {
    const input = byId(id);
    if (input && input.value) q.set(input.name, input.value.trim());
  }
  if (byId('f-mine').checked) q.set('mine', 'true');
  if (byId('f-unassigned').checked) q.set('unassigned', 'true');
  return q;
}

function setQuery(saved) {
  for (const [id, key] of [['f-team', 'team'], ['f-topic', 'topic'], ['f-status', 'status'], ['f-region', 'region']]) {
    const input = byId(id);
    if (input) input.value = saved[key] || '';
  }
  byId('f-mine').checked = Boolean(saved.mine);
  byId('f-unassigned').checked = Boolean(saved.unassigned);
}

async function loadQueue(path = `/api/v1/requests?${query()}`) {
  const reply = await api('GET', path);
  const body = byId('queue').tBodies[0];
  if (!reply.ok) {
    say(byId('queue-message'), problemText(reply), true);
    return;
  }
  const rows = list(reply.body);
  say(byId('queue-message'), t('inbox_count', { count: rows.length }));
  body.replaceChildren(...rows.map((r) => el('tr', {
    dataset: { ref: r.ref },
    tabindex: '0',
    'aria-selected': String(current?.ref === r.ref),
    onclick: () => open(r.ref),
    onkeydown: (e) => { if (e.key === 'Enter') open(r.ref); },
  },
  el('td', { text: r.ref }),
  el('td', { text: r.subject }),
  el('td', { text: topicOf(r.topic)?.title || r.topic }),
  el('td', { text: t(`inbox_priority_${r.priority}`) }),
  el('td', { class: `standing-${r.standing}`, text: `${fmtDateTime(r.due_at)} · ${t(`inbox_standing_${r.standing}`)}` }))));
}

function message(m) {
  const who = m.direction === 'in' ? t('inbox_from_requester')
    : m.direction === 'note' ? t('inbox_note_by', { who: m.author }) : t('inbox_reply_by', { who: m.author });
  return el('li', { class: m.direction },
    el('p', { class: 'note', text: `${who} · ${fmtDateTime(m.created_at)}` }),
    el('p', { class: 'text', text: m.body_text }),
    list(m.attachments).length ? el('p', { class: 'note', text: list(m.attachments).map((a) => `📎 ${a.name} (${a.size} B)`).join(', ') }) : null);
}

async function open(ref) {
  const reply = await api('GET', `/api/v1/requests/${encodeURIComponent(ref)}`);
  if (!reply.ok) {
    say(byId('queue-message'), problemText(reply), true);
    return;
  }
  current = reply.body;
  const r = current;
  byId('detail').hidden = false;
  byId('detail-title').textContent = `${r.ref} · ${r.subject}`;
  byId('detail-meta').textContent = [
    topicOf(r.topic)?.title || r.topic, t(`inbox_status_${r.status}`), t(`inbox_priority_${r.priority}`),
    t(`inbox_channel_${r.channel}`), r.team,
  ].join(' · ');
  byId('detail-who').textContent = [r.requester_name, r.requester_email, r.case_code ? t('inbox_case', { code: r.case_code }) : null]
    .filter(Boolean).join(' · ');
  byId('thread').replaceChildren(...list(r.messages).map(message));
  byId('take').hidden = r.assignee === me;
  byId('resolve').hidden = ['resolved', 'closed'].includes(r.status);
  byId('close').hidden = r.status === 'closed';
  byId('reopen').hidden = !['resolved', 'closed'].includes(r.status);
  const quick = byId('quick-reply');
  quick.replaceChildren(el('option', { value: '', text: '–' }),
    ...list(topicOf(r.topic)?.quick_replies).map((q) => el('option', { value: q.id, text: q.title })));
  for (const tr of byId('queue').tBodies[0].rows) tr.setAttribute('aria-selected', String(tr.dataset.ref === r.ref));
  say(byId('detail-message'), '');
}

async function act(method, path, body, done) {
  const reply = await api(method, path, body);
  if (!reply.ok) {
    say(byId('detail-message'), problemText(reply), true);
    return false;
  }
  say(byId('detail-message'), done);
  await open(current.ref);
  await loadQueue();
  return true;
}

async function send(event) {
  event.preventDefault();
  if (!current) return;
  const kind = byId('compose').querySelector('input[name=kind]:checked').value;
  const text = byId('body').value.trim();
  if (!text) {
    byId('compose').querySelector('.form-error').textContent = t('inbox_empty');
    return;
  }
  byId('compose').querySelector('.form-error').textContent = '';
  const ok = await act('POST', `/api/v1/requests/${encodeURIComponent(current.ref)}/messages`, { kind, body: text },
    t(kind === 'reply' ? 'inbox_sent' : 'inbox_noted'));
  if (ok) byId('body').value = '';
}

function useQuickReply() {
  const q = list(topicOf(current?.topic)?.quick_replies).find((r) => r.id === byId('quick-reply').value);
  if (!q) return;
  byId('body').value = q.body.replaceAll('{ref}', current.ref);
  byId('compose').querySelector('input[value=reply]').checked = true;
}

let kbTimer = null;
function searchKb() {
  clearTimeout(kbTimer);
  kbTimer = setTimeout(async () => {
    const q = byId('kb-q').value.trim();
    if (q.length < 3) {
      byId('kb-hits').replaceChildren();
      return;
    }
    const reply = await api('GET', `/api/v1/requests/kb?lang=${encodeURIComponent(current?.language || 'fr')}&q=${encodeURIComponent(q)}`);
    if (!reply.ok) return;
    byId('kb-hits').replaceChildren(...list(reply.body).map((h) => el('li', {},
      el('a', { href: h.url, target: '_blank', rel: 'noopener', text: h.title }), ' ',
      el('button', {
        type: 'button',
        class: 'small secondary',
        onclick: () => { byId('body').value = `${byId('body').value.trimEnd()}\n\n${h.title}: ${h.url}`.trimStart(); },
      }, t('inbox_insert_link')))));
  }, 400);
}

async function loadViews() {
  const reply = await api('GET', '/api/v1/requests/views');
  views = reply.ok ? list(reply.body) : [];
  byId('f-view').replaceChildren(el('option', { value: '', text: t('inbox_view_none') }),
    ...views.map((v) => el('option', { value: v.id, text: v.name })));
}

async function saveView() {
  const name = window.prompt(t('inbox_view_name'));
  if (!name) return;
  const q = Object.fromEntries(query());
  const saved = {
    ...q, mine: q.mine === 'true', unassigned: q.unassigned === 'true',
  };
  const reply = await api('POST', '/api/v1/requests/views', { name, query: saved });
  say(byId('queue-message'), reply.ok ? t('inbox_view_saved') : problemText(reply), !reply.ok);
  await loadViews();
}

async function loadNotices() {
  const reply = await api('GET', '/api/v1/requests/notices');
  const unread = reply.ok ? list(reply.body).filter((n) => !n.read) : [];
  byId('notices-box').hidden = unread.length === 0;
  byId('notices').replaceChildren(...unread.map((n) => el('li', {},
    el('button', {
      type: 'button',
      class: 'small secondary',
      onclick: async () => {
        await api('POST', `/api/v1/requests/notices/${encodeURIComponent(n.id)}/read`);
        await open(n.ref);
        await loadNotices();
      },
    }, t(`inbox_notice_${n.kind}`, { ref: n.ref })), ' ', fmtDateTime(n.created_at))));
}

function drawQuick() {
  const buttons = topics.flatMap((tp) => list(tp.quick_requests).map((q) => el('button', {
    type: 'button',
    class: 'small secondary',
    onclick: async () => {
      const reply = await api('POST', '/api/v1/requests/quick', { topic: tp.id, quick: q.id });
      say(byId('quick-message'), reply.ok ? t('inbox_quick_filed', { ref: reply.body.ref }) : problemText(reply), !reply.ok);
      if (reply.ok) await loadQueue();
    },
  }, q.title)));
  byId('quick').replaceChildren(...buttons);
}

byId('filters').addEventListener('submit', (e) => { e.preventDefault(); loadQueue(); });
byId('f-view').addEventListener('change', () => {
  const v = views.find((x) => x.id === byId('f-view').value);
  if (v) setQuery(v.query);
  loadQueue();
});
byId('f-save').addEventListener('click', saveView);
byId('compose').addEventListener('submit', send);
byId('quick-reply').addEventListener('change', useQuickReply);
byId('kb-q').addEventListener('input', searchKb);
byId('take').addEventListener('click', () => act('POST', `/api/v1/requests/${encodeURIComponent(current.ref)}/assignee`, { user: me }, t('inbox_taken')));
for (const [id, status] of [['resolve', 'resolved'], ['close', 'closed'], ['reopen', 'open']]) {
  byId(id).addEventListener('click', () => act('POST', `/api/v1/requests/${encodeURIComponent(current.ref)}/status`, { status }, t(`inbox_status_${status}`)));
}
byId('merge-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const into = byId('merge-into').value.trim().toUpperCase();
  if (!into || !current) return;
  const from = current.ref;
  const reply = await api('POST', `/api/v1/requests/${encodeURIComponent(from)}/merge`, { into });
  if (!reply.ok) {
    byId('merge-form').querySelector('.form-error').textContent = problemText(reply);
    return;
  }
  byId('merge-form').querySelector('.form-error').textContent = '';
  await open(into);
  await loadQueue();
});

byId('find').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = byId('find-q').value.trim();
  if (q) loadQueue(`/api/v1/requests/search?q=${encodeURIComponent(q)}`);
});

byId('for-caller').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = byId('for-caller');
  const error = form.querySelector('.form-error');
  const value = (id) => byId(id).value.trim();
  const reply = await api('POST', '/api/v1/requests', {
    topic: value('c-topic'),
    language: value('c-language'),
    name: value('c-name') || null,
    email: value('c-email'),
    subject: value('c-subject'),
    message: value('c-message'),
    for_caller: true,
  });
  if (!reply.ok) {
    error.textContent = problemText(reply);
    return;
  }
  error.textContent = '';
  const ref = reply.body.ref;
  if (value('c-case')) {
    // The case the agent has open on this call (the same purpose as opening it).
    const linked = await api('POST', `/api/v1/requests/${encodeURIComponent(ref)}/case`, { case_code: value('c-case'), reason: 'inbound' });
    if (!linked.ok) error.textContent = problemText(linked);
  }
  form.reset();
  say(byId('quick-message'), t('inbox_quick_filed', { ref }));
  await loadQueue();
  await open(ref);
});

drawQuick();
await Promise.all([loadViews(), loadNotices(), loadQueue()]);
if (root.dataset.open) await open(root.dataset.open);
