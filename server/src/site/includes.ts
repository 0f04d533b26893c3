// Where an `{{% include "…" %}}` path leads. docsy-gitlab's include reads the file through Hugo's
// resources, so the path resolves against the assets mounts (and extra include roots), never against
// content/ or the page's folder. A path that would leave those folders is refused before any read.
import * as path from '../util/path';
import type { FileSystem } from '../util/fileSystem';
import { isInside, type Mount, type Site } from './site';

export type IncludeResolution =
  | { kind: 'found'; file: string; rel: string }
  | { kind: 'missing'; rel: string }
  | { kind: 'outside'; reason: string }
  | { kind: 'empty' };

/** Normalises an include path to a clean relative path, or says why it cannot be one. */
export function normalizeIncludePath(raw: string): { rel: string } | { reason: string } | { empty: true } {
  const p = raw.trim();
  if (p === '') return { empty: true };
  if (p.includes('\0')) return { reason: 'contains a NUL character' };
  if (p.includes('\\')) return { reason: 'uses "\\"; Hugo paths use "/"' };
  if (p.startsWith('~')) return { reason: 'starts with "~", which Hugo does not expand' };
  if (/^[A-Za-z]:/.test(p)) return { reason: 'is a drive path' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return { reason: 'is a URL; use include-remote for remote files' };
  const out: string[] = [];
  // A leading "/" is relative to the assets root, as Hugo's resources.Get reads it.
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return { reason: 'climbs out of the include folders with ".."' };
      out.pop();
      continue;
    }
    out.push(seg);
  }
  if (out.length === 0) return { empty: true };
  return { rel: out.join('/') };
}

/** Resolves an include path against the site's include roots, reading nothing outside them. */
export function resolveInclude(fs: FileSystem, site: Site, raw: string): IncludeResolution {
  const norm = normalizeIncludePath(raw);
  if ('empty' in norm) return { kind: 'empty' };
  if ('reason' in norm) return { kind: 'outside', reason: norm.reason };
  for (const root of site.includeRoots) {
    const file = fileUnderMount(root, norm.rel);
    if (!file) continue;
    if (fs.realPath(file) === undefined) continue; // nothing there
    if (!linksStayInside(fs, root.source, file)) {
      return { kind: 'outside', reason: 'is a symbolic link that leads out of the site' };
    }
    const st = fs.stat(file);
    // It exists, yet the (workspace-confined) file system will not show it: it lies outside the workspace.
    if (!st) return { kind: 'outside', reason: 'leads out of the workspace' };
    if (!st.isFile) continue;
    return { kind: 'found', file, rel: norm.rel };
  }
  return { kind: 'missing', rel: norm.rel };
}

/** The file a component-relative path names inside one mount, or undefined when the mount does not cover it. */
export function fileUnderMount(mount: Mount, rel: string): string | undefined {
  if (mount.target) {
    if (rel !== mount.target && !rel.startsWith(mount.target + '/')) return undefined;
    rel = rel.slice(mount.target.length + 1);
  }
  const file = path.join(mount.source, ...rel.split('/'));
  return isInside(mount.source, file) ? file : undefined;
}

/** True when the real location of `file` (all symbolic links followed) is still inside `root`'s real location. */
export function linksStayInside(fs: FileSystem, root: string, file: string): boolean {
  const realRoot = fs.realPath(root);
  const realFile = fs.realPath(file);
  return realRoot !== undefined && realFile !== undefined && isInside(realRoot, realFile);
}
