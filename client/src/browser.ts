// The VS Code for the web entry of the extension (dist/web/client.js, the package's `browser`): the
// language server runs in a web worker (dist/web/server.js) and has no disk, so this client is its
// file system. It lists the workspace folders with `vscode.workspace.fs.readDirectory` (findFiles is
// unreliable on virtual file systems), sends the list, then streams the files' contents through a
// FileFeed — at most 8 reads in flight, what the worker asks for first, progress in the status bar,
// a click there pauses and resumes — and passes on the changes the editor sees. Only the workspace
// folders are listed, and no symbolic link: nothing outside them can be read. The rest (status item,
// commands, restarts) is the desktop client's own code (extension.ts).
import * as vscode from 'vscode';
import { type BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateWith, deactivate as stopClient } from './extension';
import { FileFeed } from './fileFeed';
import {
  FILE_CONTENTS,
  FILES_DELETED,
  LIST_FILES,
  READ_ALL,
  uriOfPath,
  WANT_FILES,
  type FileContentsParams,
  type WantFilesParams,
} from '../../server/src/webProtocol';

/** The web worker constructor of the extension host (the project's TypeScript lib has no DOM). */
declare const Worker: { new (url: string, options?: { name?: string }): Worker };
type Worker = ConstructorParameters<typeof LanguageClient>[2] extends infer S ? Exclude<S, () => unknown> : never;

/** Folders that are never part of a site (as the server's site search skips them). */
const SKIP_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const MARKDOWN = /\.(md|markdown)$/i;
const READS_IN_FLIGHT = 8;

let feeding: SiteFeed | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ReturnType<typeof activateWith>> {
  const serverUri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const progress = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 9);
  progress.name = 'Hugo Handbook: reading files';
  progress.command = 'handbook.toggleReading';
  context.subscriptions.push(
    progress,
    vscode.commands.registerCommand('handbook.toggleReading', () => feeding?.toggle()),
    { dispose: () => feeding?.stop() },
  );
  const schemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))];
  return activateWith(context, {
    createClient: (options) => new LanguageClient('handbook', 'Hugo Handbook', () => startWorker(serverUri), options),
    documentSelector: (schemes.length ? schemes : ['file']).map((scheme) => ({ scheme, language: 'markdown' })),
    uriOf: (file) => vscode.Uri.parse(uriOfPath(file).toString()),
    // A new worker (the first start, or a restart) knows no file: list and stream them again.
    started: (client) => {
      feeding?.stop();
      feeding = new SiteFeed(client, progress);
      void feeding.start();
    },
  });
}

export async function deactivate(): Promise<void> {
  feeding?.stop();
  await stopClient();
}

/**
 * `new Worker(<extension URI>)` is refused for remote extensions; the bundle's text in a blob is not.
 * The extension host loads it as a classic script (the bundle is an iife). The transports are made
 * here: the host's Worker is its own wrapper, which the library's `instanceof Worker` does not know.
 */
async function startWorker(serverUri: vscode.Uri): Promise<MessageTransports> {
  let source: string;
  try {
    const response = await fetch(serverUri.toString(true));
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    source = await response.text();
  } catch {
    source = new TextDecoder().decode(await vscode.workspace.fs.readFile(serverUri));
  }
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'Hugo Handbook language server' });
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

/** One worker's feed: the list, the contents, and the changes after. */
class SiteFeed {
  private feed: FileFeed | undefined;
  private readonly listed = new Set<string>();
  private readonly done = new Set<string>();
  private readAll = false;
  private paused = false;
  private stopped = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly status: vscode.StatusBarItem,
  ) {}

  async start(): Promise<void> {
    this.disposables.push(
      this.client.onNotification(WANT_FILES, (p: WantFilesParams) => this.feed?.prioritize(p.uris.map((u) => vscode.Uri.parse(u).toString()))),
      this.client.onNotification(READ_ALL, () => {
        this.readAll = true;
        this.feed?.enqueue([...this.listed].filter((u) => MARKDOWN.test(u)));
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.changed(uri, 'created')),
      watcher.onDidChange((uri) => this.changed(uri, 'changed')),
      watcher.onDidDelete((uri) => this.deleted(uri)),
    );
    const files = await listFiles((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri));
    if (this.stopped) return;
    for (const f of files) this.listed.add(f.toString());
    this.newFeed();
    // Markdown is streamed; the rest (config, templates, data, static files) is read when asked for.
    await this.client.sendNotification(LIST_FILES, { files: [...this.listed].map((uri) => ({ uri, size: 0, mtimeMs: 0, onDemand: !MARKDOWN.test(uri) })) });
    this.show();
  }

  private newFeed(): void {
    this.feed?.cancel();
    this.feed = new FileFeed({
      concurrency: READS_IN_FLIGHT,
      read: (uri) => this.readText(vscode.Uri.parse(uri)),
      deliver: (batch) => {
        for (const b of batch) this.done.add(b.file);
        const params: FileContentsParams = { kind: 'read', files: batch.map((b) => ({ uri: b.file, text: b.text })) };
        void this.client.sendNotification(FILE_CONTENTS, params);
      },
      onProgress: () => this.show(),
    });
  }

  private async readText(uri: vscode.Uri): Promise<string | null> {
    try {
      return this.decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  }

  /** Pauses the reading (nothing new is started; checks that need the rest keep waiting) or resumes it. */
  toggle(): void {
    if (this.paused) {
      this.paused = false;
      this.newFeed();
      if (this.readAll) this.feed!.enqueue([...this.listed].filter((u) => MARKDOWN.test(u) && !this.done.has(u)));
    } else {
      this.paused = true;
      this.feed?.cancel();
    }
    this.show();
  }

  private show(): void {
    const total = [...this.listed].filter((u) => MARKDOWN.test(u)).length;
    const read = [...this.done].filter((u) => MARKDOWN.test(u)).length;
    if (this.stopped || (read >= total && !this.paused)) {
      this.status.hide();
      return;
    }
    this.status.text = this.paused ? `$(debug-pause) Handbook: read ${read}/${total} files` : `$(sync~spin) Handbook: reading ${read}/${total} files`;
    this.status.tooltip = this.paused
      ? 'Reading the site is paused: checks that need the files not read yet wait. Click to resume.'
      : 'Reading the site through the editor: the open pages and what they need first. Click to pause.';
    this.status.show();
  }

  private async changed(uri: vscode.Uri, kind: 'created' | 'changed'): Promise<void> {
    if (!this.inWorkspace(uri)) return;
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return;
    }
    if (stat.type & vscode.FileType.SymbolicLink) return;
    if (stat.type & vscode.FileType.Directory) {
      if (kind === 'created') for (const f of await listFiles([uri])) await this.changed(f, 'created');
      return;
    }
    this.listed.add(uri.toString());
    const text = await this.readText(uri);
    this.done.add(uri.toString());
    if (this.stopped) return;
    await this.client.sendNotification(FILE_CONTENTS, { kind, files: [{ uri: uri.toString(), text }] } satisfies FileContentsParams);
  }

  private async deleted(uri: vscode.Uri): Promise<void> {
    const prefix = uri.toString();
    const gone = [...this.listed].filter((u) => u === prefix || u.startsWith(prefix + '/'));
    if (gone.length === 0 || this.stopped) return;
    for (const u of gone) {
      this.listed.delete(u);
      this.done.delete(u);
      this.feed?.forget(u);
    }
    await this.client.sendNotification(FILES_DELETED, { uris: gone });
  }

  private inWorkspace(uri: vscode.Uri): boolean {
    return vscode.workspace.getWorkspaceFolder(uri) !== undefined && !uri.path.split('/').some((s) => SKIP_FOLDERS.has(s));
  }

  stop(): void {
    this.stopped = true;
    this.feed?.cancel();
    for (const d of this.disposables) d.dispose();
    this.status.hide();
  }
}

/** Every file under these folders, walked with readDirectory (at most 8 folders read at once). */
async function listFiles(roots: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  const queue = [...roots];
  let active = 0;
  await new Promise<void>((resolve) => {
    const next = (): void => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < READS_IN_FLIGHT && queue.length > 0) {
        const dir = queue.shift()!;
        active++;
        void Promise.resolve(vscode.workspace.fs.readDirectory(dir))
          .then(
            (entries) => {
              for (const [name, type] of entries) {
                // A symbolic link could lead out of the workspace: it is not listed, so never read.
                if (type & vscode.FileType.SymbolicLink) continue;
                const child = vscode.Uri.joinPath(dir, name);
                if (type & vscode.FileType.Directory) {
                  if (!SKIP_FOLDERS.has(name)) queue.push(child);
                } else if (type & vscode.FileType.File) files.push(child);
              }
            },
            () => undefined,
          )
          .finally(() => {
            active--;
            next();
          });
      }
    };
    next();
  });
  return files;
}
