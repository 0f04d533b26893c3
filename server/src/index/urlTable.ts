// The URL table of each site: every normalised URL a page is served at (its own and its aliases) with
// the page's file, and the same URLs sorted and grouped by last segment for "did you mean". When two
// pages claim one URL (a shared alias), the one it leads to is chosen from the claimants alone (the
// last by path, as a fresh index of the site in path order leaves it), never by which page was
// re-indexed last: an edit elsewhere on one of them must not move every link to that URL.
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
  /** site root -> normalised URL -> every page file that claims it */
  private readonly claims = new Map<string, Map<string, Set<string>>>();
  private readonly lookups = new Map<string, { version: number; lookup: UrlLookup }>();
  /** Bumped on every change: a lookup is valid for one version. */
  private version = 0;

  clear(): void {
    this.bySite.clear();
    this.claims.clear();
    this.version++;
  }

  /** Every URL of the site with the page it serves. */
  of(site: Site): ReadonlyMap<string, string> {
    return this.table(site);
  }

  set(site: Site, url: string, file: string): void {
    const claimants = this.claimsOf(site, url);
    claimants.add(file);
    this.settle(site, url, claimants);
  }

  /** Forgets this file's claim on these URLs; a URL another page also claims stays, with that page. */
  forget(site: Site, urls: readonly string[], file: string): void {
    for (const u of urls) {
      const claimants = this.claimsOf(site, u);
      if (!claimants.delete(file)) continue;
      this.settle(site, u, claimants);
    }
  }

  private settle(site: Site, url: string, claimants: Set<string>): void {
    const t = this.table(site);
    let owner: string | undefined;
    for (const f of claimants) if (owner === undefined || f > owner) owner = f;
    if (owner === undefined) {
      this.claims.get(site.root)?.delete(url);
      if (!t.delete(url)) return;
    } else {
      if (t.get(url) === owner) return;
      t.set(url, owner);
    }
    this.version++;
  }

  private claimsOf(site: Site, url: string): Set<string> {
    let bySite = this.claims.get(site.root);
    if (!bySite) this.claims.set(site.root, (bySite = new Map()));
    let claimants = bySite.get(url);
    if (!claimants) bySite.set(url, (claimants = new Set()));
    return claimants;
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
