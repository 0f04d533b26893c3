// `{{< ref "…" >}}` and `{{< relref "…" >}}`: the page a ref names, found as Hugo finds it. A ref that
// finds no page, or whose bare name fits two pages, fails Hugo's build (REF_NOT_FOUND); its `#anchor`
// is checked against the target's anchors like a link's. Hover, definition, document links and
// completion inside the quotes. Refs in the comment form `{{</* ref */>}}` are inert and never read.
import * as path from '../util/path';
import type { SiteView } from './view';
import { refPathOf, resolveRef, splitRef, type RefTarget } from '../index/resolveRef';
import type { ParsedDocument, RefCall } from '../parse/document';
import { componentPath } from '../site/site';
import { closest } from '../util/fuzzy';
import { siteRel, type LinkCompletion } from './links';
import type { Fix, Location, Problem } from './types';

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Offsets of a ref's path and of its fragment (after the `#`). */
function refParts(ref: RefCall): { pathEnd: number; fragStart: number | undefined } {
  const hash = ref.target.indexOf('#');
  return { pathEnd: hash === -1 ? ref.end : ref.start + hash, fragStart: hash === -1 ? undefined : ref.start + hash + 1 };
}

export function refProblems(index: SiteView, file: string, parsed: ParsedDocument): Problem[] {
  const out: Problem[] = [];
  for (const ref of parsed.refs) {
    const target = resolveRef(index, file, ref.target);
    const { pathEnd, fragStart } = refParts(ref);
    const name = ref.call.name;
    if (target.kind === 'missing') {
      out.push({
        file,
        start: ref.start,
        end: Math.max(pathEnd, ref.start),
        severity: 'error',
        code: 'ref-not-found',
        message: `${name} "${target.path}" finds no page; Hugo fails the build (REF_NOT_FOUND).`,
        data: { kind: 'ref', path: target.path, candidates: [] },
      });
    } else if (target.kind === 'ambiguous') {
      const where = target.candidates.map((c) => siteRel(index, c)).join(', ');
      out.push({
        file,
        start: ref.start,
        end: pathEnd,
        severity: 'error',
        code: 'ref-ambiguous',
        message: `${name} "${target.path}" is ambiguous: ${target.candidates.length} pages have that name (${where}); Hugo fails the build. Write the page's path.`,
        data: { kind: 'ref', path: target.path, candidates: target.candidates },
      });
    } else if (target.kind === 'page' && target.fragment && fragStart !== undefined) {
      const fragment = safeDecode(target.fragment);
      if (!index.anchorsOf(target.file).some((a) => a.id === fragment)) {
        const where = target.file === file ? 'this page' : `"${index.factsOf(target.file)?.title ?? path.basename(target.file)}"`;
        out.push({
          file,
          start: fragStart,
          end: ref.end,
          severity: 'warning',
          code: 'anchor-not-found',
          message: `No heading or anchor "#${target.fragment}" on ${where}.`,
          data: { kind: 'anchor', fragment, target: target.file },
        });
      }
    }
  }
  return out;
}

/** Fixes: for an ambiguous ref, each page's path; for a missing one, the pages of the closest names. */
export function refFixes(index: SiteView, problem: Problem): Fix[] {
  const data = problem.data;
  const site = index.siteOf(problem.file);
  if (data?.kind !== 'ref' || !site) return [];
  const withExt = /\.md$/i.test(data.path);
  const spell = (file: string, bare: boolean): string | undefined => {
    const p = refPathOf(index, file);
    if (p === undefined) return undefined;
    if (bare) return p.slice(p.lastIndexOf('/') + 1) + (withExt ? '.md' : '');
    return p === '/' ? '/' : p + (withExt ? '.md' : '');
  };
  let texts: string[];
  if (data.candidates.length) {
    texts = data.candidates.map((c) => spell(c, false)).filter((t): t is string => t !== undefined);
  } else {
    const pages = index.pageSet(site);
    const bare = !data.path.includes('/');
    const wanted = data.path.replace(/\.md$/i, '').replace(/\/$/, '');
    if (bare) {
      const names = [...pages.byName.keys()].filter((n) => n !== '');
      texts = closest(wanted, names, 3).flatMap((n) => {
        const list = pages.byName.get(n) ?? [];
        return list.length === 1 ? [spell(list[0]!, true)!] : list.map((f) => spell(f, false)!).slice(0, 3);
      });
    } else {
      texts = closest(wanted.startsWith('/') ? wanted : `/${wanted}`, [...pages.byPath.keys()], 3).map((p) => p + (withExt && p !== '/' ? '.md' : ''));
    }
  }
  return texts.slice(0, 5).map((text, i) => ({
    title: `Change to "${text}"`,
    fixes: problem.code,
    isPreferred: i === 0 && data.candidates.length === 0,
    edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: text }] },
  }));
}

export function refAt(parsed: ParsedDocument, offset: number): RefCall | undefined {
  return parsed.refs.find((r) => offset >= r.start && offset <= r.end);
}

/** Where a ref leads: the heading of its anchor, else the top of the page. */
function refLocation(index: SiteView, target: RefTarget): Location | undefined {
  if (target.kind !== 'page' || index.isFolderSection(target.file)) return undefined;
  if (target.fragment) {
    const a = index.anchorsOf(target.file).find((x) => x.id === safeDecode(target.fragment!));
    if (a) return { file: a.file, start: a.start, end: a.end };
  }
  return { file: target.file, start: 0, end: 0 };
}

export function refDefinition(index: SiteView, file: string, offset: number): Location[] {
  const parsed = index.parsed(file);
  const ref = parsed && refAt(parsed, offset);
  if (!ref) return [];
  const loc = refLocation(index, resolveRef(index, file, ref.target));
  return loc ? [loc] : [];
}

export function refDocumentLinks(index: SiteView, file: string): { start: number; end: number; target: string; line: number | undefined }[] {
  const parsed = index.parsed(file);
  if (!parsed) return [];
  const out: { start: number; end: number; target: string; line: number | undefined }[] = [];
  for (const ref of parsed.refs) {
    const target = resolveRef(index, file, ref.target);
    const loc = refLocation(index, target);
    if (!loc || target.kind !== 'page') continue;
    const anchor = target.fragment ? index.anchorsOf(target.file).find((a) => a.id === safeDecode(target.fragment!)) : undefined;
    out.push({ start: ref.start, end: ref.end, target: loc.file, line: anchor?.line });
  }
  return out;
}

export function refHover(index: SiteView, file: string, offset: number): { contents: string; start: number; end: number } | undefined {
  const parsed = index.parsed(file);
  const ref = parsed && refAt(parsed, offset);
  if (!ref) return undefined;
  const range = { start: ref.start, end: ref.end };
  const target = resolveRef(index, file, ref.target);
  switch (target.kind) {
    case 'unknown':
      return undefined;
    case 'missing':
      return { ...range, contents: `**No page** for \`${ref.call.name} "${target.path}"\`: Hugo fails the build (REF_NOT_FOUND).` };
    case 'ambiguous':
      return { ...range, contents: [`**Ambiguous:** ${target.candidates.length} pages are named \`${target.path}\`:`, '', ...target.candidates.map((c) => `- \`${siteRel(index, c)}\``)].join('\n') };
    case 'page': {
      const facts = index.factsOf(target.file);
      const url = index.urlOf(target.file);
      const lines = [`**${facts?.title ?? path.basename(target.file)}** · \`${siteRel(index, target.file)}\`${url ? ` · \`${url}\`` : ''}`];
      if (facts?.description) lines.push('', facts.description);
      if (target.fragment) {
        const a = index.anchorsOf(target.file).find((x) => x.id === safeDecode(target.fragment!));
        lines.push('', a ? `${'#'.repeat(Math.max(a.level, 1))} ${a.text}` : `*No heading or anchor \`#${target.fragment}\` on this page.*`);
      }
      return { ...range, contents: lines.join('\n') };
    }
  }
}

/** A link's completion item, which may also name a page file (a ref names pages by their path). */
export type RefCompletion = Omit<LinkCompletion, 'kind'> & { kind: LinkCompletion['kind'] | 'file' };

/**
 * Inside a ref's quotes: after `#`, the target's anchors; with a `/`, the pages and folders of that
 * folder (from the content root, or from where a relative ref starts); with none, the pages beside
 * this one, then every page whose bare name is unique in the site.
 */
export function refCompletions(index: SiteView, file: string, offset: number): RefCompletion[] | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  const ref = parsed && refAt(parsed, offset);
  if (!parsed || !site || !ref) return undefined;
  const typed = parsed.text.slice(ref.start, offset);
  const hash = typed.indexOf('#');
  if (hash !== -1) {
    const target = splitRef(typed).path === '' ? ({ kind: 'page', file, fragment: undefined } as const) : resolveRef(index, file, typed.slice(0, hash));
    if (target.kind !== 'page') return [];
    const seen = new Set<string>();
    return index.anchorsOf(target.file).flatMap((a, i) => {
      if (seen.has(a.id)) return [];
      seen.add(a.id);
      return [{ label: a.id, kind: 'anchor' as const, detail: a.level ? `${'#'.repeat(a.level)} ${a.text}` : 'anchor', documentation: undefined, start: ref.start + hash + 1, end: ref.end, newText: a.id, sortText: String(i).padStart(5, '0'), retrigger: false }];
    });
  }
  const pages = index.pageSet(site);
  const slash = typed.lastIndexOf('/');
  const start = ref.start + slash + 1;
  const pathEnd = ref.target.indexOf('#') === -1 ? ref.end : ref.start + ref.target.indexOf('#');
  const title = (f: string) => index.factsOf(f)?.title;
  const fromRel = componentPath(site.mounts.content, file)?.rel;
  const here = fromRel === undefined ? undefined : '/' + (path.posix.dirname(fromRel) === '.' ? '' : path.posix.dirname(fromRel));
  const isBranch = fromRel !== undefined && /^_index\./i.test(path.posix.basename(fromRel));
  const isLeaf = fromRel !== undefined && /^index\./i.test(path.posix.basename(fromRel));
  const base = here === undefined ? '/' : isBranch || !isLeaf ? here : path.posix.dirname(here);
  const folderOf = (typedFolder: string): string => normalizeFolder(typedFolder.startsWith('/') ? typedFolder : path.posix.join(base, typedFolder));
  const entries = (folder: string, sortPrefix: string): RefCompletion[] => {
    const out = new Map<string, RefCompletion>();
    for (const [key, f] of pages.byPath) {
      if (key === '/' || !key.startsWith(folder === '/' ? '/' : `${folder}/`)) continue;
      const rest = key.slice(folder === '/' ? 1 : folder.length + 1);
      const seg = rest.split('/')[0]!;
      if (!seg) continue;
      // A section is a page and a folder: both are offered.
      if (!rest.includes('/')) {
        out.set(seg, { label: seg, kind: 'file', detail: title(f), documentation: siteRel(index, f), start, end: pathEnd, newText: seg, sortText: `${sortPrefix}${seg}`, retrigger: false });
      } else if (!out.has(`${seg}/`)) {
        out.set(`${seg}/`, { label: `${seg}/`, kind: 'folder', detail: undefined, documentation: undefined, start, end: pathEnd, newText: `${seg}/`, sortText: `${sortPrefix}${seg}/`, retrigger: true });
      }
    }
    return [...out.values()];
  };
  if (slash !== -1) return entries(folderOf(typed.slice(0, slash + 1)), '0');
  const beside = entries(normalizeFolder(base), '0');
  const seen = new Set(beside.map((b) => b.newText));
  for (const [name, list] of pages.byName) {
    if (name === '' || list.length !== 1 || seen.has(name)) continue;
    beside.push({ label: name, kind: 'file', detail: title(list[0]!), documentation: siteRel(index, list[0]!), start, end: pathEnd, newText: name, sortText: `1${name}`, retrigger: false });
  }
  return beside;
}

function normalizeFolder(p: string): string {
  const s = path.posix.normalize(p).toLowerCase();
  return s.length > 1 ? s.replace(/\/$/, '') : '/';
}
