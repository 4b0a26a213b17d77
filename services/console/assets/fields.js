// How a form `Field` (PROTOCOL.md) becomes controls on screen, and how the controls' content
// becomes a protocol value again. No state: the console decides when to draw and to send.
//
// Each block is named by its answer path: `contacts` for a field, `contacts[1].phone` for a
// sub-field of a repeat item; inputs carry that path as their `name`, error lines as
// `data-error-for`.

import { t } from './i18n.js';
import { el } from './common.js';

const INPUT_MODES = { phone: 'tel', national_number: 'numeric', postal_code: 'numeric', email: 'email' };
const MAX_RADIO_CHOICES = 5;

let idCounter = 0;
const newId = () => `fld-${++idCounter}`;

/**
 * A field block: label, control, help, error line and (top level only) the "Saved" mark.
 * `name` is the answer path: `contacts`, or `contacts[1].phone` inside a repeat item.
 */
export function buildField(field, name, topLevel, lang) {
  const inputId = newId();
  const labelId = newId();
  const helpId = field.help ? newId() : null;
  const errorId = newId();
  const describedBy = [helpId, errorId].filter(Boolean).join(' ');
  const grouped = isGroup(field);
  const required = field.required && !field.computed
    ? el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null;
  const caption = grouped
    ? el('span', { class: 'label', id: labelId }, field.label || field.id, required)
    : el('label', { class: 'label', id: labelId, for: inputId }, field.label || field.id, required);
  return el('div', {
    class: `field type-${field.type}${field.computed ? ' computed' : ''}`,
    dataset: topLevel ? { field: field.id } : { subfield: field.id },
  },
  el('div', { class: 'field-head' },
    caption,
    topLevel ? el('span', { class: 'saved', dataset: { savedFor: field.id }, 'aria-live': 'polite' }) : null),
  buildControl(field, name, { inputId, labelId, describedBy }, lang),
  helpId ? el('p', { class: 'field-help', id: helpId, text: field.help }) : null,
  el('p', { class: 'field-error', id: errorId, dataset: { errorFor: name } }));
}

function isGroup(field) {
  if (field.computed) return false;
  if (field.type === 'choice') return choicesOf(field).length <= MAX_RADIO_CHOICES;
  return ['boolean', 'multi_choice', 'repeat'].includes(field.type);
}

function choicesOf(field) {
  return (Array.isArray(field.choices) ? field.choices : []).filter((c) => c && c.value != null);
}

function buildControl(field, name, { inputId, labelId, describedBy }, lang) {
  const common = {
    id: inputId,
    name,
    autocomplete: 'off', // the browser must not remember citizen data
    'aria-describedby': describedBy,
    'aria-required': field.required ? 'true' : null,
  };
  if (field.computed) return el('output', { id: inputId, name, class: 'computed-value', 'aria-describedby': describedBy });
  switch (field.type) {
    case 'long_text':
      return el('textarea', { ...common, rows: 3, maxlength: field.max_length });
    case 'integer':
    case 'decimal':
      return el('input', {
        ...common,
        type: 'number',
        step: field.type === 'integer' ? '1' : 'any',
        inputmode: field.type === 'integer' ? 'numeric' : 'decimal',
        min: field.min,
        max: field.max,
      });
    case 'boolean':
      // The server words yes and no in the call's language (they are read to the citizen).
      return optionGroup(name, 'radio', choicesOf(field).length ? choicesOf(field)
        : [{ value: 'true', label: t(lang, 'yes') }, { value: 'false', label: t(lang, 'no') }], labelId, describedBy);
    case 'date':
      return el('input', { ...common, type: 'date' });
    case 'datetime':
      return el('input', { ...common, type: 'datetime-local' });
    case 'choice':
      if (choicesOf(field).length <= MAX_RADIO_CHOICES) return optionGroup(name, 'radio', choicesOf(field), labelId, describedBy);
      return el('select', common,
        el('option', { value: '', text: t(lang, 'choose') }),
        choicesOf(field).map((c) => el('option', { value: String(c.value), text: c.label ?? String(c.value) })));
    case 'multi_choice':
      return optionGroup(name, 'checkbox', choicesOf(field), labelId, describedBy);
    case 'repeat':
      return el('div', { class: 'repeat', role: 'group', 'aria-labelledby': labelId, dataset: { repeat: name } },
        el('div', { class: 'items' }),
        el('button', { type: 'button', class: 'add-item secondary small', text: t(lang, 'add_item') }));
    default: // text, phone, email, national_number, postal_code
      return el('input', {
        ...common,
        type: 'text',
        inputmode: INPUT_MODES[field.type],
        spellcheck: field.type === 'text' ? null : 'false',
        maxlength: field.max_length,
      });
  }
}

function optionGroup(name, kind, options, labelId, describedBy) {
  return el('div', {
    class: `options ${kind}`,
    role: kind === 'radio' ? 'radiogroup' : 'group',
    'aria-labelledby': labelId,
    'aria-describedby': describedBy,
  }, options.map((option) => el('label', { class: 'option' },
    el('input', { type: kind, name, value: String(option.value) }),
    el('span', { text: option.label ?? String(option.value) }))));
}

function buildItem(field, name, index, item, lang) {
  const path = `${name}[${index}]`;
  const node = el('fieldset', { class: 'item', dataset: { index: String(index) } },
    el('legend', { text: t(lang, 'item_n', { n: index + 1 }) }));
  for (const sub of Array.isArray(field.fields) ? field.fields : []) {
    const subPath = `${path}.${sub.id}`;
    const block = buildField(sub, subPath, false, lang);
    writeValue(block, sub, subPath, item?.[sub.id] ?? null, lang);
    node.append(block);
  }
  node.append(
    el('p', { class: 'field-error', dataset: { errorFor: path } }),
    el('button', { type: 'button', class: 'remove-item secondary small', text: t(lang, 'remove_item') }),
  );
  return node;
}

/** Draws a repeat's items; at least `min_items` of them, empty ones to fill in. */
export function setItems(block, field, name, items, lang) {
  const repeat = block.querySelector(`[data-repeat="${CSS.escape(name)}"]`);
  if (!repeat) return;
  const list = Array.isArray(items) ? items : [];
  const count = Math.max(list.length, Number(field.min_items) || 0);
  repeat.querySelector(':scope > .items').replaceChildren(
    ...Array.from({ length: count }, (_, i) => buildItem(field, name, i, list[i] || {}, lang)),
  );
  const min = Number(field.min_items) || 0;
  const max = Number(field.max_items) || Infinity;
  repeat.querySelector(':scope > .add-item').disabled = count >= max;
  for (const button of repeat.querySelectorAll(':scope > .items > .item > .remove-item')) button.disabled = count <= min;
}

export function named(name) {
  return `[name="${CSS.escape(name)}"]`;
}

/** Shows `value` (a protocol value) in the field's controls. */
export function writeValue(block, field, name, value, lang) {
  if (field.computed) {
    const output = block.querySelector(`output${named(name)}`);
    if (output) output.textContent = displayValue(field, value, lang);
    return;
  }
  switch (field.type) {
    case 'boolean':
    case 'choice':
    case 'multi_choice': {
      const select = block.querySelector(`select${named(name)}`);
      if (select) {
        select.value = value == null ? '' : String(value);
        return;
      }
      const chosen = Array.isArray(value) ? value.map(String) : value == null ? [] : [String(value)];
      for (const input of block.querySelectorAll(`input${named(name)}`)) input.checked = chosen.includes(input.value);
      return;
    }
    case 'repeat':
      setItems(block, field, name, value, lang);
      return;
    case 'datetime': {
      const input = block.querySelector(named(name));
      if (input) input.value = rfc3339ToLocalInput(value);
      return;
    }
    default: {
      const input = block.querySelector(named(name));
      if (input) input.value = value == null ? '' : String(value);
    }
  }
}

/**
 * The field's value as the protocol wants it (empty is null), or `undefined` when a
 * control holds something that is not a value yet (a half-typed number): nothing is sent.
 */
export function readValue(block, field, name) {
  switch (field.type) {
    case 'boolean': {
      const input = block.querySelector(`input${named(name)}:checked`);
      return input ? input.value === 'true' : null;
    }
    case 'choice': {
      const select = block.querySelector(`select${named(name)}`);
      if (select) return select.value || null;
      return block.querySelector(`input${named(name)}:checked`)?.value ?? null;
    }
    case 'multi_choice': {
      const values = [...block.querySelectorAll(`input${named(name)}:checked`)].map((input) => input.value);
      return values.length ? values : null;
    }
    case 'integer':
    case 'decimal': {
      const input = block.querySelector(named(name));
      if (!input) return null;
      if (input.validity.badInput) return undefined;
      if (input.value === '') return null;
      const number = Number(input.value);
      return Number.isFinite(number) ? number : undefined;
    }
    case 'datetime': {
      const input = block.querySelector(named(name));
      return input && input.value ? localInputToRfc3339(input.value) : null;
    }
    case 'repeat':
      return readItems(block, field, name);
    default: {
      const input = block.querySelector(named(name));
      return input && input.value !== '' ? input.value : null;
    }
  }
}

export function readItems(block, field, name) {
  const repeat = block.querySelector(`[data-repeat="${CSS.escape(name)}"]`);
  if (!repeat) return null;
  const items = [];
  for (const [i, item] of [...repeat.querySelectorAll(':scope > .items > .item')].entries()) {
    const answers = {};
    for (const sub of Array.isArray(field.fields) ? field.fields : []) {
      const subBlock = item.querySelector(`:scope > [data-subfield="${CSS.escape(sub.id)}"]`);
      const value = subBlock ? readValue(subBlock, sub, `${name}[${i}].${sub.id}`) : null;
      if (value === undefined) return undefined;
      answers[sub.id] = value;
    }
    items.push(answers);
  }
  return items.length ? items : null;
}

function displayValue(field, value, lang) {
  if (value == null || value === '') return '—';
  if (typeof value === 'boolean') return t(lang, value ? 'yes' : 'no');
  const choices = choicesOf(field);
  const choiceLabel = (v) => choices.find((c) => String(c.value) === String(v))?.label ?? String(v);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? '' : choiceLabel(v))).filter(Boolean).join(', ');
  return choiceLabel(value);
}

const pad = (n) => String(n).padStart(2, '0');

/** `2026-11-20T14:30` typed in local time → RFC 3339 with this computer's offset. */
export function localInputToRfc3339(local) {
  const date = new Date(local); // a date-time without offset is local time
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:00`
    + `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** RFC 3339 (or a bare `YYYY-MM-DDTHH:MM`, already local) → a datetime-local value. */
export function rfc3339ToLocalInput(value) {
  if (typeof value !== 'string' || !value) return '';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  return msToLocalInput(new Date(value).getTime());
}

export function msToLocalInput(ms) {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
