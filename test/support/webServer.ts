// The web worker language server (the shipped dist/web/server.js, in a worker thread: webWorker.cjs)
// with the web client's own reader (client/src/fileFeed.ts) over a slow file system double: what
// VS Code for the web does, without the browser. The client side speaks JSON-RPC objects over the
// thread's port, as the extension host does over the Web Worker's; it answers the server's requests
// and feeds files as client/src/browser.ts does. Used by test/protocol/webWorker.test.ts and the
// slow-file-system benchmark (bench/web.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { FileFeed } from '../../client/src/fileFeed';
import { FileContentsNotification, ListFilesNotification, ReadAllNotification, WantFilesNotification, type WantFilesParams } from '../../server/src/protocol';
import { SlowFileSystem } from './slowFs';

// Resolved through require: __dirname is not this folder when an ES module (the bench) imports this one.
const SHIM = require.resolve('./webWorker.cjs');
const REPO = path.resolve(path.dirname(SHIM), '..', '..');

export interface PublishedDiagnostics {
  at: number;
  diagnostics: { code?: string | number; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

export interface WebServerOptions {
  /** The site folder (on disk; read only through the slow double). */
  site: string;
  /** The page open in the editor, relative to the site. */
  open: string;
  /** Added to every read, in ms. */
  delayMs: number;
  concurrency?: number;
}

export class WebServer {
  readonly worker: Worker;
  readonly slow: SlowFileSystem;
  readonly feed: FileFeed;
  readonly started = performance.now();
  /** Every push of the open page's diagnostics. */
  readonly published: PublishedDiagnostics[] = [];
  /** Files the server asked for before it said "read the rest". */
  readonly wantedFirst: string[] = [];
  readAllAt: number | undefined;
  firstWantAt: number | undefined;
  listAt: number | undefined;
  indexedAt: number | undefined;
  readonly logs: string[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly files: string[];
  readonly openUri: string;
  private indexedWaiters: (() => void)[] = [];

  constructor(readonly opts: WebServerOptions) {
    this.files = listFiles(opts.site);
    this.openUri = URI.file(path.join(opts.site, opts.open)).toString();
    this.slow = new SlowFileSystem((uri) => fs.promises.readFile(URI.parse(uri).fsPath, 'utf8').catch(() => undefined), opts.delayMs);
    this.feed = new FileFeed({
      concurrency: opts.concurrency ?? 8,
      read: (uri) => this.slow.read(uri),
      deliver: (batch) => this.notify(FileContentsNotification.method, { kind: 'read', files: batch.map((b) => ({ uri: b.file, text: b.text })) }),
    });
    this.worker = new Worker(SHIM, { workerData: { bundle: path.join(REPO, 'dist', 'web', 'server.js') } });
    this.worker.on('message', (m: Message) => this.onMessage(m));
  }

  private onMessage(m: Message): void {
    if (m.id !== undefined && m.method === undefined) {
      const w = this.waiting.get(Number(m.id));
      this.waiting.delete(Number(m.id));
      if (m.error) w?.reject(new Error(m.error.message));
      else w?.resolve(m.result);
      return;
    }
    if (m.id !== undefined) {
      // A request from the server: configuration, progress, registrations, refreshes.
      const result = m.method === 'workspace/configuration' ? (m.params as { items: unknown[] }).items.map(() => ({})) : null;
      this.worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
      return;
    }
    switch (m.method) {
      case WantFilesNotification.method: {
        const uris = (m.params as WantFilesParams).uris;
        if (this.readAllAt === undefined) this.wantedFirst.push(...uris);
        this.firstWantAt ??= performance.now() - this.started;
        this.feed.prioritize(uris);
        break;
      }
      case ReadAllNotification.method:
        this.readAllAt = performance.now();
        this.feed.enqueue(this.files.filter((u) => /\.(md|markdown)$/i.test(u)));
        break;
      case 'textDocument/publishDiagnostics': {
        const p = m.params as { uri: string; diagnostics: PublishedDiagnostics['diagnostics'] };
        if (p.uri === this.openUri) this.published.push({ at: performance.now() - this.started, diagnostics: p.diagnostics });
        break;
      }
      case 'window/logMessage': {
        const message = (m.params as { message: string }).message;
        this.logs.push(message);
        if (message.startsWith('Index complete')) {
          this.indexedAt = performance.now() - this.started;
          for (const w of this.indexedWaiters.splice(0)) w();
        }
        break;
      }
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.worker.postMessage({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  notify(method: string, params?: unknown): void {
    this.worker.postMessage({ jsonrpc: '2.0', method, params });
  }

  /** initialize, initialized, the file list, the open page: what the web client does at start. */
  async start(): Promise<void> {
    const folder = URI.file(this.opts.site).toString();
    await this.request('initialize', {
      processId: null,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(this.opts.site) }],
      capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, window: { workDoneProgress: true } },
    });
    this.notify('initialized', {});
    this.listAt = performance.now() - this.started;
    this.notify(ListFilesNotification.method, { files: this.files.map((uri) => ({ uri, size: 0, mtimeMs: 0, onDemand: !/\.(md|markdown)$/i.test(uri) })) });
    const text = fs.readFileSync(path.join(this.opts.site, this.opts.open), 'utf8');
    this.notify('textDocument/didOpen', { textDocument: { uri: this.openUri, languageId: 'markdown', version: 1, text } });
  }

  /** Resolves when the whole site is indexed (every file arrived, the second pass done). */
  whenIndexed(): Promise<void> {
    if (this.indexedAt !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.indexedWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.feed.cancel();
    await this.worker.terminate();
  }
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** Every file of the site as a file: URI, as the web client lists it (no symbolic links, no .git). */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isSymbolicLink() || e.name === '.git' || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(URI.file(p).toString());
    }
  };
  walk(dir);
  return out;
}
