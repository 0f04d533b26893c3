// Where a Markdown link lands, the way the site serves it: site-root links against the content tree
// (every spelling of a page URL, aliases and `url` front matter), then the static folders; relative
// links read both relative to the file's folder (as Hugo's GetPage does) and to the page's URL (as a
// browser does) — good if either lands. External links are never fetched.
import * as path from '../util/path';
import { componentPath, isInside, isMarkdownFile, type Site } from '../site/site';
import { fileUnderMount } from '../site/includes';
import { normalizeUrlPath, splitDestination } from '../site/urls';
import type { IndexView } from './view';

export type LinkTarget =
  | { kind: 'page'; file: string; fragment: string | undefined }
  | { kind: 'file'; file: string; fragment: string | undefined }
  /** `resource`: the link names a Markdown file of a leaf bundle (this index file's), not a page. */
  | { kind: 'missing'; fragment: string | undefined; resource?: string }
  | { kind: 'external' };

/**
 * `html`: a raw HTML `<a href>`, which no render hook rewrites: it lands where a browser takes it, from
 * the page's URL, and only a page URL as served (`/x/`, `/x`, `/x/index.html`) finds a page.
 */
export function resolveLink(index: IndexView, from: string, destination: string, html = false): LinkTarget {
  const site = index.siteOf(from);
  const d = splitDestination(destination);
  if (d.external || !site) return { kind: 'external' };
  if (d.path === '') return { kind: 'page', file: from, fragment: d.fragment };
  if (html) {
    const base = d.path.startsWith('/') ? '/' : index.urlOf(from);
    return base ? siteRoot(index, site, path.posix.join(base, d.path), d.fragment, 'served') : { kind: 'missing', fragment: d.fragment };
  }
  if (d.path.startsWith('/')) {
    const t = siteRoot(index, site, d.path, d.fragment);
    return t.kind === 'missing' && !t.resource ? (globalResource(index, site, d.path, d.fragment) ?? t) : t;
  }
  // Relative to the file's folder, inside the content tree: the link hook's GetPage, which finds
  // pages (and the content files beside them), never the static folders.
  let resource: string | undefined;
  const content = componentPath(site.mounts.content, from);
  if (content) {
    const folder = path.posix.dirname(content.rel);
    const byFile = siteRoot(index, site, '/' + path.posix.join(folder, d.path), d.fragment, 'content');
    if (byFile.kind !== 'missing') return byFile;
    resource ??= byFile.resource;
    // GetPage then reads a path not written with `./` or `../` from the content root (so `_index.md`
    // from a folder without one is the home page).
    if (!d.path.startsWith('.')) {
      const fromRoot = siteRoot(index, site, '/' + d.path, d.fragment, 'content');
      if (fromRoot.kind === 'page') return fromRoot;
    }
  }
  // Relative to the page's URL: where a browser takes the link the hook left as written.
  const url = index.urlOf(from);
  if (url) {
    const byUrl = siteRoot(index, site, path.posix.join(url, d.path), d.fragment, 'served');
    if (byUrl.kind !== 'missing') return byUrl;
    resource ??= byUrl.resource;
  }
  // A plain file beside this one (an image next to an include, say).
  const beside = path.join(path.dirname(from), ...d.path.split('/'));
  if (isInside(site.root, beside) && index.fs.stat(beside)?.isFile) {
    const t = fileTarget(index, beside, d.fragment);
    if (t.kind !== 'missing') return t;
    resource ??= t.resource;
  }
  // Last, the link hook's resources.Get: a file of the assets, by its path there (published when used).
  const asset = resource ? undefined : globalResource(index, site, d.path, d.fragment);
  if (asset) return asset;
  return { kind: 'missing', fragment: d.fragment, ...(resource ? { resource } : {}) };
}

/**
 * A file of the site's assets that the link render hook finds with `resources.Get` (a global resource,
 * which its `.RelPermalink` publishes): the path from the assets root, a leading `/` or `./` dropped;
 * a path with `..` finds none.
 */
function globalResource(index: IndexView, site: Site, p: string, fragment: string | undefined): LinkTarget | undefined {
  let rel = p.replace(/^(?:\.\/|\/)+/, '');
  try {
    rel = decodeURI(rel);
  } catch {
    // as written
  }
  if (rel === '' || rel.split('/').includes('..')) return undefined;
  for (const m of site.mounts.assets) {
    const f = fileUnderMount(m, rel);
    if (f && index.fs.stat(f)?.isFile) return { kind: 'file', file: f, fragment };
  }
  return undefined;
}

/**
 * The page URLs (normalised) that resolving this destination from `from` looks up, whether or not a
 * page is there now: the keys of the link graph. A page whose URLs or anchors change affects exactly
 * the links that look up one of its URLs. `ownUrl` is the URL of `from` (relative links are read from
 * it too). A superset is harmless (a page may be re-checked for nothing), a missing key is not: every
 * path `siteRoot` may look up is here, in both the render hook's and a browser's reading.
 */
export function pageKeysOf(site: Site, from: string, ownUrl: string | undefined, destination: string): string[] {
  const d = splitDestination(destination);
  if (d.external || d.path === '') return [];
  const paths: string[] = [];
  if (d.path.startsWith('/')) paths.push(d.path);
  else {
    const content = componentPath(site.mounts.content, from);
    if (content) {
      paths.push('/' + path.posix.join(path.posix.dirname(content.rel), d.path));
      if (!d.path.startsWith('.')) paths.push('/' + d.path);
    }
    if (ownUrl) paths.push(path.posix.join(ownUrl, d.path));
  }
  const keys = new Set<string>();
  for (const p of paths) {
    keys.add(normalizeUrlPath(p, true));
    keys.add(normalizeUrlPath(p, false));
  }
  return [...keys];
}

/**
 * A site-root path. `hook` (a Markdown link): a page as the link render hook's GetPage finds it, in any
 * spelling of its path, else a URL as served; `content`: a page or a content file only (GetPage from the
 * file's folder); `served`: what a browser finds at the URL as written.
 */
function siteRoot(index: IndexView, site: Site, p: string, fragment: string | undefined, mode: 'hook' | 'content' | 'served' = 'hook'): LinkTarget {
  const served = mode === 'served';
  // As served, a page is at its folder: `.md` spellings are for the link render hook only. An alias is
  // a redirect page that only a browser finds (GetPage knows no aliases): as served, case and all.
  const last = p.slice(p.lastIndexOf('/') + 1);
  const servedSpelling = last === '' || /^index\.html?$/i.test(last) || !last.includes('.');
  const url = !served || servedSpelling ? normalizeUrlPath(p, !served) : undefined;
  const page = url === undefined ? undefined : index.pageAt(site, url);
  if (page) {
    // A section with no _index.md has no URL of its own to compare (no facts): it is never an alias.
    const own = index.urlOf(page);
    if (own === url || own === undefined) return { kind: 'page', file: page, fragment };
    const asServed = mode !== 'content' && servedSpelling && !/[A-Z]/.test(p.replace(/index\.html?$/i, '')) && (served || normalizeUrlPath(p, false) === url);
    if (asServed) return { kind: 'page', file: page, fragment };
  }
  const resource = url === undefined ? undefined : index.bundleResourceAt(site, url);
  if (resource) return { kind: 'missing', fragment, resource };
  let rel = p.replace(/^\/+/, '');
  try {
    rel = decodeURI(rel);
  } catch {
    // as written
  }
  if (rel === '' || rel.split('/').includes('..')) return { kind: 'missing', fragment };
  // A page's source file is not published: a browser asking for `/x.md` finds nothing.
  const components = mode === 'content' ? [site.mounts.content] : served && /\.(md|markdown|html?)$/i.test(rel) ? [site.mounts.static] : [site.mounts.static, site.mounts.content];
  for (const component of components) {
    for (const m of component) {
      const f = fileUnderMount(m, rel);
      if (f && index.fs.stat(f)?.isFile) return fileTarget(index, f, fragment);
    }
  }
  return { kind: 'missing', fragment };
}

/** A file a link names: a leaf bundle's Markdown resource is no published file (Hugo renders no page for it). */
function fileTarget(index: IndexView, file: string, fragment: string | undefined): LinkTarget {
  const bundle = isMarkdownFile(file) ? index.bundleOf(file) : undefined;
  return bundle ? { kind: 'missing', fragment, resource: bundle } : { kind: 'file', file, fragment };
}
