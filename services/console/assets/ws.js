// The console WebSocket client (PROTOCOL.md, version 1): requests answered by `ack` or
// `error`, pushes dispatched by type, reconnection with backoff, heartbeats.
//
// Nothing here logs or stores message contents: they carry citizen data.

const PROTOCOL = 1;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
// After this many failed attempts in a row, check whether the session is still valid: an
// expired session makes the upgrade fail with 401, which the browser does not tell us.
const FAILURES_BEFORE_SESSION_CHECK = 3;

/** The rejection value for requests that could not get a reply from the server. */
function disconnected() {
  return { type: 'error', code: 'disconnected', message: 'connection lost' };
}

export class ConsoleSocket {
  constructor() {
    this.handlers = new Map(); // push type (or 'connection') -> [handler]
    this.pending = new Map(); // request id -> {resolve, reject}
    this.counter = 0;
    this.socket = null;
    this.delay = FIRST_DELAY_MS;
    this.failures = 0;
    this.heartbeatTimer = null;
    this.heartbeatPending = false;
    this.reconnectTimer = null;
    this.stopped = false;
    // connecting (first time) | connected (welcome received) | reconnecting | signed_out
    this.connection = 'connecting';
  }

  /** Registers a handler for a push type (`welcome`, `state`, …) or for `connection`. */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(handler);
    return this;
  }

  emit(type, payload) {
    for (const handler of this.handlers.get(type) || []) handler(payload);
  }

  setConnection(state) {
    if (this.connection === state) return;
    this.connection = state;
    this.emit('connection', state);
  }

  start() {
    this.connect();
    return this;
  }

  connect() {
    this.reconnectTimer = null;
    if (this.stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/console/ws`;
    let socket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.addEventListener('message', (event) => this.receive(event.data));
    // 'error' is always followed by 'close', which does the cleaning up.
    socket.addEventListener('close', () => this.closed(socket));
  }

  receive(data) {
    if (typeof data !== 'string') return;
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    if (msg.re != null) {
      this.settle(msg);
      return;
    }
    if (msg.type === 'welcome') this.welcomed(msg);
    this.emit(msg.type, msg);
  }

  settle(msg) {
    const waiter = this.pending.get(msg.re);
    if (!waiter) return;
    this.pending.delete(msg.re);
    if (msg.type === 'ack') waiter.resolve(msg);
    else waiter.reject(msg);
  }

  welcomed(msg) {
    this.delay = FIRST_DELAY_MS;
    this.failures = 0;
    this.startHeartbeat(Number(msg.heartbeat_ms) || 20000);
    this.setConnection('connected');
  }

  closed(socket) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.stopHeartbeat();
    for (const waiter of this.pending.values()) waiter.reject(disconnected());
    this.pending.clear();
    if (this.stopped) return;
    this.setConnection(this.connection === 'connecting' ? 'connecting' : 'reconnecting');
    this.failures += 1;
    if (this.failures % FAILURES_BEFORE_SESSION_CHECK === 0) this.checkSession();
    this.retry();
  }

  retry() {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  async checkSession() {
    try {
      const answer = await fetch('/api/v1/me', { credentials: 'same-origin' });
      if (answer.status === 401) {
        this.stopped = true;
        clearTimeout(this.reconnectTimer);
        this.setConnection('signed_out');
      }
    } catch {
      // The network is down: keep retrying.
    }
  }

  /**
   * The heartbeat keeps the held order's lease, and also tells a dead connection (no close
   * event, e.g. after a network change) from a quiet one: a heartbeat still unanswered when
   * the next is due closes the socket, which reconnects.
   */
  startHeartbeat(everyMs) {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      if (this.heartbeatPending) {
        this.socket?.close();
        return;
      }
      this.heartbeatPending = true;
      const done = () => {
        this.heartbeatPending = false;
      };
      // Any reply, even an error, proves the connection alive.
      this.request('heartbeat').then(done, done);
    }, Math.max(1000, everyMs));
  }

  stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.heartbeatPending = false;
  }

  /**
   * Sends a request; resolves with the `ack`, rejects with the `error` message (or a
   * `disconnected` one when there is no connection or it drops before the reply). Requests
   * are never queued while offline: the caller shows at once that nothing was saved.
   */
  request(type, args = {}) {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(disconnected());
    this.counter += 1;
    const id = `c${this.counter}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        socket.send(JSON.stringify({ ...args, v: PROTOCOL, id, type }));
      } catch {
        this.pending.delete(id);
        reject(disconnected());
      }
    });
  }
}
