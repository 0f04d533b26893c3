// The web worker's file system: what the editor streams to it. The worker has no disk; in VS Code for
// the web every read goes through the editor's own file system (`vscode.workspace.fs`: vscode-vfs,
// vscode-remote, the GitLab Web IDE's scheme...), which the client does. The client first sends the list
// of the workspace's files (path, size, modification time), then their contents in batches, those the
// worker asks for first. Reads stay synchronous, as the engine wants them: a listed file whose content
// has not arrived is *pending* — `stat` and `readDirectory` know it, `readBytes` answers undefined and
// asks for it (`onWanted`) — and the engine treats it as "not known yet", never as "not there".
//
// Nothing else exists here: no symbolic links (the client lists none), nothing outside what the client
// listed (the workspace folders), so the confinement of ConfinedFileSystem holds by construction too.
import * as path from './path';
import type { DirEntry, FileStat, FileSystem } from './fileSystem';

export interface ListedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * Read only when asked for (the client streams the Markdown files; config, templates, data and static
   * files come when a check reads them): pending until then, but not waited for by `whenAllRead`.
   */
  onDemand?: boolean;
}

interface Entry {
  size: number;
  mtimeMs: number;
  /** undefined: pending; null: the client could not (or chose not to) read it. */
  text: string | null | undefined;
  onDemand: boolean;
}

export class StreamedFileSystem implements FileSystem {
  private readonly files = new Map<string, Entry>();
  /** folder -> its entries (name -> is a folder) */
  private readonly folders = new Map<string, Map<string, boolean>>();
  private pendingCount = 0;
  private waiters: { paths: Set<string>; resolve: () => void }[] = [];
  private allWaiters: (() => void)[] = [];
  private readonly encoder = new TextEncoder();

  constructor(
    /** Called (synchronously) for each pending file the engine tried to read. */
    private readonly onWanted: (path: string) => void = () => {},
  ) {}

  private recording: Set<string> | undefined;

  /** Runs `work` and returns the pending files it tried to read. */
  wantedDuring(work: () => void): string[] {
    const outer = this.recording;
    const mine = new Set<string>();
    this.recording = mine;
    try {
      work();
    } finally {
      this.recording = outer;
      if (outer) for (const f of mine) outer.add(f);
    }
    return [...mine];
  }

  private want(file: string): void {
    this.recording?.add(file);
    this.onWanted(file);
  }

  /** Adds (or replaces) listed files; a new or changed entry is pending until its content arrives. */
  list(files: readonly ListedFile[]): void {
    for (const f of files) {
      const p = path.normalize(f.path);
      const old = this.files.get(p);
      if (old && old.size === f.size && old.mtimeMs === f.mtimeMs) continue;
      if (old && old.text === undefined && !old.onDemand) this.pendingCount--;
      const onDemand = f.onDemand === true;
      this.files.set(p, { size: f.size, mtimeMs: f.mtimeMs, text: undefined, onDemand });
      if (!onDemand) this.pendingCount++;
      this.addToFolders(p);
    }
    this.settle();
  }

  /** Content arrived: `text` null when the client could not read it (it is then unreadable, not pending). */
  put(file: string, text: string | null, size?: number, mtimeMs?: number): void {
    const p = path.normalize(file);
    let e = this.files.get(p);
    if (!e) {
      e = { size: size ?? 0, mtimeMs: mtimeMs ?? 0, text: undefined, onDemand: true };
      this.files.set(p, e);
      this.addToFolders(p);
    }
    if (e.text === undefined && !e.onDemand) this.pendingCount--;
    e.text = text;
    if (text !== null) e.size = size ?? this.encoder.encode(text).length;
    if (mtimeMs !== undefined) e.mtimeMs = mtimeMs;
    this.settle();
  }

  /** The file is gone. */
  remove(file: string): void {
    const p = path.normalize(file);
    const e = this.files.get(p);
    if (!e) return;
    if (e.text === undefined && !e.onDemand) this.pendingCount--;
    this.files.delete(p);
    this.folders.get(path.dirname(p))?.delete(path.basename(p));
    this.settle();
  }

  /** How many listed files (not on demand) have not arrived yet. */
  get pending(): number {
    return this.pendingCount;
  }

  get listed(): number {
    return this.files.size;
  }

  /** Every listed path (not on demand) whose content is still to come, in listing order. */
  pendingFiles(): string[] {
    const out: string[] = [];
    for (const [p, e] of this.files) if (e.text === undefined && !e.onDemand) out.push(p);
    return out;
  }

  isPending(file: string): boolean {
    return this.files.get(path.normalize(file))?.text === undefined && this.files.has(path.normalize(file));
  }

  /** Resolves when each of these files has arrived (or is gone). */
  whenRead(files: readonly string[]): Promise<void> {
    const paths = new Set(files.map((f) => path.normalize(f)).filter((f) => this.isPending(f)));
    if (paths.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ paths, resolve }));
  }

  whenAllRead(): Promise<void> {
    if (this.pendingCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.allWaiters.push(resolve));
  }

  private settle(): void {
    if (this.waiters.length) {
      this.waiters = this.waiters.filter((w) => {
        for (const p of w.paths) if (!this.isPending(p)) w.paths.delete(p);
        if (w.paths.size > 0) return true;
        w.resolve();
        return false;
      });
    }
    if (this.pendingCount === 0 && this.allWaiters.length) {
      const all = this.allWaiters;
      this.allWaiters = [];
      for (const r of all) r();
    }
  }

  private addToFolders(file: string): void {
    let child = file;
    let isFolder = false;
    for (;;) {
      const parent = path.dirname(child);
      if (parent === child) return;
      let entries = this.folders.get(parent);
      const known = entries !== undefined;
      if (!entries) this.folders.set(parent, (entries = new Map()));
      entries.set(path.basename(child), isFolder);
      if (known) return;
      child = parent;
      isFolder = true;
    }
  }

  readFile(file: string): string | undefined {
    const e = this.files.get(path.normalize(file));
    if (!e) return undefined;
    if (e.text === undefined) {
      this.want(path.normalize(file));
      return undefined;
    }
    if (e.text === null) return undefined;
    return e.text.charCodeAt(0) === 0xfeff ? e.text.slice(1) : e.text;
  }

  readBytes(file: string): Uint8Array | undefined {
    const e = this.files.get(path.normalize(file));
    if (!e) return undefined;
    if (e.text === undefined) {
      this.want(path.normalize(file));
      return undefined;
    }
    return e.text === null ? undefined : this.encoder.encode(e.text);
  }

  stat(file: string): FileStat | undefined {
    const p = path.normalize(file);
    const e = this.files.get(p);
    if (e) return { isFile: true, isDirectory: false, size: e.size, mtimeMs: e.mtimeMs };
    if (this.folders.has(p)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 };
    return undefined;
  }

  readDirectory(dir: string): DirEntry[] {
    const entries = this.folders.get(path.normalize(dir));
    if (!entries) return [];
    return [...entries].map(([name, isFolder]) => ({ name, isFile: !isFolder, isDirectory: isFolder }));
  }

  realPath(file: string): string | undefined {
    const p = path.normalize(file);
    return this.files.has(p) || this.folders.has(p) ? p : undefined;
  }

  isSymbolicLink(file: string): boolean | undefined {
    return this.realPath(file) === undefined ? undefined : false;
  }
}
