// The engine never touches Node's fs directly: it reads through this interface, so tests can run on an
// in-memory site that records every read, the checker and the server share one implementation
// (util/nodeFileSystem.ts), and the web worker reads what the editor streams to it
// (util/streamedFileSystem.ts).

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
  /**
   * A file system whose contents arrive over time (the web worker's, fed by the editor): true when the
   * file is listed — `stat` and `readDirectory` know it — but its content has not arrived yet. Reading
   * it then answers undefined and asks for it. A check that needs such a file must wait, never answer
   * "not found". Absent: every listed file can be read now.
   */
  isPending?(path: string): boolean;
  /** Such a file system: resolves when every listed file has arrived. */
  whenAllRead?(): Promise<void>;
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
