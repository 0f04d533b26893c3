// The file system of the Node builds (the server's main.ts and the checker): Node's fs, read
// synchronously. Node-only: the engine never imports this module (the web worker has no disk).
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { decodeText, type DirEntry, type FileStat, type FileSystem } from './fileSystem';

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
