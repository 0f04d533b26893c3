// What the index knows of each file, without its text: the facts of a page or an include file, and
// the anchors a page offers.

export type FileKind = 'page' | 'include';

/** What the index keeps about a file it does not hold open: small, text-free facts. */
export interface FileFacts {
  file: string;
  kind: FileKind;
  /**
   * False for the first pass's facts (readyFirst): URLs, title, description and includes are known;
   * outline, links and table links are still empty. `completeFacts` fills them in.
   */
  complete: boolean;
  /**
   * The file is listed but its content has not arrived (a streamed file system, the web worker): these
   * facts come from its path alone (its default URLs). Whatever needs its content waits for it.
   */
  pending?: boolean;
  title: string | undefined;
  /** Raw include paths with where they resolved (absolute file) when they did. */
  includes: { path: string; target: string | undefined }[];
  /** The page's URL and its aliases (pages only), normalised. */
  urls: string[];
  /** Link destinations that precede tables: where each table's terms may be defined. */
  tableLinks: string[];
  description: string | undefined;
  /** Headings, includes and explicit anchors in document order: what the page's anchors are made of. */
  outline: OutlineItem[];
  /** Every link of the file: destination and where it is written. */
  links: { destination: string; destStart: number; destEnd: number; line: number; html?: true }[];
  /** Every ref and relref call: its target (path and #fragment) and where the target is written. */
  refs: { target: string; start: number; end: number }[];
}

export type OutlineItem =
  | { kind: 'heading'; level: number; text: string; customId: string | undefined; raw?: true; line: number; start: number; end: number }
  | { kind: 'include'; target: string; line: number }
  | { kind: 'anchor'; id: string; line: number; start: number; end: number };

/** An anchor a page offers: from its own headings, its included files' headings, or explicit anchors. */
export interface Anchor {
  id: string;
  text: string;
  level: number;
  /** The file that holds it (the page, or an included file). */
  file: string;
  line: number;
  start: number;
  end: number;
  /** The include file it came through, when it is not the page's own. */
  via: string | undefined;
  /** Written by the author ({#id}, <a id>, {{% a %}}), not derived from heading text. */
  custom: boolean;
}

export interface SkippedFile {
  reason: 'too-large' | 'binary' | 'unreadable';
  message: string;
}
