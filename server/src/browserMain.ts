// Entry point of the language server in VS Code for the web (dist/web/server.js): a web worker that the
// client starts from a blob. The same server as main.ts, over postMessage, on the file system the client
// streams to it (util/streamedFileSystem.ts; the handover is in protocol/ and webProtocol.ts):
//   1. the client lists the workspace's files; the worker reads the sites' set-up (Hugo config, the
//      shortcode templates, the glossaries), asking for those files first, round by round until a round
//      needs nothing new;
//   2. the index is then ready from the file list (default URLs); every check of an open page runs, and
//      what it needs that has not arrived (its includes, the pages its links and term tables point at)
//      is asked for first — that check answers once those have arrived, never with a false "not found";
//   3. then the client streams the rest; each batch updates the index and the open pages' checks, and
//      the "not found" verdicts of links come when every page's front matter is in.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { diagnose } from './features/diagnostics';
import { initializeFirst } from './lsp/order';
import { startServer, type RunningServer } from './server';
import { setUpSites } from './index/streamedSetUp';
import type { WorkspaceIndex } from './index/workspace';
import type { FeatureSettings } from './features/settings';
import { StreamedFileSystem } from './util/streamedFileSystem';
import { FileContentsNotification, FilesDeletedNotification, ListFilesNotification, ReadAllNotification, WantFilesNotification } from './protocol';
import { pathOfUri, uriOfPath } from './webProtocol';

declare const self: DedicatedWorkerGlobalScopeLike;
interface DedicatedWorkerGlobalScopeLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}

// The engine yields to the event loop with setImmediate, which a worker lacks: a message to itself
// runs next without the clamped delay of setTimeout.
const global = globalThis as { setImmediate?: (fn: (...args: unknown[]) => void, ...args: unknown[]) => void };
if (typeof global.setImmediate !== 'function') {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queue.shift()?.();
  global.setImmediate = (fn, ...args) => {
    queue.push(() => fn(...args));
    channel.port2.postMessage(0);
  };
}

const order = initializeFirst();
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self as never), new BrowserMessageWriter(self as never), order);

// Files the engine tried to read before they arrived: asked for in one message per turn.
const asked = new Set<string>();
let toAsk: string[] = [];
const flushWants = (): void => {
  if (toAsk.length === 0) return;
  const uris = toAsk.map((f) => uriOfPath(f).toString());
  toAsk = [];
  void connection.sendNotification(WantFilesNotification, { uris });
};
// The index's first pass reads every page, pending or not: those reads are not wants (the rest of the
// site streams in listing order after what the open pages need).
let firstPass = false;
const fs = new StreamedFileSystem((file) => {
  if (firstPass || asked.has(file)) return;
  asked.add(file);
  if (toAsk.push(file) === 1) queueMicrotask(flushWants);
});

let listed!: () => void;
const fileList = new Promise<void>((resolve) => (listed = resolve));
let ready = false;
let early: { file: string; kind: 'created' | 'changed' | 'deleted' | 'arrived' }[] = [];
/** The server's index (handed over by beforeIndex), for the open pages' first checks. */
let indexRef: WorkspaceIndex<FeatureSettings> | undefined;

const server: RunningServer = startServer(connection, fs, {
  toPath: (uri) => pathOfUri(uri),
  toUri: (file) => uriOfPath(file).toString(),
  // vscode-vfs, vscode-remote, the Web IDE's scheme: page moves of any of them.
  fileScheme: null,
  beforeIndex: async (index) => {
    indexRef = index;
    await fileList;
    // The sites' set-up (config, templates, glossaries) first; what it asks for goes out now.
    const setUp = setUpSites(index, fs);
    flushWants();
    await setUp;
    ready = false;
    firstPass = true;
  },
  afterReady: () => {
    ready = true;
    firstPass = false;
    const index = indexRef!;
    // What arrived while the first pass ran and was still pending for it (the set-up files were
    // read by the rounds above and are not changes).
    const changes = early.filter((c) => c.kind === 'deleted' || index.factsOf(c.file)?.pending);
    early = [];
    queueMicrotask(() => {
      if (changes.length) server.filesChanged(changes);
      readAllWhenSettled();
    });
  },
}, order);

/**
 * The open pages' checks first: they run now and ask for what they need (their includes, the pages their
 * links and tables point at, and what those include); the rest of the site is asked for once no check of
 * an open page waits for a file any more — then it streams without delaying them.
 */
let readAllSent = false;
function readAllWhenSettled(): void {
  const index = indexRef;
  if (readAllSent || !ready || !index) return;
  let waiting = false;
  for (const f of index.openFiles()) if (index.whilePending(() => diagnose(index, f)).pending) waiting = true;
  flushWants();
  if (waiting) return;
  readAllSent = true;
  void connection.sendNotification(ReadAllNotification);
}

connection.onNotification(ListFilesNotification, (params) => {
  fs.list(params.files.map((f) => ({ path: pathOfUri(f.uri), size: f.size, mtimeMs: f.mtimeMs, onDemand: f.onDemand })));
  listed();
});

connection.onNotification(FileContentsNotification, (params) => {
  const changes = params.files.map((f) => {
    const file = pathOfUri(f.uri);
    fs.put(file, f.text, f.size);
    asked.delete(file);
    return { file, kind: params.kind === 'read' ? ('arrived' as const) : params.kind };
  });
  // Before the index is ready its first pass reads whatever has arrived; after, each arrival updates it.
  if (ready) server.filesChanged(changes);
  else early.push(...changes);
  readAllWhenSettled();
});

connection.onNotification(FilesDeletedNotification, (params) => {
  const changes = params.uris.map((u) => {
    const file = pathOfUri(u);
    fs.remove(file);
    return { file, kind: 'deleted' as const };
  });
  if (ready) server.filesChanged(changes);
  else early.push(...changes);
});
