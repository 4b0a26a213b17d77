// The DOM helpers every page shares: the console's, the dashboard's and the access pages'.
// Served by the kernel at /static/kernel/dom.js and imported by each page's own modules.

/** `document.getElementById`, short because the pages use it everywhere. */
export const byId = (id) => document.getElementById(id);

/**
 * Creates an element. Props: `class`, `text` (textContent), `dataset`, `on<event>` handlers,
 * anything else as an attribute (`true` for a boolean attribute, null/false to omit it).
 * Children are nodes or strings (always inserted as text, never parsed as HTML), or
 * arrays of them, at any depth; null and false are skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
