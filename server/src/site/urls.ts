// Pages and URLs as Hugo makes them with pretty URLs: content/a/b/_index.md is /a/b/, content/a/b/c.md
// and content/a/b/c/index.md are /a/b/c/; front matter `url`, `slug` and `aliases` change or add URLs.
// Paths are lower-cased (Hugo's default, disablePathToLower: false).
import * as path from '../util/path';

export interface PageUrlInput {
  /** The file's path inside the content tree, with forward slashes: "handbook/x/_index.md". */
  contentPath: string;
  url?: string;
  slug?: string;
  aliases?: readonly string[];
}

/** The URL Hugo serves the page at, and any alias URLs. */
export function pageUrls(p: PageUrlInput): { url: string; aliases: string[] } {
  const url = p.url ? normalizeUrlPath(p.url.startsWith('/') ? p.url : `/${p.url}`) : ownUrl(p);
  // An alias without a leading slash sits beside the page: Hugo joins it to the parent of the page's URL.
  const beside = path.posix.join(url, '..');
  const aliases = (p.aliases ?? []).map((a) => normalizeUrlPath(a.startsWith('/') ? a : path.posix.join(beside, a)));
  return { url, aliases };
}

function ownUrl(p: PageUrlInput): string {
  const noExt = p.contentPath.replace(/\.(md|markdown|html?)$/i, '');
  const segs = noExt.split('/').filter(Boolean);
  const last = segs[segs.length - 1];
  if (last === '_index' || last === 'index') segs.pop();
  else if (p.slug && segs.length) segs[segs.length - 1] = p.slug;
  return normalizeUrlPath('/' + segs.join('/'));
}

/**
 * One spelling for every way an author writes a page URL: `/x/`, `/x`, `/x/index.html`,
 * `/x/_index.md`, `/x.md`, `/x.html` all become `/x/`. Query and fragment must already be removed.
 */
export function normalizeUrlPath(u: string, hook = true): string {
  let p = u;
  try {
    p = decodeURI(p);
  } catch {
    // keep it as written
  }
  // The link render hook's GetPage reads `_index` (with or without `.md`) as the section it names
  // (Hugo >= 0.123 drops `_index` from page paths); a browser only knows `index.html`.
  p = hook ? p.replace(/\/(index|_index)\.(html?|md)$/i, '/').replace(/(^|\/)_index$/i, '/').replace(/\.(md|html?)$/i, '') : p.replace(/\/index\.html?$/i, '/');
  p = path.posix.normalize(p.startsWith('/') ? p : `/${p}`);
  if (!p.endsWith('/')) p += '/';
  return p.replace(/\s/g, '-').toLowerCase();
}

/** Splits a link destination into path, fragment and whether it is external or otherwise unresolvable. */
export function splitDestination(dest: string): { path: string; fragment: string | undefined; external: boolean } {
  // A backslash before ASCII punctuation is an escape in CommonMark: `(\#id)` links to `#id`.
  const d = dest.trim().replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (/^[a-z][a-z0-9+.-]*:/i.test(d) || d.startsWith('//')) return { path: d, fragment: undefined, external: true };
  if (d.includes('{{')) return { path: d, fragment: undefined, external: true }; // a template expression
  const hash = d.indexOf('#');
  const beforeHash = hash === -1 ? d : d.slice(0, hash);
  const fragment = hash === -1 ? undefined : d.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  return { path: q === -1 ? beforeHash : beforeHash.slice(0, q), fragment, external: false };
}
