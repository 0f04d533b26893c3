// What the features are told, apart from the index's own options (index/options.ts): the index
// carries these for them and never reads them.

export interface TermBindingSetting {
  /** A glob of page paths relative to the site root, e.g. "content/handbook/engineering/careers/**". */
  files: string;
  /** The defining page: a site URL ("/handbook/x/") or a path relative to the site root. */
  source: string;
  /** The section's anchor on that page (optional: every section with terms). */
  section?: string;
}

export interface FeatureSettings {
  /** Explicit bindings of term tables to the section that defines their terms. */
  termBindings?: readonly TermBindingSetting[];
  /** Look for the context-dependent words of the misused-terms list (term-misused-context, off by default). */
  checkContextWords?: boolean;
}
