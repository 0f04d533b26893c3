// The workspace is the boundary: the engine reads through this wrapper, which answers "nothing there"
// for any path whose real location (every symbolic link followed) is outside the folders it was given.
// Whatever a workspace holds — a symbolic link to a home folder, a Hugo config whose contentDir or
// module mounts point elsewhere, an include path that climbs out — nothing outside is stat'ed, listed
// or read, whichever feature asks. The folders are the workspace folders (the checker's SITE_DIR) and
// the extra folders the user names in settings.
import * as path from './path';
import { isInside as inside } from './paths';
import type { DirEntry, FileStat, FileSystem } from './fileSystem';

export class ConfinedFileSystem implements FileSystem {
  private roots: string[] = [];

  constructor(
    private readonly inner: FileSystem,
    /** Called for each refused path (with where it really leads). */
    private readonly onRefused: (file: string, real: string) => void = () => {},
  ) {}

  /** The folders reads may reach; each is taken at its real location. */
  setRoots(roots: readonly string[]): void {
    this.roots = [...new Set(roots.map((r) => this.inner.realPath(r) ?? path.resolve(r)))];
  }

  get allowedRoots(): readonly string[] {
    return this.roots;
  }

  /**
   * Runs `work` with the real location of each folder remembered: a file whose last segment is not a
   * symbolic link is then checked with one `lstat` instead of a walk of every segment of its path.
   * Only for synchronous work (an indexing slice, the checker's pass): nothing can change a folder into
   * a link between two reads of it there, and nothing is remembered after.
   */
  batch<T>(work: () => T): T {
    if (this.folderReal) return work();
    this.folderReal = new Map();
    try {
      return work();
    } finally {
      this.folderReal = undefined;
    }
  }

  private folderReal: Map<string, string | null> | undefined;

  /** The real location of a file, through the batch's folder cache when there is one. */
  private real(file: string): string | undefined {
    const folders = this.folderReal;
    if (!folders || !this.inner.isSymbolicLink) return this.inner.realPath(file);
    const dir = path.dirname(file);
    let realDir = folders.get(dir);
    if (realDir === undefined) {
      realDir = this.inner.realPath(dir) ?? null;
      if (folders.size >= 100_000) folders.clear();
      folders.set(dir, realDir);
    }
    if (realDir === null) return undefined;
    const link = this.inner.isSymbolicLink(file);
    if (link === undefined) return undefined;
    return link ? this.inner.realPath(file) : path.join(realDir, path.basename(file));
  }

  /** True when `file` exists and its real location is inside one of the roots. */
  allows(file: string): boolean {
    const real = this.real(file);
    if (real === undefined) return false;
    if (this.roots.some((r) => inside(r, real))) return true;
    this.onRefused(file, real);
    return false;
  }

  readFile(file: string): string | undefined {
    if (!this.allows(file)) return undefined;
    this.notePending(file);
    return this.inner.readFile(file);
  }

  readBytes(file: string): Uint8Array | undefined {
    if (!this.allows(file)) return undefined;
    this.notePending(file);
    return this.inner.readBytes(file);
  }

  isPending(file: string): boolean {
    return this.inner.isPending?.(file) === true && this.allows(file);
  }

  whenAllRead(): Promise<void> {
    return this.inner.whenAllRead?.() ?? Promise.resolve();
  }

  /** Files whose content was asked for before it arrived, during `recordPending`. */
  private pendingReads: Set<string> | undefined;

  private notePending(file: string): void {
    if (this.pendingReads && this.inner.isPending?.(file)) this.pendingReads.add(file);
  }

  /**
   * Runs `work` and says which files it tried to read that had not arrived yet: whatever it
   * concluded from them is not final.
   */
  recordPending<T>(work: () => T): { value: T; pending: string[] } {
    const outer = this.pendingReads;
    const mine = new Set<string>();
    this.pendingReads = mine;
    try {
      return { value: work(), pending: [...mine] };
    } finally {
      this.pendingReads = outer;
      if (outer) for (const f of mine) outer.add(f);
    }
  }

  stat(file: string): FileStat | undefined {
    return this.allows(file) ? this.inner.stat(file) : undefined;
  }

  readDirectory(dir: string): DirEntry[] {
    return this.allows(dir) ? this.inner.readDirectory(dir) : [];
  }

  realPath(file: string): string | undefined {
    return this.inner.realPath(file);
  }
}
