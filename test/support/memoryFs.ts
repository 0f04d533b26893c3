// An in-memory file system for tests: POSIX paths, optional symbolic links, and a record of reads so a
// test can assert what the engine touched.
import * as path from 'node:path';
import { decodeText, type DirEntry, type FileStat, type FileSystem } from '../../server/src/util/fileSystem';

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly links = new Map<string, string>();
  readonly reads: string[] = [];
  private mtime = 1;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
  }

  write(p: string, content: string | Uint8Array): void {
    this.files.set(path.posix.normalize(p), typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtime++;
  }

  delete(p: string): void {
    this.files.delete(p);
    this.mtime++;
  }

  /** Makes `p` a symbolic link to `target` (absolute). */
  symlink(p: string, target: string): void {
    this.links.set(p, target);
  }

  /** Follows links in every segment; undefined on a loop. */
  private resolve(p: string, depth = 0): string | undefined {
    if (depth > 40) return undefined;
    const parts = path.posix.normalize(p).split('/').filter(Boolean);
    let cur = '/';
    for (let i = 0; i < parts.length; i++) {
      const next = path.posix.join(cur, parts[i]!);
      const target = this.links.get(next);
      if (target !== undefined) {
        const r = this.resolve(path.posix.join(target, ...parts.slice(i + 1)), depth + 1);
        return r;
      }
      cur = next;
    }
    return cur;
  }

  private isDir(p: string): boolean {
    if (p === '/') return true;
    const prefix = p.endsWith('/') ? p : p + '/';
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    for (const l of this.links.keys()) if (l.startsWith(prefix)) return true;
    return false;
  }

  readBytes(p: string): Uint8Array | undefined {
    this.reads.push(p);
    const r = this.resolve(p);
    return r === undefined ? undefined : this.files.get(r);
  }

  readFile(p: string): string | undefined {
    const b = this.readBytes(p);
    return b === undefined ? undefined : decodeText(b);
  }

  stat(p: string): FileStat | undefined {
    const r = this.resolve(p);
    if (r === undefined) return undefined;
    const f = this.files.get(r);
    if (f) return { isFile: true, isDirectory: false, size: f.length, mtimeMs: this.mtime };
    if (this.isDir(r)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: this.mtime };
    return undefined;
  }

  readDirectory(p: string): DirEntry[] {
    const r = this.resolve(p);
    if (r === undefined || !this.isDir(r)) return [];
    const prefix = r === '/' ? '/' : r + '/';
    const names = new Set<string>();
    for (const f of [...this.files.keys(), ...[...this.links.keys()].filter((l) => l.startsWith(prefix))]) {
      if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort().map((name) => {
      const s = this.stat(path.posix.join(r, name));
      return { name, isFile: s?.isFile ?? false, isDirectory: s?.isDirectory ?? false };
    });
  }

  realPath(p: string): string | undefined {
    const r = this.resolve(p);
    return r !== undefined && this.stat(r) ? r : undefined;
  }

  isSymbolicLink(p: string): boolean | undefined {
    const n = path.posix.normalize(p);
    const dir = this.resolve(path.posix.dirname(n));
    if (dir === undefined) return undefined;
    const here = path.posix.join(dir, path.posix.basename(n));
    if (this.links.has(here)) return true;
    return this.stat(here) ? false : undefined;
  }
}
