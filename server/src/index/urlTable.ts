// The URL table of each site: every normalised URL a page is served at (its own and its aliases) with
// the page's file, and the same URLs sorted and grouped by last segment for "did you mean".
import type { Site } from '../site/site';

export interface UrlLookup {
  /** Every URL, sorted (for prefix search). */
  sorted: string[];
  /** URLs by their last segment. */
  byLastSegment: Map<string, string[]>;
}

export class UrlTables {
  /** site root -> normalised URL -> page file */
  private readonly bySite = new Map<string, Map<string, string>>();
  private readonly lookups = new Map<string, { version: number; lookup: UrlLookup }>();
  /** Bumped on every change: a lookup is valid for one version. */
  private version = 0;

  clear(): void {
    this.bySite.clear();
    this.version++;
  }

  /** Every URL of the site with the page it serves. */
  of(site: Site): ReadonlyMap<string, string> {
    return this.table(site);
  }

  set(site: Site, url: string, file: string): void {
    this.table(site).set(url, file);
    this.version++;
  }

  /** Forgets the URLs that still name this file (another file may have taken one since). */
  forget(site: Site, urls: readonly string[], file: string): void {
    const t = this.table(site);
    for (const u of urls) {
      if (t.get(u) !== file) continue;
      t.delete(u);
      this.version++;
    }
  }

  lookup(site: Site): UrlLookup {
    const cached = this.lookups.get(site.root);
    if (cached && cached.version === this.version) return cached.lookup;
    const sorted = [...this.table(site).keys()].sort();
    const byLastSegment = new Map<string, string[]>();
    for (const u of sorted) {
      const last = u.split('/').filter(Boolean).pop() ?? '';
      byLastSegment.set(last, [...(byLastSegment.get(last) ?? []), u]);
    }
    const lookup = { sorted, byLastSegment };
    this.lookups.set(site.root, { version: this.version, lookup });
    return lookup;
  }

  private table(site: Site): Map<string, string> {
    let t = this.bySite.get(site.root);
    if (!t) this.bySite.set(site.root, (t = new Map()));
    return t;
  }
}
