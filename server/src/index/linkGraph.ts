// The link graph: for each page URL of a site, the files with a link that looks that URL up (whether a
// page is there or not, so that a page that appears finds its linkers), and which links of the site
// reach a set of pages. A link is resolved only when its file may reach one of the pages, never by
// scanning every file.
import type { Site } from '../site/site';
import { splitDestination } from '../site/urls';
import type { FileFacts } from './facts';
import { addTo } from './includeGraph';
import { pageKeysOf, resolveLink } from './resolveLink';
import type { IndexView } from './view';

export type FileLink = FileFacts['links'][number];

/**
 * The graph's edges, both ways: from complete facts only, kept up to date from each file's old and new
 * facts, as the include graph is.
 */
export class LinkGraph {
  /** Backwards: site root -> normalised page URL -> the files with a link that looks that URL up. */
  private readonly linkedFrom = new Map<string, Map<string, Set<string>>>();
  /** Forwards: file -> the site root and the URLs its links look up. */
  private readonly linkKeys = new Map<string, { root: string; urls: string[] }>();

  clear(): void {
    this.linkedFrom.clear();
    this.linkKeys.clear();
  }

  record(site: Site, f: FileFacts): void {
    if (f.links.length === 0) return;
    const keys = new Set<string>();
    for (const l of f.links) for (const k of pageKeysOf(site, f.file, f.urls[0], l.destination)) keys.add(k);
    if (keys.size === 0) return;
    let byUrl = this.linkedFrom.get(site.root);
    if (!byUrl) this.linkedFrom.set(site.root, (byUrl = new Map()));
    for (const k of keys) addTo(byUrl, k, f.file);
    this.linkKeys.set(f.file, { root: site.root, urls: [...keys] });
  }

  forget(file: string): void {
    const keys = this.linkKeys.get(file);
    if (!keys) return;
    const byUrl = this.linkedFrom.get(keys.root);
    for (const k of keys.urls) {
      const set = byUrl?.get(k);
      set?.delete(file);
      if (set?.size === 0) byUrl!.delete(k);
    }
    this.linkKeys.delete(file);
  }

  /** The files with a link that may reach one of these URLs of the site (resolve each link to know where it lands now). */
  linkersOfUrls(site: Site, urls: readonly string[]): string[] {
    const byUrl = this.linkedFrom.get(site.root);
    if (!byUrl) return [];
    const out = new Set<string>();
    for (const u of urls) for (const f of byUrl.get(u) ?? []) out.add(f);
    return [...out];
  }
}

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

/** The pages that show an include file (through other include files too), sorted: where Hugo renders it. */
export function pagesShowing(view: IndexView, file: string): string[] {
  return view.includersTransitive(file).sort().filter((page) => view.kindOf(page) === 'page' && !view.bundleOf(page));
}

/** An include's relative link (or bare #anchor), and where it leads from each page that shows the include. */
export interface IncludeLinkReadings {
  /** The include file the link is written in. */
  file: string;
  link: FileLink;
  /** Each page that shows the include (sorted), and the page and fragment the link reaches from it. */
  readings: { page: string; target: { file: string; fragment: string | undefined } | undefined }[];
}

/**
 * The relative links and bare #anchors of include files that reach one of these pages from at least one
 * page showing the include. Hugo renders an include inside each page that includes it, so such a link is
 * read from each of those pages (the link graph, keyed by the linking file's own URL, has none of them).
 */
export function includeLinksToPages(view: IndexView, pages: readonly string[]): IncludeLinkReadings[] {
  const pageSet = new Set(pages);
  const out: IncludeLinkReadings[] = [];
  for (const f of view.allFacts()) {
    if (f.kind !== 'include' || f.links.length === 0) continue;
    let showing: string[] | undefined;
    for (const link of f.links) {
      const d = splitDestination(link.destination);
      if (d.external || d.path.startsWith('/')) continue;
      showing ??= pagesShowing(view, f.file);
      if (showing.length === 0) break;
      const readings = showing.map((page) => {
        const t = resolveLink(view, page, link.destination, link.html);
        return { page, target: t.kind === 'page' ? { file: t.file, fragment: t.fragment } : undefined };
      });
      if (readings.some((r) => r.target && pageSet.has(r.target.file))) out.push({ file: f.file, link, readings });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.link.destStart - b.link.destStart));
}
