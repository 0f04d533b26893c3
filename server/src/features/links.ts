// Links and anchors the way Hugo resolves them: diagnostics with fixes, hover, definition, document
// links, completion of page paths and anchors, references to pages and headings, symbols.
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import type { Anchor } from '../index/facts';
import type { SiteView } from './view';
import { includeLinksToPages, linksToPages, pagesShowing } from '../index/linkGraph';
import { resolveLink, type LinkTarget } from '../index/resolveLink';
import { resolveRef } from '../index/resolveRef';
import type { ParsedDocument } from '../parse/document';
import type { Link } from '../parse/links';
import { componentPath, type Site } from '../site/site';
import { splitDestination } from '../site/urls';
import { closest } from '../util/fuzzy';
import { detached } from '../util/strings';
import type { Fix, Location, Problem } from './types';

/** True when the site's link checker configuration excludes this destination. */
function excluded(site: Site, destination: string): boolean {
  return site.linkExcludes.some((re) => re.test(destination));
}

/** Per site (its exclude patterns): whether a resolved URL is excluded, for the URLs seen lately. */
const excludedMemo = new WeakMap<Site, Map<string, boolean>>();

/** True when an exclude pattern matches the page's URL (with the fragment, as `/x/#y`, and without the trailing slash). */
function excludedTarget(index: SiteView, site: Site, file: string, fragment: string | undefined): boolean {
  if (site.linkExcludes.length === 0) return false;
  const url = index.urlOf(file);
  if (!url) return false;
  const resolved = fragment === undefined ? url : `${url}#${fragment}`;
  let memo = excludedMemo.get(site);
  if (!memo) excludedMemo.set(site, (memo = new Map()));
  let hit = memo.get(resolved);
  if (hit === undefined) {
    const frag = fragment === undefined ? '' : `#${fragment}`;
    const spellings = [resolved, url.replace(/\/$/, '') + frag];
    hit = site.linkExcludes.some((re) => spellings.some((s) => re.test(s)));
    if (memo.size >= 20_000) memo.clear();
    memo.set(detached(resolved), hit);
  }
  return hit;
}

/** The part of a destination before `#` and `?`, and the fragment's offsets. */
function parts(link: { destination: string; destStart: number }): { pathEnd: number; fragStart: number | undefined; fragEnd: number } {
  const d = link.destination;
  const hash = d.indexOf('#');
  const q = d.indexOf('?');
  const pathLen = Math.min(hash === -1 ? d.length : hash, q === -1 ? d.length : q);
  return { pathEnd: link.destStart + pathLen, fragStart: hash === -1 ? undefined : link.destStart + hash + 1, fragEnd: link.destStart + d.length };
}

export function linkProblems(index: SiteView, file: string, parsed: ParsedDocument): Problem[] {
  const site = index.siteOf(file);
  if (!site) return [];
  const isInclude = index.kindOf(file) === 'include';
  let includers: IncludingPage[] | undefined;
  const out: Problem[] = [];
  for (const link of parsed.links) {
    const d = splitDestination(link.destination);
    if (d.external || excluded(site, link.destination)) continue;
    // An include is rendered inside each page that includes it: its relative links and bare #anchors
    // are the page's (the link render hook sees that page), so they are read from each such page.
    if (isInclude && !d.path.startsWith('/')) {
      includers ??= includingPages(index, file);
      out.push(...includedLinkProblems(index, site, file, link, includers));
      continue;
    }
    const broken = brokenLink(index, site, file, link);
    if (!broken) continue;
    const where = broken.kind === 'anchor' ? (broken.target === file ? 'this page' : `"${titleOf(index, broken.target)}"`) : '';
    out.push({ file, ...broken.range, severity: 'warning', code: broken.code, message: brokenMessage(index, broken, where, ''), data: broken.data });
  }
  return out;
}

type Broken = { range: { start: number; end: number }; data: Problem['data']; path: string } & (
  | { kind: 'link'; code: 'link-not-found'; resource: string | undefined }
  | { kind: 'anchor'; code: 'anchor-not-found'; target: string; fragment: string }
);

/** What is wrong with a link read from page (or file) `from`, if anything. */
function brokenLink(index: SiteView, site: Site, from: string, link: Link): Broken | undefined {
  const d = splitDestination(link.destination);
  const target = resolveLink(index, from, link.destination, link.html);
  // `.hugolint.yaml` patterns name URLs: a link is excluded when the URL it resolves to is, however
  // it is written (relative, `index.html`, `.md`).
  if (target.kind === 'page' && excludedTarget(index, site, target.file, target.fragment)) return undefined;
  const { pathEnd, fragStart, fragEnd } = parts(link);
  if (target.kind === 'missing') {
    return { kind: 'link', code: 'link-not-found', range: { start: link.destStart, end: pathEnd }, path: d.path, resource: target.resource, data: { kind: 'link', path: d.path } };
  }
  if (target.kind === 'page' && target.fragment !== undefined && elementId(target.fragment) !== '' && fragStart !== undefined) {
    const fragment = safeDecode(elementId(target.fragment));
    if (index.anchorsOf(target.file).some((a) => a.id === fragment)) return undefined;
    return { kind: 'anchor', code: 'anchor-not-found', range: { start: fragStart, end: fragEnd }, path: d.path, target: target.file, fragment: target.fragment, data: { kind: 'anchor', fragment, target: target.file } };
  }
  return undefined;
}

/** The message of a broken link: `where` names the page an anchor is missing on, `tail` ends the sentence. */
function brokenMessage(index: SiteView, b: Broken, where: string, tail: string): string {
  if (b.kind === 'anchor') return `No heading or anchor "#${b.fragment}" on ${where}${tail}.`;
  return b.resource
    ? `No page at "${b.path}"${tail}: that file is a resource of the bundle "${siteRel(index, b.resource)}", which Hugo does not publish as a page.`
    : `No page or file at "${b.path}"${tail}.`;
}

function titleOf(index: SiteView, file: string): string {
  return index.factsOf(file)?.title ?? path.basename(file);
}

/** A page that shows an include file, and the include call on it that brings the file (directly or not). */
interface IncludingPage {
  page: string;
  call: Location;
}

/** The pages that show an include file (through other include files too), sorted, each with the call that brings it. */
function includingPages(index: SiteView, file: string): IncludingPage[] {
  const out: IncludingPage[] = [];
  for (const page of pagesShowing(index, file)) {
    const site = index.siteOf(page);
    const calls = index.parsed(page)?.includes ?? [];
    const call = site && calls.find((inc) => {
      const r = index.resolveInclude(site, inc.path);
      return r.kind === 'found' && reachesFile(index, r.file, file);
    });
    out.push({ page, call: call ? { file: page, start: call.call.start, end: call.call.end } : { file: page, start: 0, end: 0 } });
  }
  return out;
}

/**
 * Where a link of `file` leads for a reader: an include's relative link (or bare #anchor) as the first
 * page that shows the include and finds something there reads it; any other link as written.
 */
export function resolveAsShown(index: SiteView, file: string, link: Pick<Link, 'destination' | 'html'>): LinkTarget {
  const d = splitDestination(link.destination);
  if (!d.external && !d.path.startsWith('/') && index.kindOf(file) === 'include') {
    for (const page of pagesShowing(index, file)) {
      const t = resolveLink(index, page, link.destination, link.html);
      if (t.kind !== 'missing') return t;
    }
  }
  return resolveLink(index, file, link.destination, link.html);
}

/** True when include file `from` brings `file`, directly or through other include files. */
function reachesFile(index: SiteView, from: string, file: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const f = stack.pop()!;
    if (f === file) return true;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...index.includeTargetsOf(f));
  }
  return false;
}

/**
 * An include's relative link (or bare #anchor), read from every page that shows the include: one
 * problem per kind of breakage, at the link, naming the first page where it breaks and pointing at
 * every such page's include call. An include no page shows is not checked (nothing renders it).
 */
function includedLinkProblems(index: SiteView, site: Site, file: string, link: Link, includers: readonly IncludingPage[]): Problem[] {
  const byCode = new Map<Broken['code'], { broken: Broken; pages: IncludingPage[] }>();
  for (const inc of includers) {
    const broken = brokenLink(index, site, inc.page, link);
    if (!broken) continue;
    const seen = byCode.get(broken.code);
    if (seen) seen.pages.push(inc);
    else byCode.set(broken.code, { broken, pages: [inc] });
  }
  const out: Problem[] = [];
  for (const { broken, pages } of byCode.values()) {
    const first = pages[0]!;
    const named = `"${titleOf(index, first.page)}" (${siteRel(index, first.page)})`;
    const others = pages.length - 1;
    const includes = others === 0 ? ', which includes this file' : ` and ${others} other ${others === 1 ? 'page' : 'pages'} that ${others === 1 ? 'includes' : 'include'} this file`;
    let message: string;
    if (broken.kind === 'anchor') {
      const where = broken.target === first.page ? `${named}${includes}` : `"${titleOf(index, broken.target)}", where the link leads from ${named}${includes}`;
      message = brokenMessage(index, broken, where, '');
    } else {
      message = brokenMessage(index, broken, '', ` from ${named}${includes}`);
    }
    out.push({
      file,
      ...broken.range,
      severity: 'warning',
      code: broken.code,
      message,
      data: broken.data,
      related: pages.map((p) => ({ ...p.call, message: `"${titleOf(index, p.page)}" includes the file here` })),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A file's path from its site's root, forward slashes. */
export function siteRel(index: SiteView, file: string): string {
  const site = index.siteOf(file);
  return site ? relativePosix(site.root, file) : file;
}

/**
 * The element id a fragment names: a text fragment (`#:~:text=…`, or `#id:~:text=…`) asks the browser
 * to find words on the page, so only what comes before its `:~:` is an id.
 */
function elementId(fragment: string): string {
  const directive = fragment.indexOf(':~:');
  return directive === -1 ? fragment : fragment.slice(0, directive);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Pages whose URL is close to a broken one: the same last segment elsewhere, or a sibling. */
function candidateUrls(index: SiteView, site: Site, wanted: string): string[] {
  const norm = wanted.replace(/\/(index|_index)\.(html?|md)$/i, '/').replace(/\.(md|html?)$/i, '').replace(/\/?$/, '/').toLowerCase();
  const segs = norm.split('/').filter(Boolean);
  const last = segs[segs.length - 1] ?? '';
  const { sorted, byLastSegment } = index.urlLookup(site);
  let parent = '/' + segs.slice(0, -1).join('/') + (segs.length > 1 ? '/' : '');
  // Walk up to the nearest folder that has pages, so a typo in a folder name still finds siblings.
  while (parent !== '/' && !hasPrefix(sorted, parent)) parent = parent.replace(/[^/]+\/$/, '');
  const pool = new Set(byLastSegment.get(last) ?? []);
  for (let i = lowerBound(sorted, parent); i < sorted.length && sorted[i]!.startsWith(parent) && pool.size < 2000; i++) {
    if (segmentCount(sorted[i]!) <= segs.length + 1) pool.add(sorted[i]!);
  }
  return closest(norm, pool, 3);
}

/** How many segments a normalised URL has: "/a/b/" has 2 ("/" has 0). */
function segmentCount(url: string): number {
  let slashes = 0;
  for (let i = url.indexOf('/'); i !== -1; i = url.indexOf('/', i + 1)) slashes++;
  return slashes - 1;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasPrefix(sorted: readonly string[], prefix: string): boolean {
  return sorted[lowerBound(sorted, prefix)]?.startsWith(prefix) ?? false;
}

export function linkFixes(index: SiteView, problem: Problem): Fix[] {
  const data = problem.data;
  const site = index.siteOf(problem.file);
  if (!site) return [];
  if (problem.code === 'link-not-found' && data?.kind === 'link') {
    const written = data.path;
    const relative = !written.startsWith('/');
    const abs = relative ? toSiteRoot(index, problem.file, written) : written;
    if (!abs) return [];
    const folder = relative ? toSiteRoot(index, problem.file, '.') : undefined;
    return candidateUrls(index, site, abs).map((url, i) => {
      // Keep the author's spelling: relative stays relative, index.html stays index.html, no trailing slash stays so.
      let text = url;
      if (folder) {
        text = path.posix.relative(folder, url) + '/';
        if (written.startsWith('./') && !text.startsWith('.')) text = `./${text}`;
      }
      if (/\/index\.html$/i.test(written)) text = url + 'index.html';
      else if (!written.endsWith('/') && !/\.(md|html?)$/i.test(written)) text = url.replace(/\/$/, '');
      return { title: `Change to "${text}"`, fixes: problem.code, isPreferred: i === 0, edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: text }] } };
    });
  }
  if (problem.code === 'anchor-not-found' && data?.kind === 'anchor') {
    const ids = [...new Set(index.anchorsOf(data.target).map((a) => a.id))];
    return closestAnchors(data.fragment, ids).map((id, i) => ({
      title: `Change to "#${id}"`,
      fixes: problem.code,
      isPreferred: i === 0,
      edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: id }] },
    }));
  }
  return [];
}

/** Anchors close to a broken one; an id that ends with or contains the wanted one ranks first. */
function closestAnchors(wanted: string, ids: string[]): string[] {
  const containing = ids.filter((id) => id !== wanted && (id.endsWith(`-${wanted}`) || id.includes(wanted)));
  const rest = closest(wanted, ids.filter((id) => !containing.includes(id)), 3);
  return [...containing.sort((a, b) => a.length - b.length), ...rest].slice(0, 3);
}

function toSiteRoot(index: SiteView, file: string, rel: string): string | undefined {
  const site = index.siteOf(file);
  const content = site ? componentPath(site.mounts.content, file) : undefined;
  if (!content) return undefined;
  return path.posix.join('/', path.posix.dirname(content.rel), rel);
}

// ---- under the cursor -------------------------------------------------------------------------

export function linkAt(parsed: ParsedDocument, offset: number): Link | undefined {
  return parsed.links.find((l) => offset >= l.destStart && offset <= l.destEnd) ?? parsed.links.find((l) => offset >= l.start && offset < l.end);
}

/** Where a link leads, as a location: the page's heading for an anchor, else the top of the file. */
export function linkTargetLocation(index: SiteView, file: string, target: LinkTarget): (Location & { anchor: Anchor | undefined }) | undefined {
  if (target.kind !== 'page' && target.kind !== 'file') return undefined;
  // A section with no _index.md has no file to open.
  if (target.kind === 'page' && index.isFolderSection(target.file)) return undefined;
  if (target.kind === 'page' && target.fragment) {
    const frag = safeDecode(target.fragment);
    const a = index.anchorsOf(target.file).find((x) => x.id === frag);
    if (a) return { file: a.file, start: a.start, end: a.end, anchor: a };
  }
  void file;
  return { file: target.file, start: 0, end: 0, anchor: undefined };
}

export function linkDefinition(index: SiteView, file: string, offset: number): Location[] {
  const parsed = index.parsed(file);
  const link = parsed && linkAt(parsed, offset);
  if (!link) return [];
  const loc = linkTargetLocation(index, file, resolveAsShown(index, file, link));
  return loc ? [{ file: loc.file, start: loc.start, end: loc.end }] : [];
}

export function linkHover(index: SiteView, file: string, offset: number): { contents: string; start: number; end: number } | undefined {
  const parsed = index.parsed(file);
  const link = parsed && linkAt(parsed, offset);
  if (!link) return undefined;
  const target = resolveAsShown(index, file, link);
  const range = { start: link.destStart, end: link.destEnd };
  // A link to nothing has its diagnostic (shown on hover by the editor): nothing to add.
  if (target.kind === 'external' || target.kind === 'missing') return undefined;
  const site = index.siteOf(target.file);
  const rel = site ? relativePosix(site.root, target.file) : target.file;
  if (target.kind === 'file') return { ...range, contents: `File \`${rel}\`` };
  const facts = index.factsOf(target.file);
  const lines = [`**${facts?.title ?? path.basename(target.file)}** · \`${rel}\``];
  if (facts?.description) lines.push('', facts.description);
  if (target.fragment) {
    const loc = linkTargetLocation(index, file, target);
    if (loc?.anchor) {
      lines.push('', '---', '', `${'#'.repeat(Math.max(loc.anchor.level, 1))} ${loc.anchor.text}`);
      const text = index.textOf(loc.anchor.file);
      if (text) lines.push('', sectionPreview(text, loc.anchor.end));
    }
    // No such anchor: its diagnostic says so; the hover shows the page it is not on.
  }
  return { ...range, contents: lines.join('\n').trimEnd() };
}

/** The first lines after a heading, up to the next heading. */
function sectionPreview(text: string, from: number, maxLines = 6): string {
  const after = text.slice(text.indexOf('\n', from) + 1).split(/\r?\n/);
  const out: string[] = [];
  for (const l of after) {
    if (/^ {0,3}#{1,6}\s/.test(l)) break;
    if (out.length === 0 && l.trim() === '') continue;
    out.push(l);
    if (out.length >= maxLines) break;
  }
  return out.join('\n').trimEnd();
}

export interface LinkTargetEntry {
  start: number;
  end: number;
  target: string;
  /** 0-based line in the target, for the editor to jump to. */
  line: number | undefined;
}

export function linkDocumentLinks(index: SiteView, file: string): LinkTargetEntry[] {
  const parsed = index.parsed(file);
  if (!parsed) return [];
  const out: LinkTargetEntry[] = [];
  for (const l of parsed.links) {
    const t = resolveAsShown(index, file, l);
    if (t.kind !== 'page' && t.kind !== 'file') continue;
    if (t.kind === 'page' && t.file === file && splitDestination(l.destination).path === '') {
      const a = index.anchorsOf(file).find((x) => x.id === safeDecode(t.fragment ?? ''));
      if (a) out.push({ start: l.destStart, end: l.destEnd, target: a.file, line: a.line });
      continue;
    }
    const loc = linkTargetLocation(index, file, t);
    if (!loc) continue;
    // An anchor a page takes from an include is in the include file.
    out.push({ start: l.destStart, end: l.destEnd, target: loc.anchor ? loc.file : t.file, line: loc.anchor?.line });
  }
  return out;
}

// ---- references ---------------------------------------------------------------------------------

/**
 * On a heading: every link across the site that reaches its anchor. On a page's title line (the front
 * matter or the first line): every link to the page.
 */
export function headingReferences(index: SiteView, file: string, offset: number, includeDeclaration: boolean): Location[] | undefined {
  const parsed = index.parsed(file);
  if (!parsed) return undefined;
  const heading = parsed.headings.find((h) => offset >= h.start && offset <= h.end);
  const onTitle = offset < parsed.bodyStart;
  if (!heading && !onTitle) return undefined;
  const ids = heading ? idsOfHeadingInPages(index, file, heading.textStart) : undefined;
  const out: Location[] = [];
  if (includeDeclaration && heading) out.push({ file, start: heading.textStart, end: heading.textEnd });
  // Only the files that may link here (the link graph), and the pages themselves (in-page links).
  for (const { file: from, link: l, target: t } of linksToPages(index, heading ? [...ids!.keys()] : [file])) {
    if (heading) {
      const frag = t.fragment === undefined ? undefined : safeDecode(t.fragment);
      if (frag !== undefined && ids!.get(t.file) === frag) out.push({ file: from, start: l.destStart, end: l.destEnd });
    } else if (t.file === file) {
      out.push({ file: from, start: l.destStart, end: l.destEnd });
    }
  }
  // An include's relative links and #anchors, as the pages showing it read them: listed when any
  // reading reaches the heading (or the page).
  for (const { file: from, link: l, readings } of includeLinksToPages(index, heading ? [...ids!.keys()] : [file])) {
    const reaches = readings.some(({ target: t }) => {
      if (!t) return false;
      if (!heading) return t.file === file;
      const frag = t.fragment === undefined ? undefined : safeDecode(t.fragment);
      return frag !== undefined && ids!.get(t.file) === frag;
    });
    if (reaches && !out.some((o) => o.file === from && o.start === l.destStart)) out.push({ file: from, start: l.destStart, end: l.destEnd });
  }
  // Refs name pages by their content path, outside the link graph: every file's are looked at.
  for (const f of index.allFacts()) {
    for (const r of f.refs) {
      const t = resolveRef(index, f.file, r.target);
      if (t.kind !== 'page') continue;
      if (heading) {
        const frag = t.fragment === undefined ? undefined : safeDecode(t.fragment);
        if (frag !== undefined && ids!.get(t.file) === frag) out.push({ file: f.file, start: r.start, end: r.end });
      } else if (t.file === file) {
        out.push({ file: f.file, start: r.start, end: r.end });
      }
    }
  }
  return out;
}

/** The id a heading of `file` has on each page that shows it: the file itself and every page including it. */
function idsOfHeadingInPages(index: SiteView, file: string, textStart: number): Map<string, string> {
  const ids = new Map<string, string>();
  for (const page of [file, ...index.includersTransitive(file)]) {
    const a = index.anchorsOf(page).find((x) => x.file === file && x.start === textStart);
    if (a) ids.set(page, a.id);
  }
  return ids;
}

// ---- symbols ------------------------------------------------------------------------------------

export interface SymbolEntry {
  name: string;
  detail: string | undefined;
  level: number;
  file: string;
  start: number;
  end: number;
  line: number;
  children: SymbolEntry[];
}

/**
 * The outline: headings nested by level, headings that arrive through includes marked as such. With
 * `ownHeadings` false (an editor whose own Markdown outline lists the page's headings, as VS Code's
 * does), only what that outline cannot know: included headings and the extra entries.
 */
export function documentSymbols(
  index: SiteView,
  file: string,
  extra: readonly { name: string; detail: string; start: number; end: number }[] = [],
  { ownHeadings = true }: { ownHeadings?: boolean } = {},
): SymbolEntry[] {
  const roots: SymbolEntry[] = [];
  const stack: SymbolEntry[] = [];
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return [];
  const entries: SymbolEntry[] = [];
  for (const a of index.anchorsOf(file)) {
    if (a.level === 0 || (!ownHeadings && !a.via)) continue;
    let { start, end } = a;
    if (a.via) {
      // An included heading is shown at the include call that brings it.
      const call = parsed.includes.find((inc) => {
        const r = index.resolveInclude(site, inc.path);
        return r.kind === 'found' && r.file === a.via;
      });
      if (!call) continue;
      start = call.call.start;
      end = call.call.end;
    }
    const via = a.via ? relativePosix(site.root, a.via) : undefined;
    entries.push({ name: a.text, detail: via ? `from ${via}` : `#${a.id}`, level: a.level, file, start, end, line: a.line, children: [] });
  }
  // Extra entries (titled shortcodes) nest under the heading they follow.
  for (const x of extra) entries.push({ ...x, level: 7, file, line: 0, children: [] });
  entries.sort((a, b) => a.start - b.start);
  for (const entry of entries) {
    while (stack.length && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : roots).push(entry);
    stack.push(entry);
  }
  return roots;
}

/** Page titles and headings across the workspace whose name contains the query's letters in order. */
export function workspaceSymbols(index: SiteView, query: string, limit = 256): { name: string; kind: 'page' | 'heading'; file: string; line: number; container: string | undefined }[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const matches = (name: string): boolean => {
    const n = name.toLowerCase();
    let i = 0;
    for (const c of n) if (c === q[i]) i++;
    return i === q.length;
  };
  const out: ReturnType<typeof workspaceSymbols> = [];
  for (const f of index.allFacts()) {
    if (f.title && matches(f.title)) out.push({ name: f.title, kind: 'page', file: f.file, line: 0, container: undefined });
    for (const item of f.outline) {
      if (item.kind === 'heading' && matches(item.text)) out.push({ name: item.text, kind: 'heading', file: f.file, line: item.line, container: f.title });
    }
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

// ---- completion ---------------------------------------------------------------------------------

export interface LinkCompletion {
  label: string;
  kind: 'folder' | 'anchor';
  detail: string | undefined;
  documentation: string | undefined;
  start: number;
  end: number;
  newText: string;
  sortText: string;
  retrigger: boolean;
}

/**
 * Page paths after `](/`, `](./` and `](../`, folder by folder, in the pretty URL form (`/a/b/`); anchors
 * after `#`, for this page or the linked one, each with its heading text.
 */
export function linkCompletions(index: SiteView, file: string, offset: number): LinkCompletion[] | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return undefined;
  const lineStart = parsed.text.lastIndexOf('\n', offset - 1) + 1;
  const before = parsed.text.slice(lineStart, offset);
  const m = /\]\(\s*<?([^()\s<>]*)$/.exec(before) ?? /^ {0,3}\[[^\]]+\]:\s*<?([^\s<>]*)$/.exec(before);
  if (!m) return undefined;
  const typed = m[1]!;
  const rest = /^[^()\s#<>]*/.exec(parsed.text.slice(offset))![0];
  const hash = typed.indexOf('#');
  if (hash !== -1) {
    const pathPart = typed.slice(0, hash);
    const target = pathPart === '' ? { kind: 'page' as const, file } : resolveLink(index, file, pathPart);
    if (target.kind !== 'page') return [];
    const start = offset - (typed.length - hash - 1);
    const seen = new Set<string>();
    return index.anchorsOf(target.file).flatMap((a, i) => {
      if (seen.has(a.id)) return [];
      seen.add(a.id);
      return [{
        label: a.id,
        kind: 'anchor' as const,
        detail: a.level ? `${'#'.repeat(a.level)} ${a.text}` : 'anchor',
        documentation: a.via ? `from \`${relativePosix(site.root, a.via)}\`` : undefined,
        start,
        end: offset + rest.length,
        newText: a.id,
        sortText: String(i).padStart(5, '0'),
        retrigger: false,
      }];
    });
  }
  const slash = typed.lastIndexOf('/');
  if (slash === -1 || !(typed.startsWith('/') || typed.startsWith('./') || typed.startsWith('../'))) return undefined;
  const folderTyped = typed.slice(0, slash + 1);
  let folder: string;
  if (folderTyped.startsWith('/')) {
    folder = folderTyped.toLowerCase();
  } else {
    const content = componentPath(site.mounts.content, file);
    if (!content) return [];
    folder = path.posix.join('/', path.posix.dirname(content.rel), folderTyped).toLowerCase();
    if (!folder.endsWith('/')) folder += '/';
  }
  const urls = index.urlsOf(site);
  const children = new Map<string, string | undefined>();
  for (const [url, page] of urls) {
    if (!url.startsWith(folder) || url === folder || index.bundleOf(page)) continue;
    const seg = url.slice(folder.length).split('/')[0]!;
    if (!seg) continue;
    const child = `${folder}${seg}/`;
    if (!children.has(seg) || url === child) children.set(seg, url === child ? page : children.get(seg));
  }
  const start = offset - (typed.length - slash - 1);
  return [...children].sort(([a], [b]) => a.localeCompare(b)).map(([seg, page]) => ({
    label: seg,
    kind: 'folder' as const,
    detail: page ? index.factsOf(page)?.title : undefined,
    documentation: page ? index.factsOf(page)?.description : undefined,
    start,
    end: offset + rest.length,
    newText: `${seg}/`,
    sortText: seg,
    retrigger: true,
  }));
}
