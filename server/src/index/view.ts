// The index as its readers see it: what the features (and the link and ref resolvers) may ask, and
// nothing that changes it. The workspace index (workspace.ts) takes the file events and implements
// this; a feature is a function of this view, a document and a position.
import type { ParsedDocument } from '../parse/document';
import type { Glossary } from '../site/glossary';
import type { IncludeResolution } from '../site/includes';
import type { PageSet } from '../site/pages';
import type { Site } from '../site/site';
import type { ShortcodeCatalogue } from '../shortcodes';
import type { FileSystem } from '../util/fileSystem';
import type { Anchor, FileFacts, FileKind, SkippedFile } from './facts';

/** `Settings`: what the front end tells the features (features/settings.ts); the index only carries it. */
export interface IndexView<Settings extends object = object> {
  readonly settings: Settings;
  /** Every read goes through this: nothing outside the workspace folders (and extra roots) is read. */
  readonly fs: FileSystem;

  // ---- state of the index
  /** Every file's URLs, title and includes are in: the cross-file checks of any page can run. */
  readonly isReady: boolean;
  /** Listed files whose content has not arrived yet (a streamed file system); 0 otherwise. */
  readonly pendingFileCount: number;
  /** Runs `work` and says whether it needed a file whose content has not arrived (its answer is not final). */
  whilePending<T>(work: () => T): { value: T; pending: boolean };

  // ---- sites and files
  siteOf(file: string): Site | undefined;
  kindOf(file: string): FileKind | undefined;
  skippedReason(file: string): SkippedFile | undefined;
  /** The text of a file: the editor's when open, else the disk's. */
  textOf(file: string): string | undefined;
  /** The full parse of a document (cached per version when open, per modification time on disk). */
  parsed(file: string): ParsedDocument | undefined;
  factsOf(file: string): FileFacts | undefined;
  allFacts(): Iterable<FileFacts>;
  shortcodesOf(site: Site): ShortcodeCatalogue;
  glossaryOf(site: Site): Glossary;

  // ---- pages, URLs and anchors
  /** The page's own URL (not an alias). */
  urlOf(file: string): string | undefined;
  /** The page's aliases (normalised), the URLs that redirect to it. */
  aliasesOf(file: string): readonly string[];
  /** Every URL of the site with the page it serves (pages and aliases). */
  urlsOf(site: Site): ReadonlyMap<string, string>;
  urlLookup(site: Site): { sorted: string[]; byLastSegment: Map<string, string[]> };
  pageAt(site: Site, url: string): string | undefined;
  bundleResourceAt(site: Site, url: string): string | undefined;
  pageSet(site: Site): PageSet;
  bundleOf(file: string): string | undefined;
  isFolderSection(file: string): boolean;
  anchorsOf(file: string): Anchor[];
  /** The files with a link that may reach this page (the link graph's reverse edges). */
  linkersOf(file: string): string[];

  // ---- includes
  resolveInclude(site: Site, raw: string): IncludeResolution;
  includersOf(file: string): string[];
  includersTransitive(file: string): string[];
  /** The resolved include targets of a file, from the open text when open. */
  includeTargetsOf(file: string): string[];
  includeCycle(start: string, target: string): string[] | undefined;
  includeFiles(site: Site): string[];
}
