// Browser stand-ins for the Node built-ins VS Code's Markdown extension bundle names (see build.js).
// Only what its modules touch while loading, rendering and starting its language server is here; the
// rest (telemetry over https, sockets) throws when called, as it would have nothing to talk to.
'use strict';
/* global MARKDOWN_SERVER_WORKER_SOURCE */
const unavailable = (what) => () => {
  throw new Error(`${what} is not available in the browser's web worker extension host`);
};

/** The little of Node's EventEmitter that the language client's process handling uses. */
class Emitter {
  constructor() {
    this.listeners = new Map();
  }
  on(event, fn) {
    if (!this.listeners.has(event)) this.listeners.set(event, []);
    this.listeners.get(event).push(fn);
    return this;
  }
  once(event, fn) {
    const once = (...args) => {
      this.off(event, once);
      fn(...args);
    };
    return this.on(event, once);
  }
  off(event, fn) {
    const list = this.listeners.get(event);
    if (list) this.listeners.set(event, list.filter((f) => f !== fn));
    return this;
  }
  emit(event, ...args) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
    return true;
  }
}
Emitter.prototype.addListener = Emitter.prototype.on;
Emitter.prototype.removeListener = Emitter.prototype.off;

/**
 * child_process.fork of the language server (transport ipc): the server's browser build in a Web
 * Worker, made from a Blob (a worker host cannot start workers from extension URLs), behind the
 * process-like object the client reads (`on('message')`) and writes (`send`) JSON-RPC messages through.
 */
function fork() {
  const worker = new Worker(URL.createObjectURL(new Blob([MARKDOWN_SERVER_WORKER_SOURCE], { type: 'text/javascript' })));
  // The server's worker takes its first message as its set-up (where its translations are; none: English).
  worker.postMessage({ i10lLocation: undefined });
  const child = new Emitter();
  Object.assign(child, { pid: 1, connected: true, stdin: new Emitter(), stdout: new Emitter(), stderr: new Emitter() });
  child.send = (message, ...rest) => {
    worker.postMessage(message);
    const done = rest.find((r) => typeof r === 'function');
    if (done) done(null);
    return true;
  };
  worker.onmessage = (event) => child.emit('message', event.data);
  worker.onerror = (event) => child.emit('error', new Error(event.message));
  child.kill = () => {
    worker.terminate();
    child.connected = false;
    child.emit('exit', 0, null);
    child.emit('close', 0, null);
    return true;
  };
  return child;
}

module.exports = {
  // process
  env: {},
  platform: 'linux',
  argv: [],
  execArgv: [],
  pid: 0,
  versions: {},
  cwd: () => '/',
  on: () => undefined,
  once: () => undefined,
  kill: () => true,
  emitWarning: (w) => console.warn(w),
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  // os
  tmpdir: () => '/tmp',
  homedir: () => '/',
  EOL: '\n',
  release: () => '',
  arch: () => 'wasm',
  type: () => 'Browser',
  // util
  TextEncoder,
  TextDecoder,
  inherits: (ctor, parent) => Object.setPrototypeOf(ctor.prototype, parent.prototype),
  format: (...args) => args.map(String).join(' '),
  inspect: (v) => String(v),
  promisify: (fn) => (...args) => new Promise((resolve, reject) => fn(...args, (err, value) => (err ? reject(err) : resolve(value)))),
  types: {},
  // child_process
  fork,
  spawn: unavailable('child_process.spawn'),
  exec: unavailable('child_process.exec'),
  // fs: the client checks that a working folder exists; there is none to give
  existsSync: () => false,
  lstat: (_path, done) => done(new Error('no file system')),
  stat: (_path, done) => done(new Error('no file system')),
  readFileSync: unavailable('fs.readFileSync'),
  // net, https, crypto
  createServer: unavailable('net.createServer'),
  createConnection: unavailable('net.createConnection'),
  request: unavailable('https.request'),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
  randomUUID: () => crypto.randomUUID(),
};
