// The preview plugin's VS Code side: `extendMarkdownIt` for the Markdown preview, and a cache of what
// the language server knows about each previewed page (PreviewContextRequest). markdown-it renders
// synchronously, so a render draws what the cache holds and asks for the rest; when an answer brings
// something new, `markdown.preview.refresh` renders the previews again. The cache is refreshed when
// an included file or a term source changes (in an editor or on disk) and when files appear or vanish.
import * as vscode from 'vscode';
// The common entry, not /node: the web build's browser client works here too.
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { PreviewContextRequest, type PreviewContext, type PreviewContextParams } from '../../../server/src/protocol';
import { servedByServer, toPreviewData } from './data';
import type { Env, MarkdownIt } from './markdownIt';
import { handbookPreview, type PagePreview, type PreviewData } from './render';

interface PageEntry {
  uri: vscode.Uri;
  data: PreviewData;
  /** Files whose change changes the answer. */
  dependsOn: Set<string>;
  /** Keys asked for (answered or on the way): never asked twice until the entry is refreshed. */
  asked: Set<string>;
  pending: { includes: Set<string>; links: Set<string> };
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires. */
  due: number;
  /** The next fetch asks again for everything (a file it depends on changed). */
  needsAll: boolean;
  fetched: boolean;
  /** When a render last drew this page: edits of pages no preview shows ask the server nothing. */
  renderedAt: number;
}

const MAX_PAGES = 16;
/** A page drawn this recently is taken to be in a preview (a preview renders again on every change). */
const SHOWN_MS = 60_000;

const served = (uri: vscode.Uri): boolean => servedByServer(uri.scheme, (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme));

export class PreviewContextCache implements vscode.Disposable {
  private readonly pages = new Map<string, PageEntry>();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last Markdown editor the user was in: what a render of bare text is about. */
  private lastMarkdown: vscode.Uri | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    const noteEditor = (e: vscode.TextEditor | undefined): void => {
      if (e?.document.languageId === 'markdown' && served(e.document.uri)) {
        this.lastMarkdown = e.document.uri;
        this.fetch(this.entry(e.document.uri), false);
      }
    };
    noteEditor(vscode.window.activeTextEditor);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    this.disposables.push(
      watcher,
      vscode.window.onDidChangeActiveTextEditor(noteEditor),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document.uri, false)),
      watcher.onDidChange((uri) => this.changed(uri, false)),
      watcher.onDidCreate((uri) => this.changed(uri, true)),
      watcher.onDidDelete((uri) => this.changed(uri, true)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) for (const entry of this.pages.values()) this.refetch(entry, 0, true);
      }),
    );
  }

  /** The data for the page a render is about: the previewed document, else the Markdown editor's. */
  readonly source = (env: Env): PagePreview | undefined => {
    // The Markdown extension's Uri: the same class in the same extension host, but only its shape is relied on.
    const current = env.currentDocument as { scheme?: unknown; toString(): string } | undefined;
    const uri =
      current && typeof current.scheme === 'string'
        ? vscode.Uri.parse(current.toString())
        : vscode.window.activeTextEditor?.document.languageId === 'markdown'
          ? vscode.window.activeTextEditor.document.uri
          : this.lastMarkdown;
    if (!uri || !served(uri)) return undefined;
    const entry = this.entry(uri);
    entry.renderedAt = Date.now();
    return { data: entry.data, want: (kind, key) => this.want(entry, kind, key) };
  };

  private entry(uri: vscode.Uri): PageEntry {
    const key = uri.toString();
    let entry = this.pages.get(key);
    if (entry) {
      // Most recently used last.
      this.pages.delete(key);
      this.pages.set(key, entry);
      return entry;
    }
    entry = { uri, data: { includes: {}, links: {}, terms: {} }, dependsOn: new Set(), asked: new Set(), pending: { includes: new Set(), links: new Set() }, timer: undefined, due: 0, needsAll: false, fetched: false, renderedAt: 0 };
    this.pages.set(key, entry);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return entry;
  }

  private want(entry: PageEntry, kind: 'include' | 'link', key: string): void {
    const id = `${kind}\0${key}`;
    if (entry.asked.has(id)) return;
    entry.asked.add(id);
    (kind === 'include' ? entry.pending.includes : entry.pending.links).add(key);
    this.refetch(entry, 0, false);
  }

  private changed(uri: vscode.Uri, createdOrDeleted: boolean): void {
    const key = uri.toString();
    for (const entry of this.pages.values()) {
      if (Date.now() - entry.renderedAt > SHOWN_MS) continue;
      // After the server has seen the change too (its own file watcher tells it).
      if (createdOrDeleted || entry.dependsOn.has(key)) this.refetch(entry, 250, true);
      // The page itself: its term tables and their links may have changed.
      else if (entry.uri.toString() === key) this.refetch(entry, 300, true);
    }
  }

  /** Fetches after `delayMs`, or earlier when a fetch is already due sooner (typing does not postpone it). */
  private refetch(entry: PageEntry, delayMs: number, everything: boolean): void {
    if (everything) entry.needsAll = true;
    const due = Date.now() + delayMs;
    if (entry.timer && entry.due <= due) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.due = due;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      const all = entry.needsAll;
      entry.needsAll = false;
      this.fetch(entry, all);
    }, delayMs);
  }

  /** Asks the server; `everything`: again for every key the page has used, replacing what is held. */
  private fetch(entry: PageEntry, everything: boolean): void {
    if (!everything && entry.fetched && entry.pending.includes.size === 0 && entry.pending.links.size === 0) return;
    entry.fetched = true;
    const includes = new Set(entry.pending.includes);
    const links = new Set(entry.pending.links);
    entry.pending.includes.clear();
    entry.pending.links.clear();
    if (everything) {
      for (const k of Object.keys(entry.data.includes)) includes.add(k);
      for (const k of Object.keys(entry.data.links)) links.add(k);
    }
    const params: PreviewContextParams = { uri: entry.uri.toString(), includes: [...includes], links: [...links] };
    const before = JSON.stringify(entry.data);
    void this.request(params).then(
      (answer) => {
        const data = toPreviewData(answer, params.uri);
        entry.data = everything
          ? data
          : { page: data.page, emoji: data.emoji, includes: { ...entry.data.includes, ...data.includes }, links: { ...entry.data.links, ...data.links }, terms: data.terms };
        entry.dependsOn = new Set(answer.dependsOn);
        if (JSON.stringify(entry.data) !== before) this.refreshPreviews();
      },
      (err: unknown) => {
        // Drawn as an error, not as loading forever; asked again when the server runs again.
        const error = { code: 'server', message: `The handbook language server did not answer: ${err instanceof Error ? err.message : String(err)}` };
        for (const k of includes) entry.data.includes[k] ??= { error };
        for (const k of includes) entry.asked.delete(`include\0${k}`);
        for (const k of links) entry.asked.delete(`link\0${k}`);
        this.refreshPreviews();
      },
    );
  }

  private async request(params: PreviewContextParams): Promise<PreviewContext> {
    if (this.client.state !== State.Running) throw new Error('it is not running');
    return this.client.sendRequest(PreviewContextRequest, params);
  }

  /** Renders every open preview again (batched: one refresh for answers that arrive together). */
  private refreshPreviews(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
    }, 30);
  }

  dispose(): void {
    for (const entry of this.pages.values()) if (entry.timer) clearTimeout(entry.timer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** What `activate` returns: VS Code's Markdown preview calls `extendMarkdownIt` with its markdown-it. */
export function previewExports(context: vscode.ExtensionContext, client: BaseLanguageClient): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const cache = new PreviewContextCache(client);
  context.subscriptions.push(cache);
  return { extendMarkdownIt: (md) => handbookPreview(md, cache.source) };
}
