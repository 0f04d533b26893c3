// The workspace index, the one part of the engine that changes: it takes the file events (documents
// opened, edited, closed; files changed on disk; settings and sites reloaded), holds the open editor
// text over disk and a parse cache keyed by document version, runs the indexing passes, and keeps the
// facts of every file and the graphs between files up to date from each file's old and new facts,
// returning the files whose results a change touches. What the facts are is facts.ts; the graphs are
// includeGraph.ts, linkGraph.ts, termGraph.ts and urlTable.ts; readers see it through view.ts.
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import { includesOf, parseDocument, type ParsedDocument } from '../parse/document';
import { parseFrontMatter } from '../parse/frontMatter';
import { scanShortcodes } from '../parse/shortcodes';
import { splitDestination } from '../site/urls';
import { bundleOwning, buildPageSet, type PageSet } from '../site/pages';
import { loadGlossary, type Glossary } from '../site/glossary';
import { shortcodeCatalogue, type ShortcodeCatalogue } from '../shortcodes';
import { resolveLink } from './resolveLink';
import { linksStayInside, resolveInclude, type IncludeResolution } from '../site/includes';
import { componentPath, findSiteAbove, findSiteRoots, isHtmlFile, isInside, isMarkdownFile, loadSite, siteOf, type Site } from '../site/site';
import { throwIfCancelled, type Cancellation } from '../util/cancellation';
import { ConfinedFileSystem } from '../util/confinedFileSystem';
import { looksBinary, decodeText, type FileSystem } from '../util/fileSystem';
import { silentLogger, type Logger } from '../util/logger';
import { DEFAULT_OPTIONS, type IndexOptions } from './options';
import { anchorsFrom, factsFrom, includesKey, outlineKey, type Anchor, type FactsContext, type FileFacts, type FileKind, type SkippedFile } from './facts';
import { IncludeGraph, includeCycle } from './includeGraph';
import { LinkGraph } from './linkGraph';
import { TermGraph } from './termGraph';
import { UrlTables, type UrlLookup } from './urlTable';
import type { IndexView } from './view';

export { DEFAULT_OPTIONS, type IndexOptions } from './options';

export type { Anchor, FileFacts, FileKind, OutlineItem, SkippedFile } from './facts';

interface OpenDocument {
  version: number;
  text: string;
  parsed: ParsedDocument | undefined;
}

export interface IndexProgress {
  report(done: number, total: number): void;
}

/**
 * `Settings`: what the features are told (features/settings.ts). The index carries them for the
 * features it serves and never reads them.
 */
export class WorkspaceIndex<Settings extends object = object> implements IndexView<Settings> {
  private folders: string[] = [];
  private siteList: Site[] = [];
  private readonly facts = new Map<string, FileFacts>();
  private readonly skipped = new Map<string, SkippedFile>();
  private readonly open = new Map<string, OpenDocument>();
  private readonly includeGraph = new IncludeGraph();
  private readonly includeFileLists = new Map<string, string[]>();
  private readonly glossaries = new Map<string, Glossary>();
  private readonly catalogues = new Map<string, ShortcodeCatalogue>();
  /** Each site's URLs with the page each serves. */
  private readonly urls = new UrlTables();
  /** The link graph, both ways (complete facts only). */
  private readonly linkGraph = new LinkGraph();
  /** Parses of files read from disk for a request, by path; dropped when the file changes. */
  private readonly diskParses = new Map<string, { parsed: ParsedDocument; mtimeMs: number }>();
  private indexed = false;
  /** The first pass is done: every file's URLs and includes are known (all cross-file checks can run). */
  private ready = false;
  private readyGate: Promise<void> | undefined;
  /** Bumped on every change of facts: memoised cross-file results are valid for one generation. */
  private generation = 0;
  /** Bumped when a file comes or goes: which files are pages (bundles, sections) can change only then. */
  private pageSetGeneration = 0;
  private readonly pageSetMemo = new Map<string, { generation: number; set: PageSet }>();
  private readonly bundleOfMemo = new Map<string, string | null>();
  private bundleOfMemoGeneration = -1;
  private anchorMemo = { generation: -1, byFile: new Map<string, Anchor[]>() };
  private readonly retained = new Map<string, ParsedDocument>();
  /** Page -> the pages whose tables take their terms from it. */
  private readonly termGraph = new TermGraph((f) => {
    const targets = new Set<string>();
    for (const l of f.tableLinks) {
      const t = resolveLink(this, f.file, l);
      if (t.kind === 'page' && t.file !== f.file) targets.add(t.file);
    }
    return targets;
  });
  private indexing: Promise<void> | undefined;
  /** Bumped when the sites reload: an indexing run that sees it change stops. */
  private indexRun = 0;
  /** Every read goes through this: nothing outside the workspace folders (and extra roots) is read. */
  readonly fs: FileSystem;
  private readonly confined: ConfinedFileSystem;
  private readonly refused = new Set<string>();
  /** Files whose facts are still `pending` (their content has not arrived). */
  private readonly pendingFacts = new Set<string>();

  /** Sites found above the folders or above an opened file, when none is at or below the folders. */
  private sitesAbove: string[] = [];

  constructor(
    /** Unconfined: used only to look for a Hugo config above the folders (`findSiteAbove`). */
    private readonly hostFs: FileSystem,
    private opts: IndexOptions = DEFAULT_OPTIONS,
    private readonly logger: Logger = silentLogger,
    private featureSettings: Settings = {} as Settings,
  ) {
    this.confined = new ConfinedFileSystem(hostFs, (file) => {
      if (this.refused.size >= 1000 || this.refused.has(file)) return;
      this.refused.add(file);
      this.logger.warn(`Not read: ${file} leads out of the workspace.`);
    });
    this.fs = this.confined;
  }

  // ---- sites ---------------------------------------------------------------------------------

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.sitesAbove = [];
    this.reloadSites();
  }

  /**
   * When no site is known, looks for one above an opened file (a client with no workspace folder, or
   * one rooted beside the file) and adopts it: true when the sites changed (index again).
   */
  adoptSiteAbove(file: string): boolean {
    if (!this.opts.findSiteAbove || this.siteList.length > 0 || !path.isAbsolute(file) || file.includes('\0')) return false;
    const root = findSiteAbove(this.hostFs, path.dirname(file));
    if (root === undefined || this.sitesAbove.includes(root)) return false;
    this.sitesAbove.push(root);
    this.logger.info(`Found the Hugo site ${root} above ${file}.`);
    this.reloadSites();
    return this.siteList.length > 0;
  }

  /** The folders reads may reach: the workspace folders and the sites adopted above them. */
  private get readableFolders(): string[] {
    return [...this.folders, ...this.sitesAbove];
  }

  get options(): IndexOptions {
    return this.opts;
  }

  /** What the features are told (the index does not read it). */
  get settings(): Settings {
    return this.featureSettings;
  }

  setSettings(settings: Settings): void {
    this.featureSettings = settings;
  }

  setOptions(options: IndexOptions): void {
    const shortcodeDirsChanged = JSON.stringify(options.shortcodeDirs ?? []) !== JSON.stringify(this.opts.shortcodeDirs ?? []);
    if (shortcodeDirsChanged) this.catalogues.clear();
    const rootsChanged =
      JSON.stringify([options.extraIncludeRoots ?? [], options.linkExcludes ?? []]) !== JSON.stringify([this.opts.extraIncludeRoots ?? [], this.opts.linkExcludes ?? []]);
    this.opts = options;
    if (rootsChanged) this.reloadSites();
    else if (shortcodeDirsChanged) this.updateAllowedRoots();
  }

  get sites(): readonly Site[] {
    return this.siteList;
  }

  /** Every file's complete facts are in. */
  get isIndexed(): boolean {
    return this.indexed;
  }

  /** Every file's URLs, title and includes are in: the cross-file checks of any page can run. */
  get isReady(): boolean {
    return this.ready;
  }

  siteOf(file: string): Site | undefined {
    return siteOf(this.siteList, file);
  }

  /** Listed files whose content has not arrived yet (a streamed file system); 0 otherwise. */
  get pendingFileCount(): number {
    return this.pendingFacts.size;
  }

  /**
   * Runs `work` (a check) and says whether it needed a file whose content has not arrived: its answer
   * is then not final (the file has been asked for).
   */
  whilePending<T>(work: () => T): { value: T; pending: boolean } {
    const r = this.confined.recordPending(work);
    return { value: r.value, pending: r.pending.length > 0 };
  }

  /** The workspace folders the index was given. */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  private reloadSites(): void {
    // No site at or below the folders (a client that roots the workspace inside the site, or at the
    // opened file's folder): the nearest site above becomes the readable root.
    this.confined.setRoots(this.folders);
    const below = findSiteRoots(this.fs, this.folders);
    if (this.opts.findSiteAbove && this.sitesAbove.length === 0 && below.length === 0) {
      for (const f of this.folders) {
        const above = findSiteAbove(this.hostFs, f);
        if (above !== undefined && !this.sitesAbove.includes(above)) {
          this.sitesAbove.push(above);
          this.logger.info(`No Hugo site in ${f}: using the site above it, ${above}.`);
        }
      }
    }
    this.confined.setRoots(this.readableFolders);
    const roots = [...new Set([...below, ...findSiteRoots(this.fs, this.sitesAbove)])];
    if (roots.length === 0 && this.folders.length > 0 && this.opts.findSiteAbove) {
      this.logger.warn(`No Hugo site in ${this.folders.join(', ')} or above (looked for hugo.*, config.* and config/_default/): nothing is checked.`);
    }
    this.siteList = roots.map((r) => loadSite(this.fs, r, { extraIncludeRoots: this.opts.extraIncludeRoots, linkExcludes: this.opts.linkExcludes }));
    this.updateAllowedRoots();
    for (const s of this.siteList) {
      for (const [component, mounts] of Object.entries(s.mounts)) {
        for (const m of mounts) {
          const real = this.confined.realPath(m.source);
          if (real !== undefined && !this.confined.allowedRoots.some((r) => isInside(r, real))) {
            this.logger.warn(`Hugo config of ${s.root}: the ${component} folder ${m.source} is outside the workspace; it is not read.`);
          }
        }
      }
    }
    for (const s of this.siteList) {
      // A config still arriving (the web worker) is read again once it has: no warning for it now.
      for (const p of s.configProblems) if (!this.confined.isPending(p.file)) this.logger.warn(`Hugo config ${p.file}: ${p.message}`);
      for (const p of s.lintProblems) this.logger.warn(`Link checker config: ${p}`);
    }
    this.includeFileLists.clear();
    this.glossaries.clear();
    this.catalogues.clear();
    this.indexed = false;
    this.ready = false;
    this.indexing = undefined;
    this.readyGate = undefined;
    this.indexRun++;
  }

  /**
   * Reads stay inside the workspace folders and the folders the user names in settings (theirs to
   * grant); folders named by the workspace's own Hugo config (contentDir, module mounts) are not
   * trusted that way, and stay unread when they lead out.
   */
  private updateAllowedRoots(): void {
    const extra = [...(this.opts.extraIncludeRoots ?? []), ...(this.opts.shortcodeDirs ?? [])];
    this.confined.setRoots([...this.readableFolders, ...this.siteList.flatMap((s) => extra.map((d) => path.resolve(s.root, d)))]);
  }

  /**
   * Runs synchronous work over many files (the checker's pass) with the file system's folder cache on:
   * see `ConfinedFileSystem.batch`.
   */
  batch<T>(work: () => T): T {
    return this.confined.batch(work);
  }

  /** What kind of file this is for the handbook: a content page, an include file, or neither. */
  kindOf(file: string): FileKind | undefined {
    const site = this.siteOf(file);
    if (!site) return undefined;
    if (site.includeRoots.some((m) => isInside(m.source, file))) return 'include';
    if (site.mounts.content.some((m) => isInside(m.source, file))) return 'page';
    return undefined;
  }

  // ---- indexing ------------------------------------------------------------------------------

  /** Indexes every page and include file of every site once; later calls wait for the same run. */
  ensureIndexed(progress?: IndexProgress, token?: Cancellation): Promise<void> {
    if (this.indexed) return Promise.resolve();
    const run = this.startIndexing(progress, token);
    // Sites reloaded while this run went on (settings or config changed): it stopped; wait for a new one.
    return run.then(() => (this.indexed ? undefined : this.ensureIndexed(progress, token)));
  }

  /**
   * Resolves when every file's URLs, title and includes are known (with readyFirst, before the
   * outlines and links of every page are); the indexing run goes on to complete them.
   */
  ensureReady(progress?: IndexProgress, token?: Cancellation): Promise<void> {
    if (this.isReady) return Promise.resolve();
    const run = this.startIndexing(progress, token);
    const gate = this.readyGate ?? run;
    return Promise.race([gate, run]).then(() => (this.isReady ? undefined : this.ensureReady(progress, token)));
  }

  private startIndexing(progress?: IndexProgress, token?: Cancellation): Promise<void> {
    if (this.indexing) return this.indexing;
    let open!: () => void;
    this.readyGate = new Promise<void>((resolve) => (open = resolve));
    const run: Promise<void> = this.indexAll(progress, token, open).finally(() => {
      open();
      if (!this.indexed && this.indexing === run) this.indexing = undefined;
    });
    this.indexing = run;
    return run;
  }

  private async indexAll(progress: IndexProgress | undefined, token: Cancellation | undefined, onReady: () => void): Promise<void> {
    const run = this.indexRun;
    const files: string[] = [];
    this.confined.batch(() => {
      for (const site of this.siteList) {
        for (const m of site.mounts.content) this.walk(m.source, (f) => (isMarkdownFile(f) || isHtmlFile(f)) && files.push(f));
        for (const m of site.includeRoots) this.walk(m.source, (f) => isMarkdownFile(f) && files.push(f));
      }
    });
    const unique = [...new Set(files)];
    this.facts.clear();
    this.pendingFacts.clear();
    this.pageSetGeneration++;
    this.includeGraph.clear();
    this.urls.clear();
    this.linkGraph.clear();
    this.termGraph.invalidate();
    const firstPass = this.opts.readyFirst;
    const indexed = await this.eachFile(unique, run, token, progress, (file) => {
      if (this.open.has(file)) this.updateFacts(file, this.open.get(file)!.text);
      else if (firstPass) this.updateHeader(file, this.readForIndex(file));
      else this.updateFacts(file, this.readForIndex(file));
    });
    if (!indexed) return; // the sites were reloaded: a new run takes over
    progress?.report(unique.length, unique.length);
    this.ready = true;
    onReady();
    // A streamed file system (the web worker): the files still arriving are taken in as they come
    // (fileChanged); the index is complete once every one is in.
    await this.confined.whenAllRead();
    if (run !== this.indexRun) return;
    if (firstPass) {
      // The second pass, in the background: outlines, links and term tables of the files no request
      // has needed yet. Whoever waited for the first pass goes first.
      await new Promise((r) => setImmediate(r));
      if (run !== this.indexRun) return;
      if (!(await this.eachFile(unique, run, token, undefined, (file) => this.completeFacts(file)))) return;
    }
    this.indexed = true;
    this.logger.info(`Indexed ${unique.length} files in ${this.siteList.length} site(s); skipped ${this.skipped.size}.`);
  }

  /**
   * Runs `work` on each file in slices of at most ~30 ms between turns of the event loop, so that
   * requests (and their cancellations) that arrive meanwhile are answered at once. False when the
   * sites were reloaded meanwhile (a new run takes over).
   */
  private async eachFile(files: readonly string[], run: number, token: Cancellation | undefined, progress: IndexProgress | undefined, work: (file: string) => void): Promise<boolean> {
    for (let i = 0; i < files.length; ) {
      const sliceStart = Date.now();
      i = this.confined.batch(() => {
        let j = i;
        while (j < files.length) {
          work(files[j++]!);
          if (Date.now() - sliceStart > 30) break;
        }
        return j;
      });
      if (i < files.length) {
        progress?.report(i, files.length);
        await new Promise((r) => setImmediate(r));
        throwIfCancelled(token);
        if (run !== this.indexRun) return false;
      }
    }
    return run === this.indexRun;
  }

  private walk(dir: string, onFile: (file: string) => void, seen = new Set<string>()): void {
    const real = this.fs.realPath(dir);
    if (real === undefined || seen.has(real)) return; // missing folder or a symlink loop
    seen.add(real);
    for (const e of this.fs.readDirectory(dir)) {
      const p = path.join(dir, e.name);
      if (e.isDirectory) this.walk(p, onFile, seen);
      else if (e.isFile) onFile(p);
    }
  }

  /** Reads a file for the index, or records why it was skipped. */
  private readForIndex(file: string): string | undefined {
    const st = this.fs.stat(file);
    if (!st?.isFile) {
      // Gone, never saved, or not a regular file (a FIFO or a device would block or never end).
      this.skipped.delete(file);
      return undefined;
    }
    if (st.size > this.opts.maxFileSize) {
      this.skip(file, { reason: 'too-large', message: `the file is ${st.size} bytes, over the limit of ${this.opts.maxFileSize} (setting handbook.maxFileSize)` });
      return undefined;
    }
    const bytes = this.fs.readBytes(file);
    if (!bytes && this.confined.isPending(file)) return undefined; // not arrived yet: asked for, not skipped
    if (!bytes) {
      this.skip(file, { reason: 'unreadable', message: 'the file could not be read' });
      return undefined;
    }
    if (looksBinary(bytes)) {
      this.skip(file, { reason: 'binary', message: 'the file is binary, not text' });
      return undefined;
    }
    this.skipped.delete(file);
    return decodeText(bytes);
  }

  private skip(file: string, why: SkippedFile): void {
    if (!this.skipped.has(file)) this.logger.warn(`Skipped ${file}: ${why.message}.`);
    this.skipped.set(file, why);
  }

  skippedReason(file: string): SkippedFile | undefined {
    return this.skipped.get(file);
  }

  /** Recomputes the facts of one file from its text (undefined: the file is gone or unreadable). */
  private updateFacts(file: string, text: string | undefined): FileFacts | undefined {
    if (text === undefined && this.confined.isPending(file)) return this.applyFacts(file, this.listedFacts(file));
    const computed = text === undefined ? undefined : this.computeFacts(file, text);
    if (computed) {
      // The open document's parse for this version is this one: a keystroke parses the page once.
      const open = this.open.get(file);
      if (open && open.text === text) open.parsed = computed.parsed;
      else if (this.opts.retainParses) this.retained.set(file, computed.parsed);
    }
    return this.applyFacts(file, computed?.facts);
  }

  /** The first pass's facts of a file (readyFirst): from its front matter and shortcodes only. */
  private updateHeader(file: string, text: string | undefined): FileFacts | undefined {
    if (text === undefined && this.confined.isPending(file)) return this.applyFacts(file, this.listedFacts(file));
    const kind = text === undefined ? undefined : this.kindOf(file);
    if (text === undefined || !kind) return this.applyFacts(file, undefined);
    const frontMatter = kind === 'page' ? parseFrontMatter(text) : undefined;
    const includes = includesOf(scanShortcodes(text, frontMatter?.end ?? 0));
    return this.applyFacts(file, factsFrom(this.factsContext(file, kind), frontMatter, includes, undefined));
  }

  /** The file's complete facts: read and parsed now when the second pass has not got to it yet. */
  completeFacts(file: string): FileFacts | undefined {
    const f = this.facts.get(file);
    if (!f || f.complete) return f;
    if (f.pending && this.confined.isPending(file)) {
      this.readForIndex(file); // asks for it (a streamed file system); the facts stay pending
      return f;
    }
    return this.updateFacts(file, this.textOf(file));
  }

  /** What a listed file whose content has not arrived is known for: its kind and default URLs. */
  private listedFacts(file: string): FileFacts | undefined {
    const kind = this.kindOf(file);
    return kind ? { ...factsFrom(this.factsContext(file, kind), undefined, [], undefined), pending: true } : undefined;
  }

  /** The facts of a file's text and the parse they come from; nothing is recorded. */
  private computeFacts(file: string, text: string): { facts: FileFacts; parsed: ParsedDocument } | undefined {
    const kind = this.kindOf(file);
    if (!kind) return undefined;
    const parsed = parseDocument(text, { frontMatter: kind === 'page', html: kind === 'page' && isHtmlFile(file) });
    return { facts: factsFrom(this.factsContext(file, kind), parsed.frontMatter, parsed.includes, parsed), parsed };
  }

  private factsContext(file: string, kind: FileKind): FactsContext {
    return { file, kind, site: this.siteOf(file)!, fs: this.fs, textsKept: this.opts.retainParses };
  }

  /** Replaces what the index holds about a file by these facts (undefined: the file is gone). */
  private applyFacts(file: string, facts: FileFacts | undefined): FileFacts | undefined {
    const old = this.facts.get(file);
    if (old) {
      this.includeGraph.remove(file, old.includes);
      const oldSite = this.siteOf(file);
      if (oldSite) this.urls.forget(oldSite, old.urls, file);
      // Replaced facts keep their place, so that the order of files never depends on which were
      // edited, or completed on demand, first.
      if (!facts) this.facts.delete(file);
      this.termGraph.forget(file);
      this.linkGraph.forget(file);
      this.generation++;
    }
    if (facts?.pending) this.pendingFacts.add(file);
    else this.pendingFacts.delete(file);
    if (!old || !facts || old.kind !== facts.kind) this.pageSetGeneration++;
    if (!facts) return undefined;
    const site = this.siteOf(file)!;
    this.generation++;
    this.includeGraph.add(file, facts.includes);
    for (const u of facts.urls) this.urls.set(site, u, file);
    if (facts.complete) this.linkGraph.record(site, facts);
    // Where links resolve changes only when URLs come or go; then the term dependents are rebuilt.
    if (JSON.stringify(old?.urls ?? []) !== JSON.stringify(facts.urls)) this.termGraph.invalidate();
    else this.termGraph.update(facts);
    this.facts.set(file, facts);
    return facts;
  }

  /**
   * The files with a link that may reach one of these URLs of the site (from the link graph: every
   * link that looks one of them up; resolve each link to know where it lands now). Complete only once
   * the index is (`isIndexed`); open documents are always in it.
   */
  linkersOfUrls(site: Site, urls: readonly string[]): string[] {
    return this.linkGraph.linkersOfUrls(site, urls);
  }

  /** The files with a link that may reach this page (see linkersOfUrls). */
  linkersOf(file: string): string[] {
    const site = this.siteOf(file);
    const f = this.facts.get(file);
    return site && f ? this.linkersOfUrls(site, f.urls) : [];
  }

  factsOf(file: string): FileFacts | undefined {
    return this.facts.get(file);
  }

  allFacts(): IterableIterator<FileFacts> {
    return this.facts.values();
  }

  // ---- documents -----------------------------------------------------------------------------

  /**
   * Opens a document with the editor's text; returns the other files whose results change because
   * that text is not the disk's (usually none).
   */
  openDocument(file: string, text: string, version: number): string[] {
    const before = this.facts.get(file);
    // What other pages read of it until now (term definitions, from its parse): the text it had open,
    // else the disk's. A file whose content has not arrived (a streamed file system) is not asked for.
    const was = this.open.get(file)?.text ?? (before && !this.confined.isPending(file) ? this.textOf(file) : undefined);
    this.open.set(file, { text, version, parsed: undefined });
    const after = this.updateFacts(file, this.checkOpenText(file, text));
    return this.dependentsOfChange(file, before, after, was !== text);
  }

  /**
   * Updates an open document; returns the other files whose results can change with it: none for a
   * keystroke that changes nothing they read (see dependentsOfChange).
   */
  changeDocument(file: string, text: string, version: number): string[] {
    const old = this.open.get(file);
    if (old && old.text === text) {
      old.version = version;
      return [];
    }
    const before = this.facts.get(file);
    this.open.set(file, { text, version, parsed: undefined });
    const after = this.updateFacts(file, this.checkOpenText(file, text));
    return this.dependentsOfChange(file, before, after, true);
  }

  /** Editor text gets the same guards as disk text: the size limit, and no binary content. */
  private checkOpenText(file: string, text: string): string | undefined {
    if (text.length > this.opts.maxFileSize) {
      this.skip(file, { reason: 'too-large', message: `the file has ${text.length} characters, over the limit of ${this.opts.maxFileSize} (setting handbook.maxFileSize)` });
      return undefined;
    }
    if (text.slice(0, 8192).includes('\0')) {
      this.skip(file, { reason: 'binary', message: 'the file is binary, not text' });
      return undefined;
    }
    this.skipped.delete(file);
    return text;
  }

  closeDocument(file: string): string[] {
    const old = this.open.get(file);
    const before = this.facts.get(file);
    this.open.delete(file);
    const disk = this.readForIndex(file);
    const after = this.updateFacts(file, disk);
    return this.dependentsOfChange(file, before, after, old?.text !== disk);
  }

  /** A file changed, appeared or disappeared on disk. Returns the files whose results may change. */
  fileChanged(file: string, change: 'created' | 'changed' | 'deleted'): string[] {
    this.diskParses.delete(file);
    this.retained.delete(file);
    if (this.isConfigFile(file)) {
      this.reloadSites();
      return [...this.open.keys()];
    }
    const affected = new Set<string>();
    const site = this.siteOf(file);
    if (site && [...site.mounts.layouts.map((m) => m.source), ...(this.opts.shortcodeDirs ?? []).map((d) => path.resolve(site.root, d))].some((d) => isInside(d, file))) {
      // A shortcode template appeared, changed or went: every open page is checked again.
      this.catalogues.delete(site.root);
      for (const f of this.open.keys()) affected.add(f);
    }
    if (site && site.mounts.data.some((m) => isInside(m.source, file)) && /\.(ya?ml|json|toml)$/i.test(file)) {
      // A glossary may have changed: every open page is checked again.
      this.glossaries.delete(site.root);
      for (const f of this.open.keys()) affected.add(f);
    }
    if (site && (change !== 'changed' || !this.open.has(file))) {
      const inIncludeRoots = site.includeRoots.some((m) => isInside(m.source, file));
      if (inIncludeRoots && change !== 'changed') {
        // A file appeared or vanished: pages mentioning any path that could name it resolve anew.
        this.includeFileLists.delete(site.root);
        for (const [raw, files] of this.includeGraph.mentions()) {
          const r = resolveInclude(this.fs, site, raw);
          const wasTarget = [...files].some((f) => this.facts.get(f)?.includes.some((i) => i.path === raw && i.target === file));
          if ((r.kind === 'found' && r.file === file) || wasTarget) for (const f of files) affected.add(f);
        }
        for (const f of affected) this.updateFacts(f, this.textOf(f));
      }
    }
    if (!this.open.has(file)) {
      const before = this.facts.get(file);
      const after = this.updateFacts(file, change === 'deleted' ? undefined : this.readForIndex(file));
      for (const f of this.dependentsOfChange(file, before, after, true)) affected.add(f);
    }
    return [...affected];
  }

  /**
   * The content of listed files arrived (a streamed file system): their facts replace the pending ones.
   * Cheaper than fileChanged for each: nothing else about them changed, and the caller checks the open
   * pages again anyway. Files that are not pending facts (set-up files, a want) go through fileChanged.
   */
  filesArrived(files: readonly string[]): string[] {
    const affected = new Set<string>();
    this.confined.batch(() => {
      for (const file of files) {
        if (this.open.has(file)) continue;
        if (!this.pendingFacts.has(file)) {
          for (const f of this.fileChanged(file, 'changed')) affected.add(f);
          continue;
        }
        this.diskParses.delete(file);
        this.updateFacts(file, this.readForIndex(file));
        for (const f of this.includersTransitive(file)) affected.add(f);
      }
    });
    return [...affected];
  }

  private isConfigFile(file: string): boolean {
    return (
      this.siteList.some((s) => s.configFiles.includes(file)) ||
      /(^|[\\/])(hugo|config)\.(toml|ya?ml|json)$/.test(file) ||
      /[\\/]config[\\/]_default[\\/]/.test(file) ||
      /[\\/]\.hugolint\.yaml$/.test(file)
    );
  }

  /**
   * The other files whose results can change when a file's facts go from `before` to `after`
   * (undefined: no such file), and only those:
   * - what includes it (directly or not), when its anchors or includes changed (its anchors are theirs,
   *   and a cycle may come or go);
   * - what links to it (the link graph), when its URLs changed (links to the old and the new ones), its
   *   title (named in their messages), or its anchors or those of a page that includes it;
   * - pages whose tables take their terms from it, when its text changed (the terms are read from it).
   */
  private dependentsOfChange(file: string, before: FileFacts | undefined, after: FileFacts | undefined, textChanged: boolean): string[] {
    const out = new Set<string>();
    const site = this.siteOf(file);
    const existence = !before !== !after;
    const anchorsChanged =
      existence ||
      (before !== undefined && after !== undefined &&
        (includesKey(before) !== includesKey(after) || (before.complete && after.complete && outlineKey(before) !== outlineKey(after))));
    const urlsChanged = (before?.urls ?? []).join('\n') !== (after?.urls ?? []).join('\n');
    if (anchorsChanged) for (const f of this.includersTransitive(file)) out.add(f);
    if (anchorsChanged || urlsChanged || before?.title !== after?.title) {
      // An include's relative links and #anchors are read from the pages that include it (and name
      // them): any page's anchors, URL or title may change what they find, and an include dropped
      // by this file is no longer read from it.
      for (const f of this.includesReadFromPages()) out.add(f);
      for (const inc of before?.includes ?? []) if (inc.target) for (const f of [inc.target, ...this.includeClosure(inc.target)]) out.add(f);
    }
    if (site) {
      if (urlsChanged) for (const f of this.linkersOfUrls(site, [...(before?.urls ?? []), ...(after?.urls ?? [])])) out.add(f);
      if (anchorsChanged || before?.title !== after?.title) {
        for (const page of [file, ...(anchorsChanged ? this.includersTransitive(file) : [])]) for (const f of this.linkersOf(page)) out.add(f);
      }
    }
    if (textChanged || existence) {
      for (const f of this.termGraph.dependentsOf(file, () => this.facts.values())) out.add(f);
      if (this.opts.unseenDependencies) for (const f of this.facts.values()) if (f.kind === 'page') out.add(f.file);
    }
    out.delete(file);
    return [...out];
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  openFiles(): string[] {
    return [...this.open.keys()];
  }

  /** The text of a file: the editor's when open, else the disk's (undefined when unreadable or skipped). */
  textOf(file: string): string | undefined {
    const o = this.open.get(file);
    if (o) return o.text;
    const kept = this.retained.get(file);
    if (kept) return kept.text;
    return this.readForIndex(file);
  }

  versionOf(file: string): number | undefined {
    return this.open.get(file)?.version;
  }

  /** The full parse of a document: cached per version when open, per modification time when on disk. */
  parsed(file: string): ParsedDocument | undefined {
    const o = this.open.get(file);
    if (o) {
      if (this.skipped.has(file)) return undefined;
      o.parsed ??= this.parse(file, o.text);
      return o.parsed;
    }
    const kept = this.retained.get(file);
    if (kept) return kept;
    const st = this.fs.stat(file);
    if (!st?.isFile) return undefined;
    const cached = this.diskParses.get(file);
    if (cached && cached.mtimeMs === st.mtimeMs) return cached.parsed;
    const text = this.readForIndex(file);
    if (text === undefined) return undefined;
    const parsed = this.parse(file, text);
    // A handful of disk parses are kept (hover previews, references); the index itself keeps no text.
    if (this.diskParses.size >= 32) this.diskParses.delete(this.diskParses.keys().next().value!);
    this.diskParses.set(file, { parsed, mtimeMs: st.mtimeMs });
    return parsed;
  }

  private parse(file: string, text: string): ParsedDocument {
    const kind = this.kindOf(file);
    return parseDocument(text, { frontMatter: kind !== 'include', html: kind === 'page' && isHtmlFile(file) });
  }

  /** The shortcodes the site can call: built-ins, then its templates (and extra folders) over them. */
  shortcodesOf(site: Site): ShortcodeCatalogue {
    let c = this.catalogues.get(site.root);
    if (!c) {
      const dirs = [...site.mounts.layouts.map((m) => m.source), ...(this.opts.shortcodeDirs ?? []).map((d) => path.resolve(site.root, d))];
      c = shortcodeCatalogue(this.fs, dirs);
      this.catalogues.set(site.root, c);
    }
    return c;
  }

  /** The site's glossaries from its data files, read once and again after they change. */
  glossaryOf(site: Site): Glossary {
    let g = this.glossaries.get(site.root);
    if (!g) {
      g = loadGlossary(this.fs, site);
      for (const p of g.problems) this.logger.warn(`Glossary ${p}`);
      this.glossaries.set(site.root, g);
    }
    return g;
  }

  // ---- pages and URLs ------------------------------------------------------------------------

  /** The site's URLs sorted (for prefix search) and grouped by last segment, for "did you mean". */
  urlLookup(site: Site): UrlLookup {
    return this.urls.lookup(site);
  }

  /** Every URL of the site with the page it serves (pages and aliases). */
  urlsOf(site: Site): ReadonlyMap<string, string> {
    return this.urls.of(site);
  }

  /**
   * The anchors a page offers, in order, as Hugo numbers them: headings of the page and of everything it
   * includes (in place), duplicates suffixed -1, -2…; custom ids and explicit anchors as written.
   */
  anchorsOf(file: string): Anchor[] {
    // Before the second pass is done, the page and what it includes may have first-pass facts only.
    if (!this.indexed) this.completeIncludeClosure(file);
    if (this.anchorMemo.generation !== this.generation) this.anchorMemo = { generation: this.generation, byFile: new Map() };
    let anchors = this.anchorMemo.byFile.get(file);
    if (!anchors) {
      anchors = anchorsFrom(file, (f) => this.facts.get(f), this.siteOf(file)?.enableEmoji);
      this.anchorMemo.byFile.set(file, anchors);
    }
    return anchors;
  }

  /** Completes the facts of a file and of every file it includes, directly or not. */
  private completeIncludeClosure(file: string): void {
    const seen = new Set<string>();
    const stack = [file];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const facts = this.completeFacts(f);
      for (const inc of facts?.includes ?? []) if (inc.target) stack.push(inc.target);
    }
  }

  /**
   * The page served at a normalised URL path, if any: not a leaf bundle's Markdown resource (Hugo does
   * not publish it); a top-level section without `_index.md` is its folder.
   */
  pageAt(site: Site, url: string): string | undefined {
    const file = this.urls.of(site).get(url);
    if (file === undefined) return this.pageSet(site).sections.get(url);
    return this.bundleOf(file) ? undefined : file;
  }

  /** When a URL would be a leaf bundle's Markdown resource's, were it a page: that bundle's index file. */
  bundleResourceAt(site: Site, url: string): string | undefined {
    const file = this.urls.of(site).get(url);
    return file === undefined ? undefined : this.bundleOf(file);
  }

  /** Which content files are pages, and the paths `ref` and `GetPage` find them by. */
  pageSet(site: Site): PageSet {
    const memo = this.pageSetMemo.get(site.root);
    if (memo && memo.generation === this.pageSetGeneration) return memo.set;
    const files = [];
    for (const f of this.facts.values()) {
      if (f.kind !== 'page' || this.siteOf(f.file) !== site) continue;
      const rel = componentPath(site.mounts.content, f.file)?.rel;
      if (rel !== undefined) files.push({ file: f.file, rel });
    }
    const set = buildPageSet(files, site.mounts.content[0]?.source);
    this.pageSetMemo.set(site.root, { generation: this.pageSetGeneration, set });
    return set;
  }

  /** The index file of the leaf bundle that holds this content file as a resource (not a page). */
  bundleOf(file: string): string | undefined {
    const site = this.siteOf(file);
    if (!site) return undefined;
    const set = this.pageSet(site);
    if (set.bundles.size === 0) return undefined;
    // Asked for every link resolved: answered once per file until a file comes or goes.
    let owner = this.bundleOfMemo.get(file);
    if (owner === undefined || this.bundleOfMemoGeneration !== this.pageSetGeneration) {
      if (this.bundleOfMemoGeneration !== this.pageSetGeneration) {
        this.bundleOfMemo.clear();
        this.bundleOfMemoGeneration = this.pageSetGeneration;
      }
      const rel = componentPath(site.mounts.content, file)?.rel;
      owner = (rel === undefined ? undefined : bundleOwning(set.bundles, rel, file)) ?? null;
      this.bundleOfMemo.set(file, owner);
    }
    return owner ?? undefined;
  }

  /** A top-level section with no `_index.md`: a page of Hugo's that has no file (here, its folder). */
  isFolderSection(file: string): boolean {
    // Every site's: a content folder mounted from elsewhere lies outside its site's root.
    return !this.facts.has(file) && this.siteList.some((site) => [...this.pageSet(site).sections.values()].includes(file));
  }

  /** The page's own URL (not an alias). */
  urlOf(file: string): string | undefined {
    return this.facts.get(file)?.urls[0];
  }

  /** The page's aliases (normalised). */
  aliasesOf(file: string): readonly string[] {
    return this.facts.get(file)?.urls.slice(1) ?? [];
  }

  // ---- includes ------------------------------------------------------------------------------

  resolveInclude(site: Site, raw: string): IncludeResolution {
    return resolveInclude(this.fs, site, raw);
  }

  /** The files that include `file` directly. */
  includersOf(file: string): string[] {
    return this.includeGraph.includersOf(file);
  }

  /** Every file that reaches `file` through includes. */
  includersTransitive(file: string): string[] {
    return this.includeGraph.includersTransitive(file);
  }

  /** The include files that some file includes and that hold a relative link or a bare #anchor. */
  private includesReadFromPages(): string[] {
    const out: string[] = [];
    for (const [file, includers] of this.includeGraph.included()) {
      if (includers.size === 0) continue;
      const links = this.facts.get(file)?.links ?? [];
      if (links.some((l) => !l.destination.startsWith('/') && !splitDestination(l.destination).external)) out.push(file);
    }
    return out;
  }

  /** Every file `file` reaches through includes (not itself). */
  private includeClosure(file: string): string[] {
    const seen = new Set<string>();
    const stack = [file];
    while (stack.length) {
      for (const t of this.includeTargetsOf(stack.pop()!)) {
        if (seen.has(t)) continue;
        seen.add(t);
        stack.push(t);
      }
    }
    seen.delete(file);
    return [...seen];
  }

  /** The resolved include targets of a file, from the open text when open. */
  includeTargetsOf(file: string): string[] {
    return (this.facts.get(file)?.includes ?? []).map((i) => i.target).filter((t): t is string => t !== undefined);
  }

  /**
   * The include chain that leads from `target` back to `start`, or undefined when there is none.
   * The chain lists the files in order: start -> target -> ... -> start.
   */
  includeCycle(start: string, target: string): string[] | undefined {
    return includeCycle(start, target, (f) => this.includeTargetsOf(f));
  }

  /** Every file under the site's include roots, as include paths ("includes/x.md"), sorted. */
  includeFiles(site: Site): string[] {
    let list = this.includeFileLists.get(site.root);
    if (!list) {
      const set = new Set<string>();
      for (const m of site.includeRoots) {
        this.walk(m.source, (f) => {
          // Not what a symbolic link takes out of the include folder: include would refuse it.
          if (!linksStayInside(this.fs, m.source, f)) return;
          const rel = relativePosix(m.source, f);
          set.add(m.target ? `${m.target}/${rel}` : rel);
        });
      }
      list = [...set].sort();
      this.includeFileLists.set(site.root, list);
    }
    return list;
  }
}
