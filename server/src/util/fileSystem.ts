// The engine never touches Node's fs directly: it reads through this interface, so tests can run on an
// in-memory site that records every read, and the checker and the server share one implementation.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
}

export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

export interface FileSystem {
  /** The bytes of a file decoded as UTF-8, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  readBytes(path: string): Uint8Array | undefined;
  stat(path: string): FileStat | undefined;
  readDirectory(path: string): DirEntry[];
  /** The path with every symbolic link resolved, or undefined when it does not exist. */
  realPath(path: string): string | undefined;
  /**
   * Whether the path itself (its last segment, not following it) is a symbolic link; undefined when
   * nothing is there. Optional: a file system without it has every read checked by `realPath`.
   */
  isSymbolicLink?(path: string): boolean | undefined;
}

export class NodeFileSystem implements FileSystem {
  readFile(path: string): string | undefined {
    const bytes = this.readBytes(path);
    return bytes === undefined ? undefined : decodeText(bytes);
  }

  readBytes(path: string): Uint8Array | undefined {
    let fd: number | undefined;
    try {
      // Non-blocking open, then only a regular file is read: a FIFO would block the server forever,
      // a device (/dev/zero) would never end.
      fd = nodeFs.openSync(path, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK);
      if (!nodeFs.fstatSync(fd).isFile()) return undefined;
      return nodeFs.readFileSync(fd);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) nodeFs.closeSync(fd);
    }
  }

  stat(path: string): FileStat | undefined {
    try {
      const s = nodeFs.statSync(path);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  readDirectory(path: string): DirEntry[] {
    try {
      return nodeFs.readdirSync(path, { withFileTypes: true }).map((d) => {
        let isFile = d.isFile();
        let isDirectory = d.isDirectory();
        if (d.isSymbolicLink()) {
          // Follow the link for its kind; where it leads is checked by whoever reads it.
          const s = this.stat(nodePath.join(path, d.name));
          isFile = s?.isFile ?? false;
          isDirectory = s?.isDirectory ?? false;
        }
        return { name: d.name, isFile, isDirectory };
      });
    } catch {
      return [];
    }
  }

  realPath(path: string): string | undefined {
    try {
      return nodeFs.realpathSync.native(path);
    } catch {
      return undefined;
    }
  }

  isSymbolicLink(path: string): boolean | undefined {
    try {
      return nodeFs.lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink();
    } catch {
      return undefined;
    }
  }
}

const utf8 = new TextDecoder('utf-8');

/** Decodes UTF-8, dropping a byte order mark (Hugo ignores it too). Invalid bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array): string {
  const text = utf8.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True when the bytes look like a binary file rather than text (a NUL byte in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
