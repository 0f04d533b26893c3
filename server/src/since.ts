// `handbook-check --since REF`: the base revision of a site, read from git's objects (nothing is
// checked out and the working tree is not touched), and git's renames between it and the working
// tree. Part of the checker, like cli.ts: it runs git.
import { spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from './util/fileSystem';
import { NodeFileSystem } from './util/nodeFileSystem';
import { TreeFileSystem, type TreeEntry } from './util/treeFileSystem';

/** What went wrong with git or the revision: the checker says it in one line and exits 2. */
export class SinceError extends Error {}

export interface BaseRevision {
  ref: string;
  commit: string;
  /** The site as it was at the revision, mounted at the site folder's path. */
  fs: FileSystem;
  /**
   * The file a working-tree file was at the revision (paths relative to the site folder, POSIX), or
   * undefined when it is new: git's rename detection, so a moved page's old problems are not new.
   */
  baseFileOf(file: string): string | undefined;
}

/** Files read ahead of the check in one `git cat-file --batch` (what the engine reads); others on demand. */
const TEXT = /\.(md|markdown|mdown|html?|toml|ya?ml|json)$/i;
const PREFETCH_LIMIT = 4_000_000;

interface Run {
  status: number | null;
  stdout: Buffer;
  stderr: string;
  error?: Error;
}

function git(cwd: string, args: string[], input?: string, maxBuffer = 64 * 1024 * 1024): Run {
  const r = spawnSync('git', args, {
    cwd,
    input,
    maxBuffer,
    // Literal pathspecs (a folder named "*"), no optional index writes (a pre-commit hook holds the lock).
    env: { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
  });
  return { status: r.status, stdout: r.stdout ?? Buffer.alloc(0), stderr: (r.stderr ?? Buffer.alloc(0)).toString('utf8').trim(), error: r.error };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

function must(r: Run, what: string): Buffer {
  if (r.error) throw new SinceError(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new SinceError(`${what}: ${firstLine(r.stderr) || `git exited with ${r.status}`}`);
  return r.stdout;
}

/** Reads the site folder `siteDir` as it was at `ref`. Throws SinceError with a clear reason. */
export function openBase(siteDir: string, ref: string): BaseRevision {
  const probe = git(siteDir, ['--version']);
  if (probe.error) {
    throw new SinceError(
      (probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (or not on PATH); --since reads the base revision with git' : `cannot run git: ${probe.error.message}`,
    );
  }
  const topRun = git(siteDir, ['rev-parse', '--show-toplevel']);
  if (topRun.status !== 0 || !topRun.stdout.length) throw new SinceError(`${siteDir} is not in a git repository; --since compares with a git revision`);
  const top = nodeFs.realpathSync(topRun.stdout.toString('utf8').trim());
  if (ref.startsWith('-')) throw new SinceError(`"${ref}" is not a git revision`);
  const rev = git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (rev.status !== 0) {
    const shallow = git(top, ['rev-parse', '--is-shallow-repository']).stdout.toString().trim() === 'true';
    throw new SinceError(
      `"${ref}" is not a commit in this repository` +
        (shallow ? ` (it is a shallow clone: fetch the revision first, e.g. git fetch --depth=1 origin ${ref})` : ' (a branch, tag or commit id; fetch it first if it is only on the remote)'),
    );
  }
  const commit = rev.stdout.toString('utf8').trim();
  const realSite = nodeFs.realpathSync(siteDir);
  const prefix = path.relative(top, realSite).split(path.sep).join('/');
  if (prefix.startsWith('..')) throw new SinceError(`${siteDir} is outside its git repository ${top}`);
  const spec = prefix ? ['--', prefix] : [];
  const strip = (p: string): string | undefined => (!prefix ? p : p === prefix ? '' : p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : undefined);

  // The tree at the revision: mode, type, id, size and path of every file under the site folder.
  const entries = new Map<string, TreeEntry>();
  const submodules: string[] = [];
  for (const rec of must(git(top, ['ls-tree', '-r', '-l', '-z', commit, ...spec], undefined, 512 * 1024 * 1024), `cannot list ${ref}`).toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, id, size] = rec.slice(0, tab).split(/ +/);
    const p = strip(rec.slice(tab + 1));
    if (p === undefined || p === '') continue;
    if (type === 'commit') submodules.push(p);
    else if (type === 'blob') entries.set(p, { mode: mode!, id: id!, size: Number(size) });
  }

  // What git ignores in the working tree (generated files) and submodules are no part of any change:
  // the base sees them as the working tree has them.
  const ignored = must(git(top, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', ...spec]), 'cannot list the ignored files')
    .toString('utf8')
    .split('\0')
    .map((p) => strip(p.replace(/\/$/, '')))
    .filter((p): p is string => !!p && !entries.has(p));

  // Renames between the revision and the working tree (staged or not), as git detects them.
  const renamedFrom = new Map<string, string>();
  const renamedAway = new Set<string>();
  const diff = must(git(top, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', commit, ...spec]), `cannot compare the working tree with ${ref}`).toString('utf8').split('\0');
  for (let i = 0; i < diff.length; ) {
    const status = diff[i++];
    if (!status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = strip(diff[i++]!);
      const to = strip(diff[i++]!);
      if (status.startsWith('R') && from !== undefined && to !== undefined) {
        renamedFrom.set(to, from);
        renamedAway.add(from);
      }
    } else i++;
  }

  // The blobs the engine will read, in one batch.
  const blobs = new Map<string, Uint8Array>();
  const sizes = new Map<string, number>();
  for (const [p, e] of entries) if (e.size <= PREFETCH_LIMIT && (TEXT.test(p) || e.mode === '120000')) sizes.set(e.id, e.size);
  const wanted = [...sizes.keys()];
  if (wanted.length) {
    let total = 0;
    for (const n of sizes.values()) total += n;
    const out = must(git(top, ['cat-file', '--batch'], wanted.join('\n') + '\n', total + wanted.length * 100 + (1 << 20)), `cannot read ${ref}'s files`);
    for (let i = 0; i < out.length; ) {
      const nl = out.indexOf(10, i);
      const header = out.subarray(i, nl).toString('latin1').split(' ');
      if (header[1] !== 'blob') throw new SinceError(`cannot read ${ref}'s files: object ${header[0]} is ${header[1] ?? 'missing'} (a partial clone?)`);
      const size = Number(header[2]);
      blobs.set(header[0]!, out.subarray(nl + 1, nl + 1 + size));
      i = nl + 1 + size + 1;
    }
  }
  const blob = (id: string): Uint8Array => {
    let b = blobs.get(id);
    if (!b) {
      b = new Uint8Array(must(git(top, ['cat-file', 'blob', id], undefined, 1 << 30), `cannot read ${ref}'s object ${id}`));
      blobs.set(id, b);
    }
    return b;
  };

  const mount = path.resolve(siteDir);
  return {
    ref,
    commit,
    fs: new TreeFileSystem(mount, entries, blob, { fs: new NodeFileSystem(), root: realSite, paths: [...ignored, ...submodules] }),
    baseFileOf: (file) => renamedFrom.get(file) ?? (renamedAway.has(file) ? undefined : file),
  };
}
