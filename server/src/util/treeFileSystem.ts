// A read-only file system over a listing of a git tree (paths, modes, object ids, sizes) and a way to
// read blobs: the base revision of `handbook-check --since`, which the engine reads as it reads the
// working tree, with nothing checked out. It is mounted at the site folder, so the base's files have
// the same paths as the working tree's. Paths git does not track there — ignored files (a generated
// page) and submodules — are no part of any change, so they are read through from the disk folder.
import * as path from './path';
import { decodeText, type DirEntry, type FileStat, type FileSystem } from './fileSystem';

export interface TreeEntry {
  /** git's mode: 100644 / 100755 a file, 120000 a symbolic link. */
  mode: string;
  /** The blob's object id. */
  id: string;
  size: number;
}

export interface PassThrough {
  fs: FileSystem;
  /** The disk folder the mount stands for (its real path). */
  root: string;
  /** Paths relative to the mount (POSIX, no trailing slash) that are read from the disk. */
  paths: readonly string[];
}

const SYMLINK = '120000';

export class TreeFileSystem implements FileSystem {
  private readonly dirs = new Map<string, Map<string, DirEntry>>();
  private readonly through: Set<string>;

  constructor(
    /** Where the tree's root appears (an absolute path). */
    private readonly mount: string,
    private readonly entries: ReadonlyMap<string, TreeEntry>,
    private readonly blob: (id: string) => Uint8Array,
    private readonly passThrough?: PassThrough,
  ) {
    this.dirs.set('', new Map());
    for (const [p, e] of entries) this.add(p, e.mode !== SYMLINK, false);
    this.through = new Set(passThrough?.paths ?? []);
    for (const p of this.through) {
      const st = passThrough!.fs.stat(path.join(passThrough!.root, p));
      if (st) this.add(p, st.isFile, st.isDirectory);
    }
  }

  private add(p: string, isFile: boolean, isDirectory: boolean): void {
    const parts = p.split('/');
    let dir = '';
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      const last = i === parts.length - 1;
      const next = dir ? `${dir}/${name}` : name;
      const children = this.dirs.get(dir)!;
      if (!children.has(name)) children.set(name, { name, isFile: last && isFile, isDirectory: !last || isDirectory });
      if (!last && !this.dirs.has(next)) this.dirs.set(next, new Map());
      dir = next;
    }
  }

  /** The path relative to the mount (POSIX), or undefined outside it. */
  private rel(p: string): string | undefined {
    const r = path.relative(this.mount, path.resolve(p));
    if (r === '') return '';
    if (r.startsWith('..') || path.isAbsolute(r)) return undefined;
    return r.split(path.sep).join('/');
  }

  /** The disk path of a path that is read through, or undefined when it is in the tree. */
  private disk(rel: string): string | undefined {
    if (!this.passThrough || this.through.size === 0) return undefined;
    for (let p = rel; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
      if (this.through.has(p)) return path.join(this.passThrough.root, rel);
    }
    return undefined;
  }

  /** Follows the tree's symbolic links in every segment; undefined when one leads out of it or loops. */
  private resolve(rel: string, depth = 0): string | undefined {
    if (depth > 40) return undefined;
    const parts = rel.split('/').filter(Boolean);
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      const next = cur ? `${cur}/${parts[i]}` : parts[i]!;
      const e = this.entries.get(next);
      if (e?.mode === SYMLINK) {
        const target = decodeText(this.blob(e.id));
        if (path.posix.isAbsolute(target)) return undefined;
        const joined = path.posix.normalize(path.posix.join(cur, target, ...parts.slice(i + 1)));
        if (joined === '..' || joined.startsWith('../')) return undefined;
        return this.resolve(joined === '.' ? '' : joined, depth + 1);
      }
      cur = next;
    }
    return cur;
  }

  readBytes(p: string): Uint8Array | undefined {
    const rel = this.rel(p);
    if (rel === undefined) return undefined;
    const d = this.disk(rel);
    if (d !== undefined) return this.passThrough!.fs.readBytes(d);
    const r = this.resolve(rel);
    const e = r === undefined ? undefined : this.entries.get(r);
    return e && e.mode !== SYMLINK ? this.blob(e.id) : undefined;
  }

  readFile(p: string): string | undefined {
    const b = this.readBytes(p);
    return b === undefined ? undefined : decodeText(b);
  }

  stat(p: string): FileStat | undefined {
    const rel = this.rel(p);
    if (rel === undefined) return undefined;
    const d = this.disk(rel);
    if (d !== undefined) return this.passThrough!.fs.stat(d);
    const r = this.resolve(rel);
    if (r === undefined) return undefined;
    const e = this.entries.get(r);
    if (e && e.mode !== SYMLINK) return { isFile: true, isDirectory: false, size: e.size, mtimeMs: 0 };
    if (this.dirs.has(r)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 };
    return undefined;
  }

  readDirectory(p: string): DirEntry[] {
    const rel = this.rel(p);
    if (rel === undefined) return [];
    const d = this.disk(rel);
    if (d !== undefined) return this.passThrough!.fs.readDirectory(d);
    const r = this.resolve(rel);
    const children = r === undefined ? undefined : this.dirs.get(r);
    if (!children) return [];
    return [...children.values()].map((c) => {
      if (c.isFile || c.isDirectory) return c;
      // A symbolic link: its kind is where it leads.
      const st = this.stat(path.join(p, c.name));
      return { name: c.name, isFile: st?.isFile ?? false, isDirectory: st?.isDirectory ?? false };
    });
  }

  realPath(p: string): string | undefined {
    const rel = this.rel(p);
    if (rel === undefined) return undefined;
    const d = this.disk(rel);
    if (d !== undefined) {
      const real = this.passThrough!.fs.realPath(d);
      if (real === undefined) return undefined;
      const back = path.relative(this.passThrough!.root, real);
      // Inside the folder it stands for: the same place under the mount; elsewhere: where it leads.
      return back.startsWith('..') || path.isAbsolute(back) ? real : path.join(this.mount, back);
    }
    const r = this.resolve(rel);
    if (r === undefined || (!this.entries.has(r) && !this.dirs.has(r))) return undefined;
    return r === '' ? this.mount : path.join(this.mount, ...r.split('/'));
  }

  isSymbolicLink(p: string): boolean | undefined {
    const rel = this.rel(p);
    if (rel === undefined) return undefined;
    const d = this.disk(rel);
    if (d !== undefined) return this.passThrough!.fs.isSymbolicLink?.(d);
    if (this.entries.get(rel)?.mode === SYMLINK) return true;
    // Only the last segment counts here; a link further up is found by realPath.
    const r = this.resolve(rel);
    return r !== undefined && (this.entries.has(r) || this.dirs.has(r)) ? false : undefined;
  }
}
