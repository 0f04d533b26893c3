// The workspace is the boundary: the engine reads through this wrapper, which answers "nothing there"
// for any path whose real location (every symbolic link followed) is outside the folders it was given.
// Whatever a workspace holds — a symbolic link to a home folder, a Hugo config whose contentDir or
// module mounts point elsewhere, an include path that climbs out — nothing outside is stat'ed, listed
// or read, whichever feature asks. The folders are the workspace folders (the checker's SITE_DIR) and
// the extra folders the user names in settings.
import * as path from 'node:path';
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

  /** True when `file` exists and its real location is inside one of the roots. */
  allows(file: string): boolean {
    const real = this.inner.realPath(file);
    if (real === undefined) return false;
    if (this.roots.some((r) => inside(r, real))) return true;
    this.onRefused(file, real);
    return false;
  }

  readFile(file: string): string | undefined {
    return this.allows(file) ? this.inner.readFile(file) : undefined;
  }

  readBytes(file: string): Uint8Array | undefined {
    return this.allows(file) ? this.inner.readBytes(file) : undefined;
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

function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}
