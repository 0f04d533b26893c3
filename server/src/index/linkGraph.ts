// The link graph, read: which links of the site reach a set of pages. The index keeps the graph's
// reverse edges (page URL -> the files with a link that looks it up); a link is resolved only when its
// file may reach one of the pages, never by scanning every file.
import { splitDestination } from '../site/urls';
import type { FileFacts } from './facts';
import { pageKeysOf, resolveLink } from './resolveLink';
import type { IndexView } from './view';

export type FileLink = FileFacts['links'][number];

/** A link and the page it lands on now. */
export interface LinkToPage {
  /** The file the link is written in. */
  file: string;
  link: FileLink;
  /** The page it reaches and the `#fragment` it names there (undecoded). */
  target: { file: string; fragment: string | undefined };
}

/**
 * Every link that reaches one of these pages, resolved: the links of the files the link graph says may
 * link to them, and the pages' own in-page links. The files in `allLinksOf` have every link of theirs
 * that reaches any page listed (their relative links, when they move). Files sorted by path, links in
 * the order they are written.
 */
export function linksToPages(view: IndexView, pages: readonly string[], allLinksOf: ReadonlySet<string> = new Set()): LinkToPage[] {
  const pageSet = new Set(pages);
  const urls = new Set<string>();
  const files = new Set([...pages, ...allLinksOf]);
  for (const p of pages) {
    for (const u of view.factsOf(p)?.urls ?? []) urls.add(u);
    for (const f of view.linkersOf(p)) files.add(f);
  }
  const out: LinkToPage[] = [];
  for (const file of [...files].sort()) {
    const f = view.factsOf(file);
    const site = view.siteOf(file);
    if (!f || !site) continue;
    for (const link of f.links) {
      if (!allLinksOf.has(file)) {
        const d = splitDestination(link.destination);
        const mayReach = d.path === '' && !d.external ? pageSet.has(file) : pageKeysOf(site, file, f.urls[0], link.destination).some((k) => urls.has(k));
        if (!mayReach) continue;
      }
      const t = resolveLink(view, file, link.destination, link.html);
      if (t.kind === 'page') out.push({ file, link, target: { file: t.file, fragment: t.fragment } });
    }
  }
  return out;
}
