// The supervisors' alerts (push `alert`, PROTOCOL.md): an agent of their team broke the
// glass to open a file, or was stopped by the search rate limit. Something to look at now,
// so they stay on screen: newest first, the last 20 since the page was opened (the server
// keeps no list to replay), those at or over the day's break-glass limit standing out.
//
// A new alert is added at the top of the list rather than the list drawn again, so a screen
// reader announces that alert only (the list is a polite live region).

import { hasText, t } from './i18n.js';
import { byId, el, fmtTime } from './common.js';

const KEPT = 20;
const KINDS = ['break_glass', 'search_limited'];

const alerts = []; // newest first

/** "2nd", "2e", "2." — `n` as an ordinal in `lang`, by the catalogue's plural categories. */
function ordinal(lang, n) {
  let category = 'other';
  try {
    category = new Intl.PluralRules(lang, { type: 'ordinal' }).select(n);
  } catch {
    // No ordinal rules in this browser: the general form.
  }
  return t(lang, hasText(`ordinal_${category}`) ? `ordinal_${category}` : 'ordinal_other', { n });
}

function alertText(lang, alert) {
  const name = alert.agent_name || `#${alert.agent_id}`;
  if (alert.kind === 'search_limited') return t(lang, 'alert_search_limited', { name });
  const code = alert.case_code || '';
  const count = alert.count_today;
  return typeof count === 'number' && Number.isFinite(count) && count > 0
    ? t(lang, 'alert_break_glass', { name, code, nth: ordinal(lang, count) })
    : t(lang, 'alert_break_glass_plain', { name, code });
}

function alertItem(lang, alert) {
  return el('li', { class: alert.over_limit ? 'alert over-limit' : 'alert', dataset: { kind: alert.kind } },
    el('time', { text: fmtTime(lang, alert.at) }),
    el('span', { class: 'alert-text', text: alertText(lang, alert) }),
    alert.over_limit ? el('strong', { class: 'alert-badge', text: t(lang, 'alert_over_limit') }) : null);
}

/** Takes an `alert` push and shows it at the top of the list. */
export function addAlert(lang, msg) {
  if (!msg || !KINDS.includes(msg.kind)) return;
  alerts.unshift(msg);
  alerts.splice(KEPT);
  const box = byId('alerts');
  box.querySelector('li.empty')?.remove();
  box.prepend(alertItem(lang, msg));
  while (box.children.length > KEPT) box.lastElementChild.remove();
}

/** Draws the whole list (at start, and in another interface language). */
export function renderAlerts(lang) {
  byId('alerts').replaceChildren(...(alerts.length
    ? alerts.map((alert) => alertItem(lang, alert))
    : [el('li', { class: 'empty', text: t(lang, 'no_alerts') })]));
}
