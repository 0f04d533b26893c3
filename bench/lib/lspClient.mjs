// A minimal LSP client for the benchmark: spawns `node dist/server.js --stdio`, answers the server's own
// requests, records log messages and pushed diagnostics, and waits on messages rather than sleeping.
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

export class BenchClient {
  /**
   * @param {{ pull: boolean, nodeArgs?: string[] }} options pull diagnostics (VS Code) or push only
   *   (Neovim 0.7, eglot); nodeArgs go to node before the script (e.g. --cpu-prof)
   */
  constructor(serverJs, root, options) {
    this.root = root;
    this.options = options;
    this.proc = spawn(process.execPath, [...(options.nodeArgs ?? []), serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 50_000) this.stderr += d;
    });
    this.logs = [];
    /** uri -> number of publishDiagnostics received, and the latest */
    this.pushCount = new Map();
    this.pushed = new Map();
    this.waiters = [];
    this.versions = new Map();
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.pushCount.set(p.uri, (this.pushCount.get(p.uri) ?? 0) + 1);
      this.pushed.set(p.uri, p);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p) => {
      this.logs.push({ at: performance.now(), message: p.message });
      this.wake();
    });
    this.conn.onNotification(() => {});
    this.conn.listen();
  }

  get pid() {
    return this.proc.pid;
  }

  /** Sends initialize + initialized; resolves when the server logs "Index ready in N ms". */
  async initialize(timeoutMs = 120_000) {
    const uri = URI.file(this.root).toString();
    const capabilities = {
      textDocument: {
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: { relatedInformation: true },
        synchronization: { didSave: true, dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        hover: { contentFormat: ['markdown'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      },
      workspace: {
        configuration: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: this.options.pull },
      },
      window: { workDoneProgress: true },
    };
    const t0 = performance.now();
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'site' }],
      capabilities,
    });
    const tInit = performance.now();
    this.conn.sendNotification('initialized', {});
    const ready = await this.waitFor(() => this.logs.find((l) => l.message.startsWith('Index ready')), 'Index ready', timeoutMs);
    const serverMs = Number(/Index ready in (\d+)/.exec(ready.message)?.[1]);
    this.t0 = t0;
    return { clientMs: ready.at - t0, initializeMs: tInit - t0, serverMs };
  }

  /**
   * Resolves when the whole index is complete: the server's "Indexed N files" line, which a two-pass
   * server logs after its second pass (the outlines and links of every page) and a one-pass server
   * before "Index ready". The time is since initialize.
   */
  async complete(timeoutMs = 120_000) {
    const line = await this.waitFor(() => this.logs.find((l) => l.message.startsWith('Indexed ')), 'the index to complete', timeoutMs);
    return { clientMs: line.at - this.t0 };
  }

  wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves with the first truthy value of `pred()`, re-checked on every incoming message. */
  async waitFor(pred, what, ms = 15_000) {
    const deadline = performance.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; server stderr: ${this.stderr.slice(-1000)}`);
      await new Promise((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }

  uri(file) {
    return URI.file(file).toString();
  }

  open(file, text) {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  /** An incremental change, as editors send while typing. */
  change(uri, range, text) {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
  }

  request(method, params) {
    return this.conn.sendRequest(method, params);
  }

  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await new Promise((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 5000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}
