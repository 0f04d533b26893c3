// What a Markdown preview needs from the engine to draw a page as the handbook will: the text of every
// file the page includes (and what those include, recursively) or the error its diagnostic gives,
// where each of its links leads, and the definitions of the terms of its responsibility tables.
// Everything is keyed by what the page says — include paths, link destinations, term names — so a
// preview of text that is a keystroke ahead of the index still finds what it knows, and asks for the
// rest (`includes`, `links` in the request). Nothing is read outside the index's confined file system.
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import { resolveLink } from '../index/resolveLink';
import { parseDocument } from '../parse/document';
import { plainText } from '../parse/headings';
import { termKey } from '../parse/terms';
import { splitDestination } from '../site/urls';
import { includeResolutionProblem } from './diagnostics';
import { boundTables } from './terms';
import type { PreviewContext, PreviewContextParams, PreviewInclude } from '../protocol';

/** At most this many include files per answer, so a hostile site cannot make one answer huge. */
const MAX_INCLUDES = 500;
const MAX_TEXT = 8_000_000;

export function previewContext(index: SiteView, file: string, params: PreviewContextParams, toUri: (file: string) => string): PreviewContext {
  const site = index.siteOf(file);
  // Maps without a prototype: a key may be "__proto__" or "constructor" (the page says what it says).
  const answer: PreviewContext = { page: undefined, includes: Object.create(null), links: Object.create(null), terms: Object.create(null), dependsOn: [] };
  const strings = (a: unknown): string[] => (Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string').slice(0, 1000) : []);
  const wantedIncludes = strings(params.includes);
  const wantedLinks = strings(params.links);
  if (!site) {
    const error = { code: 'no-site', message: 'This file is not in a Hugo site, so its includes cannot be read.' };
    for (const p of wantedIncludes) answer.includes[p] = { error };
    for (const l of wantedLinks) answer.links[l] = { missing: true };
    return answer;
  }
  const relative = (f: string): string => relativePosix(site.root, f);
  answer.page = relative(file);
  if (site.enableEmoji) answer.emoji = true;
  const page = index.parsed(file);
  const depends = new Set<string>();
  const linkDestinations = new Set<string>(wantedLinks);
  for (const l of page?.links ?? []) linkDestinations.add(l.destination);

  // Includes, breadth first from the page's own and the requested ones.
  const queue: string[] = [...(page?.includes.map((i) => i.path) ?? []), ...wantedIncludes];
  let textSize = 0;
  let count = 0;
  while (queue.length > 0) {
    const raw = queue.shift()!;
    if (Object.hasOwn(answer.includes, raw)) continue;
    const r = index.resolveInclude(site, raw);
    const problem = includeResolutionProblem(site, raw, r);
    if (problem || r.kind !== 'found') {
      answer.includes[raw] = { error: problem ?? { code: 'include-not-found', message: `Include "${raw}" not found.` } };
      continue;
    }
    const entry: PreviewInclude = { file: toUri(r.file), name: relative(r.file) };
    answer.includes[raw] = entry;
    depends.add(entry.file!);
    const text = index.textOf(r.file);
    if (text === undefined || ++count > MAX_INCLUDES || textSize + text.length > MAX_TEXT) {
      const skipped = index.skippedReason(r.file);
      entry.error = { code: 'file-skipped', message: skipped ? `Not drawn: ${skipped.message}.` : `Include "${raw}" could not be read.` };
      continue;
    }
    textSize += text.length;
    entry.text = text;
    const parsed = parseDocument(text, { frontMatter: false });
    for (const inc of parsed.includes) queue.push(inc.path);
    for (const l of parsed.links) linkDestinations.add(l.destination);
  }

  // Links, each read from the page (included text is part of the page when Hugo renders it).
  for (const destination of linkDestinations) {
    const d = splitDestination(destination);
    if (d.external || d.path === '') continue;
    const target = resolveLink(index, file, destination);
    if (target.kind === 'page' || target.kind === 'file') {
      answer.links[destination] = { file: toUri(target.file), name: relative(target.file), ...(target.fragment ? { fragment: target.fragment } : {}) };
    } else if (target.kind === 'missing') {
      answer.links[destination] = { missing: true };
    }
  }

  // Terms of the page's bound responsibility tables.
  if (page && index.isReady) {
    for (const table of boundTables(index, file, page)) {
      depends.add(toUri(table.sourceFile));
      for (const t of table.terms) {
        const definition = t.markdown.split('\n').map((line) => plainText(line)).filter((line) => line !== '').join('\n');
        answer.terms[termKey(t.term)] = { term: plainText(t.term), definition };
      }
    }
  }
  answer.dependsOn = [...depends];
  return answer;
}
