// The public verification page (/verify): a code pasted or typed by a scanner is checked
// here, in the browser, with the keys the page was served with (pinned in its HTML): base45,
// zlib (DecompressionStream), CBOR, then the COSE_Sign1 signature with WebCrypto's Ed25519.
// Nothing is sent anywhere to say whether it is valid; only the revocation status is asked
// of the server, by the document's id, and only when the browser is online.

const page = document.getElementById('verify');
const texts = JSON.parse(page.dataset.texts || '{}');
const keys = JSON.parse(page.dataset.keys || '{"keys":[]}').keys || [];
const t = (key, vars = {}) => String(texts[`pages-verify-${key.replace(/_/g, '-')}`] ?? key)
  .replace(/\{ ?\$(\w+) ?\}/g, (_, name) => String(vars[name] ?? ''));

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function base45(text) {
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const chunk = [...text.slice(i, i + 3)].map((c) => ALPHABET.indexOf(c));
    if (chunk.some((v) => v < 0)) throw new Error('base45');
    const n = chunk.reduce((sum, v, j) => sum + v * 45 ** j, 0);
    if (chunk.length === 3) {
      if (n > 0xffff) throw new Error('base45');
      out.push(n >> 8, n & 0xff);
    } else {
      if (n > 0xff) throw new Error('base45');
      out.push(n);
    }
  }
  return new Uint8Array(out);
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A minimal CBOR reader: what a COSE_Sign1 and our claims use. */
function cbor(bytes) {
  let at = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = (info) => {
    if (info < 24) return info;
    if (info === 24) return bytes[at++];
    if (info === 25) { const v = view.getUint16(at); at += 2; return v; }
    if (info === 26) { const v = view.getUint32(at); at += 4; return v; }
    if (info === 27) { const v = Number(view.getBigUint64(at)); at += 8; return v; }
    throw new Error('cbor length');
  };
  const item = (depth) => {
    if (depth > 16 || at >= bytes.length) throw new Error('cbor');
    const head = bytes[at++];
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22 || info === 23) return null;
      throw new Error('cbor simple');
    }
    const n = length(info);
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: { const v = bytes.slice(at, at + n); at += n; return v; }
      case 3: { const v = new TextDecoder().decode(bytes.slice(at, at + n)); at += n; return v; }
      case 4: return Array.from({ length: n }, () => item(depth + 1));
      case 5: {
        const map = new Map();
        for (let i = 0; i < n; i++) { const k = item(depth + 1); map.set(k, item(depth + 1)); }
        return map;
      }
      case 6: return { tag: n, value: item(depth + 1) };
      default: throw new Error('cbor');
    }
  };
  const value = item(0);
  return value;
}

/** CBOR of ["Signature1", protected, h'', payload]: what the signature covers. */
function sigStructure(protectedBytes, payload) {
  const head = (major, n) => (n < 24 ? [(major << 5) | n]
    : n < 256 ? [(major << 5) | 24, n]
      : n < 65536 ? [(major << 5) | 25, n >> 8, n & 0xff]
        : [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const bstr = (b) => [...head(2, b.length), ...b];
  const context = new TextEncoder().encode('Signature1');
  return new Uint8Array([...head(4, 4), ...head(3, context.length), ...context,
    ...bstr(protectedBytes), ...bstr(new Uint8Array(0)), ...bstr(payload)]);
}

const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The claims of a valid code, or throws with the reason's text key. */
async function check(code) {
  const text = code.trim();
  if (!text.startsWith('TC1:')) throw new Error('not_ours');
  let message;
  try {
    message = cbor(await inflate(base45(text.slice(4))));
  } catch {
    throw new Error('unreadable');
  }
  const parts = message && message.tag === 18 ? message.value : message;
  if (!Array.isArray(parts) || parts.length !== 4) throw new Error('unreadable');
  const [protectedBytes, , payload, signature] = parts;
  const header = cbor(protectedBytes);
  const kid = header instanceof Map && header.get(4) instanceof Uint8Array ? b64url(header.get(4)) : '';
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk || header.get(1) !== -8) throw new Error('unknown_key');
  const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, sigStructure(protectedBytes, payload));
  if (!ok) throw new Error('bad_signature');
  const claims = cbor(payload);
  if (!(claims instanceof Map)) throw new Error('unreadable');
  return Object.fromEntries(claims);
}

function show(state, lines) {
  const box = document.getElementById('verdict');
  box.dataset.state = state;
  box.hidden = false;
  // The verdict is what the checker came for: bring it into view.
  box.scrollIntoView({ block: 'center' });
  document.getElementById('verdict-title').textContent = t(`state_${state}`);
  const list = document.getElementById('verdict-facts');
  list.replaceChildren();
  for (const [label, value] of lines) {
    const dt = document.createElement('dt');
    dt.textContent = t(label);
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
}

async function onSubmit(event) {
  event.preventDefault();
  const code = document.getElementById('code').value;
  const note = document.getElementById('revocation');
  note.textContent = '';
  let claims;
  try {
    claims = await check(code);
  } catch (error) {
    show('invalid', [['reason', t(`why_${error.message}`)]]);
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  const state = claims.until < today ? 'expired' : claims.from > today ? 'not_yet' : 'valid';
  show(state, [
    ['holder', claims.name], ['birth_date', claims.dob || '—'], ['kind', t(`kind_${claims.kind}`)],
    ['period', `${claims.from} → ${claims.until}`], ['issuer', claims.iss], ['document', claims.id],
  ]);
  if (!navigator.onLine) {
    note.textContent = t('revocation_offline');
    return;
  }
  try {
    const answer = await fetch(`/api/v1/documents/${encodeURIComponent(claims.id)}/status`, { headers: { Accept: 'application/json' } });
    const body = await answer.json();
    if (body.state === 'revoked') show('revoked', [['holder', claims.name], ['document', claims.id]]);
    else note.textContent = t('revocation_checked');
  } catch {
    note.textContent = t('revocation_offline');
  }
}

document.getElementById('verify-form').addEventListener('submit', onSubmit);
