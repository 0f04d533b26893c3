// Where a `{{< ref "…" >}}` / `{{< relref "…" >}}` lands, the way Hugo (0.123 and later) finds the page:
// by its path in the content tree, not by its URL (front matter `url`, `slug` and `aliases` play no
// part). A path without a leading slash is looked up from the page first — from the folder of a
// section's `_index.md`, from the folder that holds a leaf bundle (unless the path has an extension
// and climbs with `../`, which starts in the bundle), from a regular page's folder — then, unless it
// starts with `.`, from the content root. A bare name with no slash at all is last looked up among
// every page of that name: two such pages make the reference ambiguous, and Hugo fails the build.
import * as path from '../util/path';
import { componentPath } from '../site/site';
import { hugoPagePath, normalizePagePath } from '../site/pages';
import type { IndexView } from './view';

export type RefTarget =
  | { kind: 'page'; file: string; fragment: string | undefined }
  | { kind: 'missing'; path: string; fragment: string | undefined }
  | { kind: 'ambiguous'; path: string; candidates: string[]; fragment: string | undefined }
  /** The page the ref stands in is not known (an include file's relative ref depends on its includer). */
  | { kind: 'unknown' };

const BRANCH = /^_index\.[^./]+$/i;
const LEAF = /^index\.[^./]+$/i;

/** Splits a ref target into its page path and `#fragment` (a `?query` is dropped, as url.Parse does). */
export function splitRef(target: string): { path: string; fragment: string | undefined } {
  const hash = target.indexOf('#');
  let p = hash === -1 ? target : target.slice(0, hash);
  const q = p.indexOf('?');
  if (q !== -1) p = p.slice(0, q);
  return { path: p.trim(), fragment: hash === -1 ? undefined : target.slice(hash + 1) };
}

function hasExtension(p: string): boolean {
  for (let i = p.length - 1; i >= 0; i--) {
    if (p[i] === '.') return true;
    if (p[i] === '/') return false;
  }
  return false;
}

/** The name a bare ref matches: "notes.md" and "notes" -> "notes"; "_index.md" -> "" (the home page). */
function bareName(ref: string): string {
  const base = ref.replace(/\.[^./]*$/, '');
  return base === 'index' || base === '_index' ? '' : normalizePagePath('/' + base).slice(1);
}

export function resolveRef(index: IndexView, from: string, target: string): RefTarget {
  const site = index.siteOf(from);
  if (!site) return { kind: 'unknown' };
  const { path: written, fragment } = splitRef(target);
  const fromRel = componentPath(site.mounts.content, from)?.rel;
  if (written === '') return fromRel === undefined ? { kind: 'unknown' } : { kind: 'page', file: from, fragment };
  let ref = written.replace(/\\/g, '/').replace(/\/$/, '');
  const inRef = ref;
  if (fromRel === undefined && !ref.startsWith('/')) return { kind: 'unknown' };
  if (ref === '') ref = '/';
  const pages = index.pageSet(site);
  const lookup = (p: string): string | undefined => pages.byPath.get(hugoPagePath(p));

  const forRef = (hadExt: boolean, r: string): RefTarget | undefined => {
    if (fromRel !== undefined && !r.startsWith('/')) {
      const base = path.posix.basename(fromRel);
      const dir = '/' + (path.posix.dirname(fromRel) === '.' ? '' : path.posix.dirname(fromRel));
      const from = BRANCH.test(base) || (hadExt && r.startsWith('../')) ? dir : LEAF.test(base) ? path.posix.dirname(dir) : dir;
      const hit = lookup(path.posix.join(from, r)) ?? (hadExt ? lookup(path.posix.join(dir, inRef)) : undefined);
      if (hit) return { kind: 'page', file: hit, fragment };
    }
    if (r.startsWith('.')) return undefined;
    const hit = lookup(r);
    if (hit) return { kind: 'page', file: hit, fragment };
    if (inRef.includes('/')) return undefined;
    const named = pages.byName.get(bareName(r)) ?? [];
    if (named.length === 1) return { kind: 'page', file: named[0]!, fragment };
    if (named.length > 1) return { kind: 'ambiguous', path: written, candidates: [...named], fragment };
    return undefined;
  };

  let found: RefTarget | undefined;
  if (hasExtension(ref)) found = forRef(true, ref);
  else if (ref === '/') found = forRef(false, '/_index.md');
  else if (ref.endsWith('/index')) found = forRef(false, `${ref}/index.md`) ?? forRef(false, `${ref}.md`);
  else found = forRef(false, `${ref}.md`);
  return found ?? { kind: 'missing', path: written, fragment };
}

/** Hugo's path of a page file (what a ref from the content root names it by): "/docs/bundle". */
export function refPathOf(index: IndexView, file: string): string | undefined {
  const site = index.siteOf(file);
  const rel = site && componentPath(site.mounts.content, file)?.rel;
  return rel === undefined ? undefined : hugoPagePath(rel);
}
