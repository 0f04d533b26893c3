// Which content files Hugo makes pages, and the paths it finds them by. Pure: works on the files'
// paths inside the content tree ("docs/bundle/index.md"), as Hugo's page tree does.
//
// - A folder with an `index.md` is a leaf bundle: every other file under it, Markdown included, is a
//   resource of that page, not a page (Hugo never publishes it as one).
// - A top-level folder of the content tree is a section even without an `_index.md`; deeper folders
//   without one are not pages.
// - `ref`, `relref` and `GetPage` find a page by its path: lower case, without the extension and
//   without a trailing `index` / `_index` ("/docs/bundle"), or by its bare name ("bundle") when that
//   name is unique.
import * as path from '../util/path';

export interface ContentFile {
  /** Absolute path of the file. */
  file: string;
  /** Its path inside the content tree, forward slashes: "docs/bundle/index.md". */
  rel: string;
}

export interface PageSet {
  /** Leaf bundle folder in the content tree ("docs/bundle") -> its index file. */
  bundles: Map<string, string>;
  /** URL ("/blog/") of a top-level section that has no `_index.md` -> its folder (no page file). */
  sections: Map<string, string>;
  /** Hugo's page path ("/docs/bundle", "/" for the home page) -> the page (or a section's folder). */
  byPath: Map<string, string>;
  /** A page's bare name ("bundle", "plain") -> every page of that name. */
  byName: Map<string, string[]>;
}

const INDEX = /^index\.(md|markdown|html?)$/i;
const BRANCH = /^_index\.(md|markdown|html?)$/i;

/** Hugo's path of a content file: "docs/Bundle/index.md" -> "/docs/bundle". */
export function hugoPagePath(rel: string): string {
  const segs = rel.replace(/\.(md|markdown|html?)$/i, '').split('/').filter(Boolean);
  const last = segs[segs.length - 1];
  if (last === 'index' || last === '_index') segs.pop();
  return normalizePagePath('/' + segs.join('/'));
}

/** Lower case, spaces as hyphens, no trailing slash (except the root): as Hugo normalises page paths. */
export function normalizePagePath(p: string): string {
  let s = path.posix.normalize(p.startsWith('/') ? p : `/${p}`).toLowerCase().replace(/ /g, '-');
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/** The leaf bundle that owns a content file as a resource: its index file, or undefined for a page. */
export function bundleOwning(bundles: ReadonlyMap<string, string>, rel: string, file: string): string | undefined {
  if (bundles.size === 0) return undefined;
  let dir = path.posix.dirname(rel);
  while (dir !== '.' && dir !== '/' && dir !== '') {
    const index = bundles.get(dir);
    if (index !== undefined) return index === file ? undefined : index;
    dir = path.posix.dirname(dir);
  }
  return undefined;
}

/**
 * `contentRoot`: the content folder, which stands for the home page when no `_index` file is known
 * (Hugo always makes one).
 */
export function buildPageSet(files: readonly ContentFile[], contentRoot?: string): PageSet {
  const bundles = new Map<string, string>();
  for (const f of files) {
    const base = path.posix.basename(f.rel);
    const dir = path.posix.dirname(f.rel);
    if (INDEX.test(base) && dir !== '.') bundles.set(dir, f.file);
  }
  // An index file inside another bundle is a resource of the outer one.
  for (const dir of [...bundles.keys()]) if (bundleOwning(bundles, dir, '')) bundles.delete(dir);
  const byPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const branches = new Set<string>();
  const topFolders = new Map<string, string>();
  const add = (key: string, file: string): void => {
    if (!byPath.has(key)) byPath.set(key, file);
    const name = key === '/' ? '' : key.slice(key.lastIndexOf('/') + 1);
    const list = byName.get(name);
    if (list) list.push(file);
    else byName.set(name, [file]);
  };
  for (const f of files) {
    if (bundleOwning(bundles, f.rel, f.file)) continue;
    const key = hugoPagePath(f.rel);
    add(key, f.file);
    const segs = f.rel.split('/');
    if (BRANCH.test(segs[segs.length - 1]!)) branches.add(key);
    if (segs.length >= 2 && !topFolders.has(segs[0]!.toLowerCase())) {
      let dir = f.file;
      for (let i = 1; i < segs.length; i++) dir = path.dirname(dir);
      topFolders.set(segs[0]!.toLowerCase(), dir);
    }
  }
  const sections = new Map<string, string>();
  for (const [seg, dir] of topFolders) {
    const key = normalizePagePath('/' + seg);
    if (branches.has(key) || byPath.has(key)) continue;
    sections.set(key + '/', dir);
    add(key, dir);
  }
  if (contentRoot !== undefined && !byPath.has('/')) {
    sections.set('/', contentRoot);
    add('/', contentRoot);
  }
  return { bundles, sections, byPath, byName };
}
