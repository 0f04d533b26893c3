// Refactors that keep links working: renaming a heading updates every #anchor to it across the site;
// moving or renaming a page or an include file (workspace/willRenameFiles) rewrites every link and
// include that pointed to it, keeping each link's own spelling. Each is one workspace edit.
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import { includeLinksToPages, linksToPages } from '../index/linkGraph';
import { resolveRef, splitRef } from '../index/resolveRef';
import { hugoPagePath } from '../site/pages';
import { HeadingIds } from '../parse/headings';
import { componentPath, isInside, type Site } from '../site/site';
import { normalizeUrlPath, pageUrls, splitDestination } from '../site/urls';
import { stringField, stringListField } from '../parse/frontMatter';
import { includeCallsOf } from './navigation';
import type { Edit, TextChange } from './types';

// ---- headings -----------------------------------------------------------------------------------

export function headingRenameRange(index: SiteView, file: string, offset: number): { start: number; end: number; placeholder: string } | undefined {
  const parsed = index.parsed(file);
  const h = parsed?.headings.find((x) => offset >= x.start && offset <= x.end);
  return h ? { start: h.textStart, end: h.textEnd, placeholder: h.text } : undefined;
}

/** The id a heading would get on `page` if its text were `newText` (duplicates numbered as Hugo does). */
function idsAfterRename(index: SiteView, page: string, file: string, textStart: number, newText: string): { oldId: string; newId: string } | undefined {
  const anchors = index.anchorsOf(page);
  const ids = new HeadingIds({ emoji: index.siteOf(page)?.enableEmoji });
  let result: { oldId: string; newId: string } | undefined;
  for (const a of anchors) {
    if (a.level === 0) continue;
    const isTarget = a.file === file && a.start === textStart;
    if (a.custom) ids.reserve(a.id);
    const id = a.custom ? a.id : ids.id(isTarget ? newText : a.text);
    if (isTarget) result = { oldId: a.id, newId: id };
  }
  return result;
}

export function headingRename(index: SiteView, file: string, offset: number, newName: string): Edit | undefined {
  const parsed = index.parsed(file);
  const h = parsed?.headings.find((x) => offset >= x.start && offset <= x.end);
  if (!parsed || !h) return undefined;
  const changes: TextChange[] = [{ file, start: h.textStart, end: h.textEnd, newText: newName }];
  if (h.customId) return { creates: [], changes }; // {#custom-id} keeps every link working as it is
  const pages = [file, ...index.includersTransitive(file)];
  const ids = new Map<string, { oldId: string; newId: string }>();
  for (const p of pages) {
    const r = idsAfterRename(index, p, file, h.textStart, newName);
    if (r && r.oldId !== r.newId) ids.set(p, r);
  }
  if (ids.size === 0) return { creates: [], changes };
  for (const { file: from, link: l, target: t } of linksToPages(index, [...ids.keys()])) {
    if (t.fragment === undefined) continue;
    const r = ids.get(t.file);
    if (!r || decode(t.fragment) !== r.oldId) continue;
    const hash = l.destination.indexOf('#');
    changes.push({ file: from, start: l.destStart + hash + 1, end: l.destEnd, newText: r.newId });
  }
  // An include's relative links and #anchors, read from each page that shows it: changed only when
  // every reading needs the same new id (a link that one page reads as the renamed heading and another
  // as something else keeps working for neither if changed, and is left as it is).
  const changed = new Set(changes.map((c) => `${c.file}\0${c.start}`));
  for (const { file: from, link: l, readings } of includeLinksToPages(index, [...ids.keys()])) {
    const hash = l.destination.indexOf('#');
    if (changed.has(`${from}\0${l.destStart + hash + 1}`)) continue; // read as its own page's already
    const newIds = new Set(
      readings.map(({ target: t }) => {
        const r = t && t.fragment !== undefined ? ids.get(t.file) : undefined;
        return r && decode(t!.fragment!) === r.oldId ? r.newId : undefined;
      }),
    );
    const [newId] = newIds;
    if (newIds.size !== 1 || newId === undefined) continue;
    changes.push({ file: from, start: l.destStart + hash + 1, end: l.destEnd, newText: newId });
  }
  // Refs name pages by their content path, outside the link graph: every file's are looked at.
  for (const f of index.allFacts()) {
    for (const ref of f.refs) {
      const t = resolveRef(index, f.file, ref.target);
      if (t.kind !== 'page' || t.fragment === undefined) continue;
      const r = ids.get(t.file);
      if (!r || decode(t.fragment) !== r.oldId) continue;
      changes.push({ file: f.file, start: ref.start + ref.target.indexOf('#') + 1, end: ref.end, newText: r.newId });
    }
  }
  return { creates: [], changes };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---- moving files -------------------------------------------------------------------------------

export interface FileMove {
  from: string;
  to: string;
}

/** Expands folder moves into the moves of every indexed file inside them. */
function expandMoves(index: SiteView, moves: readonly FileMove[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of moves) {
    if (index.factsOf(m.from)) {
      out.set(m.from, m.to);
      continue;
    }
    for (const f of index.allFacts()) {
      if (isInside(m.from, f.file) && f.file !== m.from) out.set(f.file, path.join(m.to, path.relative(m.from, f.file)));
    }
    // Include files and static files are not all in the index: a moved file named directly still counts.
    if (!out.size && index.fs.stat(m.from)?.isFile) out.set(m.from, m.to);
  }
  return out;
}

/** The URL a page will have at its new place (its own `url` front matter wins, as before). */
function newUrlOf(index: SiteView, site: Site, oldFile: string, newFile: string): string | undefined {
  const content = componentPath(site.mounts.content, newFile);
  if (!content) return undefined;
  const parsed = index.parsed(oldFile);
  return pageUrls({
    contentPath: content.rel,
    url: stringField(parsed?.frontMatter, 'url'),
    slug: stringField(parsed?.frontMatter, 'slug'),
    aliases: stringListField(parsed?.frontMatter, 'aliases'),
  }).url;
}

/** A destination rewritten to reach `newUrl`, in the spelling style of the old one. */
function respell(oldPath: string, newUrl: string, fromDirUrl: string | undefined): string {
  let p = newUrl;
  if (!oldPath.startsWith('/') && fromDirUrl) {
    p = path.posix.relative(fromDirUrl, newUrl) + '/';
    if (p === '/') p = './';
    if (oldPath.startsWith('./') && !p.startsWith('.')) p = './' + p;
  }
  if (/\/index\.html?$/i.test(oldPath)) return p + 'index.html';
  if (/\/_index\.md$/i.test(oldPath)) return p + '_index.md';
  if (/\.md$/i.test(oldPath)) return p.replace(/\/$/, '') + '.md';
  if (!oldPath.endsWith('/')) return p.replace(/\/$/, '');
  return p;
}

/**
 * Refs to a moved page, and relative refs of a moved page, rewritten so that Hugo's page finder still
 * finds the page: a bare name stays bare when the page keeps its name (or takes the new one when no
 * other page has it); anything else becomes the page's path from the content root, which finds it from
 * anywhere (`.md` kept when it was written).
 */
function refEditsForMoves(index: SiteView, moved: ReadonlyMap<string, string>): TextChange[] {
  const changes: TextChange[] = [];
  const keyAt = (file: string): string | undefined => {
    const site = index.siteOf(file);
    const c = site ? componentPath(site.mounts.content, file) : undefined;
    return c ? hugoPagePath(c.rel) : undefined;
  };
  const nameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
  for (const f of index.allFacts()) {
    for (const ref of f.refs) {
      const { path: written } = splitRef(ref.target);
      if (written === '') continue;
      const t = resolveRef(index, f.file, ref.target);
      if (t.kind !== 'page') continue;
      const targetTo = moved.get(t.file);
      const selfMoved = moved.has(f.file) && !written.startsWith('/');
      if (!targetTo && !selfMoved) continue;
      const oldKey = keyAt(t.file);
      const newKey = keyAt(targetTo ?? t.file);
      const site = index.siteOf(f.file);
      if (!oldKey || !newKey || !site) continue;
      const ext = /\.md$/i.test(written) ? '.md' : '';
      let text: string;
      if (!written.includes('/')) {
        const pages = index.pageSet(site);
        const others = (pages.byName.get(nameOf(newKey)) ?? []).filter((p) => p !== t.file && !moved.has(p));
        const unique = others.length === 0 && [...moved].every(([from, to]) => from === t.file || nameOf(keyAt(to) ?? '') !== nameOf(newKey));
        if (unique && nameOf(newKey) === nameOf(oldKey) && (pages.byName.get(nameOf(oldKey))?.length ?? 0) === 1) continue;
        text = unique && newKey !== '/' ? nameOf(newKey) + ext : newKey === '/' ? '/' : newKey + ext;
      } else {
        text = newKey === '/' ? '/' : newKey + ext;
      }
      if (text === written) continue;
      const hash = ref.target.indexOf('#');
      changes.push({ file: f.file, start: ref.start, end: hash === -1 ? ref.end : ref.start + hash, newText: text });
    }
  }
  return changes;
}

/**
 * The edit that keeps links and includes working when files move: links to a moved page, include
 * calls of a moved include file, and the relative links inside a moved page.
 */
export function editsForMoves(index: SiteView, moves: readonly FileMove[]): Edit {
  const moved = expandMoves(index, moves);
  const changes: TextChange[] = [];
  const newUrls = new Map<string, string>();
  for (const [from, to] of moved) {
    const site = index.siteOf(from);
    if (!site) continue;
    if (index.kindOf(from) === 'page') {
      const u = newUrlOf(index, site, from, to);
      if (u && u !== index.urlOf(from)) newUrls.set(from, u);
    }
  }
  // The folder URL a linking file reads relative links from, after the move.
  const dirUrlOf = (file: string): string | undefined => {
    const site = index.siteOf(file);
    const at = moved.get(file) ?? file;
    const c = site ? componentPath(site.mounts.content, at) : undefined;
    return c ? path.posix.join('/', path.posix.dirname(c.rel)) : undefined;
  };
  // The files that link to a page whose URL changes (the link graph), and the moved files themselves
  // (their relative links).
  for (const { file: from, link: l, target: t } of linksToPages(index, [...newUrls.keys()], new Set(moved.keys()))) {
    const d = splitDestination(l.destination);
    if (d.path === '') continue;
    // A link through an alias keeps working: aliases move with the page.
    if (d.path.startsWith('/') && index.aliasesOf(t.file).includes(normalizeUrlPath(d.path))) continue;
    const targetMoved = newUrls.get(t.file);
    const selfMoved = moved.has(from) && !d.path.startsWith('/');
    if (!targetMoved && !selfMoved) continue;
    const url = targetMoved ?? index.urlOf(t.file);
    if (!url) continue;
    const newPath = respell(d.path, url, d.path.startsWith('/') ? undefined : dirUrlOf(from));
    if (newPath !== d.path) changes.push({ file: from, start: l.destStart, end: l.destStart + d.path.length, newText: newPath });
  }
  // An include's relative links, read from each page that shows it (a moved page among those pages
  // reads them from its new folder): rewritten when every reading needs the same new path.
  const movedPages = new Set([...moved.keys()].filter((f) => index.kindOf(f) === 'page'));
  for (const { file: from, link: l, readings } of includeLinksToPages(index, [...newUrls.keys()])) {
    const d = splitDestination(l.destination);
    if (d.path === '') continue;
    const paths = new Set(
      readings.map(({ page, target: t }) => {
        if (!t || (!newUrls.has(t.file) && !movedPages.has(page))) return d.path;
        const url = newUrls.get(t.file) ?? index.urlOf(t.file);
        return url ? respell(d.path, url, dirUrlOf(page)) : d.path;
      }),
    );
    const [newPath] = paths;
    if (paths.size === 1 && newPath !== undefined && newPath !== d.path) changes.push({ file: from, start: l.destStart, end: l.destStart + d.path.length, newText: newPath });
  }
  changes.push(...refEditsForMoves(index, moved));
  // Include calls of moved include files.
  for (const [from, to] of moved) {
    if (index.kindOf(from) !== 'include') continue;
    const site = index.siteOf(from)!;
    const root = site.includeRoots.find((m) => isInside(m.source, to));
    if (!root) continue; // moved out of the include folders: nothing can reach it by include
    const rel = relativePosix(root.source, to);
    const newRel = root.target ? `${root.target}/${rel}` : rel;
    for (const { file: user, call } of includeCallsOf(index, from)) {
      if (call.path !== newRel) changes.push({ file: user, start: call.start, end: call.end, newText: newRel });
    }
  }
  return { creates: [], changes };
}
