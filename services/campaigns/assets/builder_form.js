// The builder's form and the campaign it writes: `bodyOf()` reads the form into the body of
// POST/PUT /api/v1/campaigns (and of the live count), `fill()` writes a campaign back into
// it for an edit or a clone. Settings the form does not show (the lease, the callback hold,
// the index-case boost) are kept from the campaign loaded, never reset behind the user.

import { byId, list } from '/static/kernel/pages.js';
import { readWeek, setWeek, DEFAULT_WEEK } from './week.js';

export const form = byId('builder');
const field = (name) => form.elements.namedItem(name);

/** The values of the ticked boxes named `name`. */
const ticked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);

function tick(name, values) {
  for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
    if (!box.disabled) box.checked = values.includes(box.value);
  }
}

/** Words of a list typed or pasted: separated by commas, semicolons, spaces or lines. */
const words = (text) => String(text).split(/[\s,;]+/).map((w) => w.trim()).filter(Boolean);

// What the loaded campaign had that the form does not show.
let kept = {};
// The release the campaign is pinned to, if any.
let pinned = null;

/** The campaign as the form says it. */
export function bodyOf() {
  const caseType = form.querySelector('input[name="case_type"]:checked')?.value || '';
  const number = (name) => Number(field(name).value);
  return {
    name: field('name').value,
    purpose: field('purpose').value,
    script_id: field('script_id').value,
    release_id: pinned,
    languages: ticked('languages'),
    teams: ticked('teams'),
    required_courses: ticked('required_courses'),
    script_override: byId('b-override').checked && !byId('override-row').hidden,
    policy: {
      ...kept,
      max_attempts: number('max_attempts'),
      retry_minutes_no_answer: number('retry_minutes_no_answer'),
      retry_minutes_busy: number('retry_minutes_busy'),
      retry_minutes_voicemail: number('retry_minutes_voicemail'),
      deadline_hours: number('deadline_hours'),
      windows: readWeek(),
      holidays: words(field('holidays').value),
      time_zone: field('time_zone').value.trim(),
    },
    target: {
      case_type: caseType || null,
      regions: ticked('regions'),
      statuses: ticked('statuses'),
      age_bands: ticked('age_bands'),
      created_from: field('created_from').value || null,
      created_to: field('created_to').value || null,
      case_codes: words(field('case_codes').value),
    },
  };
}

/** Writes campaign `c` (as the API sends it) into the form; none: a new campaign. */
export function fill(c) {
  const policy = c?.policy || {};
  const target = c?.target || {};
  form.reset();
  field('name').value = c?.name || '';
  field('purpose').value = c?.purpose || '';
  if (c?.script_id) field('script_id').value = c.script_id;
  pinned = c?.release_id ?? null;
  const type = target.case_type || '';
  for (const radio of form.querySelectorAll('input[name="case_type"]')) radio.checked = radio.value === (c ? type : 'contact');
  byId('b-override').checked = Boolean(c?.script_override);
  if (c) {
    tick('regions', list(target.regions));
    tick('statuses', list(target.statuses).length ? list(target.statuses) : ['open', 'in_progress']);
    tick('age_bands', list(target.age_bands));
    tick('languages', list(c.languages));
    tick('teams', list(c.teams));
    tick('required_courses', list(c.required_courses));
  }
  field('created_from').value = target.created_from || '';
  field('created_to').value = target.created_to || '';
  field('case_codes').value = list(target.case_codes).join('\n');
  const { windows, holidays, time_zone: zone, max_attempts: attempts, deadline_hours: deadline, ...rest } = policy;
  kept = {
    lease_seconds: rest.lease_seconds,
    callback_hold_minutes: rest.callback_hold_minutes,
    index_case_boost_minutes: rest.index_case_boost_minutes,
  };
  for (const key of Object.keys(kept)) if (kept[key] === undefined) delete kept[key];
  const set = (name, value) => { if (value !== undefined) field(name).value = String(value); };
  set('max_attempts', attempts);
  set('deadline_hours', deadline);
  set('retry_minutes_no_answer', rest.retry_minutes_no_answer);
  set('retry_minutes_busy', rest.retry_minutes_busy);
  set('retry_minutes_voicemail', rest.retry_minutes_voicemail);
  set('time_zone', zone);
  field('holidays').value = list(holidays).join(', ');
  setWeek(c ? windows : DEFAULT_WEEK);
}

/**
 * The case codes of an uploaded list (CSV or text): the column headed `code` or
 * `case_code` when there is a header, else the first column; blank lines skipped.
 */
export function codesOfFile(text) {
  const lines = String(text).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).filter((l) => l.trim());
  if (!lines.length) return [];
  const cells = (line) => line.split(/[;,\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  const head = cells(lines[0]).map((c) => c.toLowerCase());
  const column = head.findIndex((c) => c === 'code' || c === 'case_code');
  const rows = column >= 0 ? lines.slice(1) : lines;
  return rows.map((l) => cells(l)[Math.max(column, 0)]).filter(Boolean);
}
