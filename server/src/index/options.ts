// What the index is told: where the sites' files are, how much of them to read and keep, and how to
// index them. What the features are told (term bindings, which checks run) is theirs:
// features/settings.ts.
import type { SiteOptions } from '../site/site';

export interface IndexOptions extends SiteOptions {
  /** Files larger than this are skipped (logged, and one diagnostic when opened). */
  maxFileSize: number;
  /** Extra folders of shortcode templates (themes that are not in the repository). */
  shortcodeDirs?: readonly string[];
  /**
   * Keep every parse made while indexing (the checker's one-shot run: each file is then read and
   * parsed once, not twice). The server leaves it off and keeps no text of closed files.
   */
  retainParses?: boolean;
  /**
   * Pages may read other pages through something the index's graphs do not show (term tables bound
   * to a source page by settings rather than by a link): a change of any file's text then re-checks
   * every page.
   */
  unseenDependencies?: boolean;
  /**
   * Index in two passes (the server): first what every cross-file check needs of every file (its URLs,
   * title, description and includes, from front matter and shortcodes), which makes the index ready;
   * then, in the background, the outlines, links and term tables, which a check also finds on demand
   * for the pages it looks at. Off (the checker, tests): one pass of complete facts.
   */
  readyFirst?: boolean;
  /**
   * When no site is at or below the folders, look for the nearest one above them, or above an opened
   * file (the server: clients that root the workspace low, single-file clients). Off (the checker,
   * tests): the folders are the site's place.
   */
  findSiteAbove?: boolean;
}

export const DEFAULT_OPTIONS: IndexOptions = { maxFileSize: 4_000_000, extraIncludeRoots: [] };
