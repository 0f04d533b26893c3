// A site folder on disk as the files of an in-memory site: every file below `dir`, keyed by its path
// below `root` (POSIX), with its text.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function siteFilesOf(dir: string, root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.posix.join(root, path.relative(dir, p).split(path.sep).join('/'))] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}
