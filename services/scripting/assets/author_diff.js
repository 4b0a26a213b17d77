// Two releases of a script side by side: the releases listed with a "from" and a "to"
// choice, then, for every step and question the server's diff names as added, removed or
// changed (GET /api/v1/scripts/{id}/diff), the older release's definition on the left and
// the newer one's on the right, read from both releases' content.

import { api, byId, el, fmtDateTime, list, replyText, t } from '/static/kernel/pages.js';

let script = null;
let releases = []; // newest first

export async function drawReleases(scriptId) {
  script = scriptId;
  byId('diff').replaceChildren();
  const reply = await api('GET', `/api/v1/scripts/${encodeURIComponent(scriptId)}/releases`);
  const body = byId('releases').tBodies[0];
  if (!reply.ok) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: '4', text: replyText(reply) })));
    return;
  }
  releases = list(reply.body?.releases);
  body.replaceChildren(...releases.map((r, i) => el('tr', { dataset: { release: String(r.number) } },
    el('th', { scope: 'row', text: String(r.number) }),
    el('td', { text: `${fmtDateTime(r.created_at)} · ${r.created_by}` }),
    el('td', {}, el('input', { type: 'radio', name: 'diff-from', value: String(r.number), checked: i === 1 || (releases.length === 1 && i === 0), 'aria-label': t('compare_from_n', { n: r.number }) })),
    el('td', {}, el('input', { type: 'radio', name: 'diff-to', value: String(r.number), checked: i === 0, 'aria-label': t('compare_to_n', { n: r.number }) })))));
  byId('compare').disabled = releases.length < 2;
}

/** Every node of a release by its position (`node`, or `caller/node` inside a block). */
function nodesOf(content) {
  const out = {};
  for (const n of list(content?.script?.nodes)) {
    out[n.id] = n;
    const block = n.call ? content?.blocks?.[n.call] : null;
    for (const b of list(block?.nodes)) out[`${n.id}/${b.id}`] = b;
  }
  return out;
}

/** Every field of a release, sub-fields named `group.field`. */
function fieldsOf(content) {
  const out = {};
  for (const f of list(content?.form?.fields)) {
    out[f.id] = f;
    for (const sub of list(f.fields)) out[`${f.id}.${sub.id}`] = sub;
  }
  return out;
}

const pretty = (value) => (value === undefined ? '' : JSON.stringify(value, null, 2));

async function compare() {
  const from = document.querySelector('input[name="diff-from"]:checked')?.value;
  const to = document.querySelector('input[name="diff-to"]:checked')?.value;
  const out = byId('diff');
  if (!from || !to || from === to) {
    out.replaceChildren(el('p', { class: 'message error', text: t('compare_two') }));
    return;
  }
  const id = (n) => releases.find((r) => String(r.number) === String(n))?.id;
  const [diff, older, newer] = await Promise.all([
    api('GET', `/api/v1/scripts/${encodeURIComponent(script)}/diff?from=${from}&to=${to}`),
    api('GET', `/api/v1/releases/${id(from)}`),
    api('GET', `/api/v1/releases/${id(to)}`),
  ]);
  const failed = [diff, older, newer].find((r) => !r.ok);
  if (failed) {
    out.replaceChildren(el('p', { class: 'message error', text: replyText(failed) }));
    return;
  }
  const d = diff.body || {};
  const before = { node: nodesOf(older.body?.content), field: fieldsOf(older.body?.content) };
  const after = { node: nodesOf(newer.body?.content), field: fieldsOf(newer.body?.content) };
  const rows = [];
  for (const kind of ['node', 'field']) {
    for (const change of ['added', 'removed', 'changed']) {
      for (const item of list(d[`${kind}s_${change}`])) {
        rows.push(el('tr', { class: change, dataset: { item, change } },
          el('th', { scope: 'row', class: 'item', colspan: '2', text: `${t(`kind_${kind}`)} ${item} · ${t(`change_${change}`)}` })),
        el('tr', { class: change },
          el('td', { class: 'old' }, el('pre', { text: pretty(before[kind][item]) })),
          el('td', { class: 'new' }, el('pre', { text: pretty(after[kind][item]) }))));
      }
    }
  }
  out.replaceChildren(rows.length
    ? el('table', { class: 'list' },
      el('caption', { text: t('diff_caption', { from, to }) }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('release_n', { n: from }) }), el('th', { scope: 'col', text: t('release_n', { n: to }) }))),
      el('tbody', {}, rows))
    : el('p', { text: t('no_differences', { from, to }) }));
}

byId('compare').addEventListener('click', compare);
