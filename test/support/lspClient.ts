// A real LSP client for protocol tests: spawns the shipped bundle (dist/server.js --stdio), answers the
// server's own requests, and records published diagnostics. Waits on messages, never on sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { StatusNotification } from '../../server/src/protocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

/** What a test client declares: VS Code's pull diagnostics, or push only (Neovim 0.7, eglot). */
export function clientCapabilities(pull: boolean): ClientCapabilities {
  return {
    textDocument: {
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      publishDiagnostics: { relatedInformation: true },
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
      hover: { contentFormat: ['markdown'] },
    },
    workspace: {
      configuration: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
      didChangeWatchedFiles: { dynamicRegistration: true },
      diagnostics: { refreshSupport: pull },
    },
    window: { workDoneProgress: true },
  };
}

export interface ClientOptions {
  /** Pull diagnostics (VS Code) or push only (Neovim 0.7, eglot). */
  pull: boolean;
  settings?: unknown;
  /** Sent as initializationOptions (VS Code's client sends { editorListsHeadings, includeLinks }). */
  initializationOptions?: Record<string, unknown>;
  /** The server command with its arguments and folder (default: node dist/server.js --stdio). */
  command?: { cmd: string; args: string[]; cwd?: string };
}

export class TestClient {
  readonly conn: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** How many workspace/configuration requests the server has had answered. */
  configurationAnswers = 0;
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  stderr = '';

  private constructor(readonly proc: ChildProcess, readonly root: string, readonly options: ClientOptions) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationAnswers++;
      this.notify();
      return p.items.map(() => options.settings ?? {});
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.notify();
      return null;
    });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      this.notify();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    this.conn.onNotification(StatusNotification, (params) => {
      this.notifications.push({ method: StatusNotification.method, params });
      this.notify();
    });
    this.conn.listen();
  }

  static async start(root: string, options: ClientOptions = { pull: true }): Promise<TestClient> {
    const cmd = options.command ?? { cmd: process.execPath, args: [SERVER, '--stdio'] };
    const proc = spawn(cmd.cmd, cmd.args, { cwd: cmd.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const c = new TestClient(proc, root, options);
    const capabilities = clientCapabilities(options.pull);
    await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: 'site' }],
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    c.conn.sendNotification('initialized', {});
    await c.waitFor(() => c.logs.some((l) => l.startsWith('Index ready')), 'index ready');
    return c;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `pred` holds, re-checking whenever a message arrives; fails after `ms`. */
  async waitFor(pred: () => boolean, what: string, ms = 15000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200).unref();
      });
    }
  }

  uri(rel: string): string {
    return URI.file(path.join(this.root, rel)).toString();
  }

  open(rel: string, text: string): string {
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  change(uri: string, text: string): void {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Diagnostics as the client would show them: pulled, or the latest pushed. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    if (this.options.pull) {
      const r = (await this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
      return r.items;
    }
    await this.waitFor(() => this.published.has(uri), `diagnostics for ${uri}`);
    return this.published.get(uri)!.diagnostics;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}

/** The position of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
