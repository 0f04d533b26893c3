// The shipped server (dist/server.js --stdio) with nothing done for the test: no initialize, no answers
// to the server's own requests unless asked. For robustness tests that need what TestClient does for
// them (requests before initialize, a client that never answers workspace/configuration, a chosen
// environment, the child's RSS).
import { spawn, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import * as fs from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { clientCapabilities, SERVER } from './lspClient';

export interface RawServer {
  proc: ChildProcess;
  conn: ProtocolConnection;
  /** Everything the server wrote to stderr and every window/logMessage, in order. */
  logs: string[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** How many workspace/diagnostic/refresh requests the server sent. */
  refreshes(): number;
}

export interface RawOptions {
  env?: NodeJS.ProcessEnv;
  /** How to answer workspace/configuration: with these settings, or never (the promise stays pending). */
  configuration?: unknown | 'never';
  /** Flags for node before the server's script (e.g. --expose-gc, for the stats request's { collect: true }). */
  nodeArgs?: string[];
  /** How to answer window/workDoneProgress/create (default: at once). */
  progressCreate?: () => unknown;
}

export function spawnServer(options: RawOptions = {}): RawServer {
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const logs: string[] = [];
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  // A dead server makes writes fail; that is what some tests provoke.
  proc.stdin!.on('error', () => {});
  conn.onError(() => {});
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
    options.configuration === 'never' ? new Promise(() => {}) : p.items.map(() => options.configuration ?? {}),
  );
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => (options.progressCreate ? options.progressCreate() : null));
  let refreshes = 0;
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  conn.listen();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, conn, logs, stderr: () => err, exited, refreshes: () => refreshes };
}

export const CAPABILITIES: ClientCapabilities = clientCapabilities(true);

export async function initialize(s: RawServer, root: string, capabilities: ClientCapabilities = CAPABILITIES, initializationOptions?: unknown): Promise<void> {
  await s.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: URI.file(root).toString(),
    workspaceFolders: [{ uri: URI.file(root).toString(), name: 'site' }],
    capabilities,
    initializationOptions,
  });
  s.conn.sendNotification('initialized', {});
}

/** Polls `pred` until it holds (every 20 ms), failing after `ms`. */
export async function until(pred: () => boolean, what: string, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Ends the server: shutdown and exit when it still answers, else a kill. */
export async function stopServer(s: RawServer): Promise<void> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) {
    try {
      await Promise.race([s.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      s.conn.sendNotification('exit');
    } catch {
      // gone already
    }
    const t = setTimeout(() => s.proc.kill('SIGKILL'), 3000);
    await s.exited;
    clearTimeout(t);
  }
  release(s);
}

/**
 * Lets go of a server that has exited: the connection (which rejects what it will never answer) and
 * the pipes (a paused pipe that never reads to its end keeps the test process alive).
 */
export function release(s: RawServer): void {
  s.conn.dispose();
  for (const stream of [s.proc.stdin, s.proc.stdout, s.proc.stderr]) stream?.destroy();
}

/** Resident set size of a process, in kB, from /proc (Linux). */
export function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : 0;
}

/**
 * A safety net for the end of a test file: if the process is still alive 10 s after its last test
 * (something left a handle open), say what is open and exit, rather than hold up the whole run.
 */
export function exitWhenDone(): void {
  after(() => {
    setTimeout(() => {
      const p = process as unknown as { _getActiveHandles(): object[]; _getActiveRequests(): object[] };
      const name = (h: object): string =>
        h === process.stdout ? 'stdout' : h === process.stderr ? 'stderr' : h === process.stdin ? 'stdin' : `${h.constructor.name}${(h as { _handle?: { fd?: number } })._handle?.fd !== undefined ? ` fd ${(h as { _handle: { fd: number } })._handle.fd}` : ''}`;
      process.stderr.write(`still running 10 s after the last test; open handles: ${p._getActiveHandles().map(name).join(', ')}; requests: ${p._getActiveRequests().map(name).join(', ')}; resources: ${process.getActiveResourcesInfo().join(', ')}\n`);
      process.exit();
    }, 10_000).unref();
  });
}
