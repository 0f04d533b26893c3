// What the index knows of each file, without its text: the facts of a page or an include file, and
// the anchors a page offers; and how they are drawn from a file's front matter, shortcodes and parse.
// Pure: nothing here records anything (the index does, in workspace.ts).
import { type IncludeRef, type ParsedDocument } from '../parse/document';
import { stringField, stringListField, type FrontMatter } from '../parse/frontMatter';
import { HeadingIds } from '../parse/headings';
import { termTablesOf } from '../parse/termSources';
import { resolveInclude } from '../site/includes';
import { componentPath, type Site } from '../site/site';
import { pageUrls } from '../site/urls';
import type { FileSystem } from '../util/fileSystem';
import { LineMap } from '../util/positions';
import { detached as detachedString } from '../util/strings';

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

/** Where a file's facts are drawn: its site, the file system its includes resolve on. */
export interface FactsContext {
  file: string;
  kind: FileKind;
  site: Site;
  fs: FileSystem;
  /**
   * The parses (and so the texts) are kept anyway (the checker): strings need not be copied out of
   * the text. Otherwise every string kept is copied, since a substring would keep the whole text alive.
   */
  textsKept?: boolean;
}

/** Facts from a file's front matter and includes, and (complete facts) from its whole parse. */
export function factsFrom(c: FactsContext, frontMatter: FrontMatter | undefined, includes: readonly IncludeRef[], parsed: ParsedDocument | undefined): FileFacts {
  const { file, kind, site, fs } = c;
  const contentPath = kind === 'page' ? componentPath(site.mounts.content, file)?.rel : undefined;
  const urls = contentPath
    ? pageUrls({
        contentPath,
        url: stringField(frontMatter, 'url'),
        slug: stringField(frontMatter, 'slug'),
        aliases: stringListField(frontMatter, 'aliases'),
      })
    : undefined;
  const detached = c.textsKept ? (x: string) => x : detachedString;
  const lines = parsed ? LineMap.of(parsed.text) : undefined;
  const title = stringField(frontMatter, 'title');
  const description = stringField(frontMatter, 'description');
  return {
    file,
    kind,
    complete: parsed !== undefined,
    title: title === undefined ? undefined : detached(title),
    includes: includes.map((inc) => {
      const r = resolveInclude(fs, site, inc.path);
      return { path: detached(inc.path), target: r.kind === 'found' ? r.file : undefined };
    }),
    urls: urls ? [urls.url, ...urls.aliases].map(detached) : [],
    tableLinks: parsed ? [...new Set(termTablesOf(parsed).flatMap((t) => (t.link ? [detached(t.link.destination)] : [])))] : [],
    description: description === undefined ? undefined : detached(description),
    outline: parsed
      ? outlineOf(
          parsed,
          (raw) => {
            const r = resolveInclude(fs, site, raw);
            return r.kind === 'found' ? r.file : undefined;
          },
          lines!,
          detached,
        )
      : [],
    links: parsed ? linksOf(parsed, lines!, detached) : [],
    refs: parsed && parsed.refs.length ? parsed.refs.map((r) => ({ target: detached(r.target), start: r.start, end: r.end })) : [],
  };
}

/**
 * The anchors a page offers, in order, as Hugo numbers them: headings of the page and of everything it
 * includes (in place, from their facts), duplicates suffixed -1, -2…; custom ids and explicit anchors
 * as written.
 */
export function anchorsFrom(file: string, factsOf: (file: string) => FileFacts | undefined, emoji: boolean | undefined): Anchor[] {
  const anchors: Anchor[] = [];
  const ids = new HeadingIds({ emoji });
  const walk = (f: string, via: string | undefined, seen: Set<string>): void => {
    const facts = factsOf(f);
    if (!facts) return;
    for (const item of facts.outline) {
      if (item.kind === 'heading') {
        if (item.customId !== undefined && !item.raw) ids.reserve(item.customId);
        const id = item.customId ?? ids.id(item.text);
        anchors.push({ id, text: item.text, level: item.level, file: f, line: item.line, start: item.start, end: item.end, via, custom: item.customId !== undefined });
      } else if (item.kind === 'anchor') {
        anchors.push({ id: item.id, text: item.id, level: 0, file: f, line: item.line, start: item.start, end: item.end, via, custom: true });
      } else if (!seen.has(item.target)) {
        walk(item.target, via ?? item.target, new Set([...seen, item.target]));
      }
    }
  };
  walk(file, undefined, new Set([file]));
  return anchors;
}

/** A file's include targets, in order: a change of them changes its anchors and may make a cycle. */
export function includesKey(f: FileFacts): string {
  return f.includes.map((i) => i.target ?? '').join('\n');
}

/** What a file's anchors are made of, in order (not where they are): headings, explicit anchors, includes. */
export function outlineKey(f: FileFacts): string {
  let key = '';
  for (const item of f.outline) {
    key += item.kind === 'heading' ? `h${item.customId === undefined ? ' ' + item.text : '#' + item.customId}\n` : item.kind === 'anchor' ? `a${item.id}\n` : `i${item.target}\n`;
  }
  return key;
}

/** Headings, resolved includes and explicit anchors of a parse, in document order. */
function outlineOf(parsed: ParsedDocument, resolve: (raw: string) => string | undefined, lines: LineMap, detached: (s: string) => string): OutlineItem[] {
  const items: (OutlineItem & { at: number })[] = [];
  for (const h of parsed.headings) {
    items.push({ kind: 'heading', level: h.level, text: detached(h.text), customId: h.customId ? detached(h.id) : undefined, line: h.line, start: h.textStart, end: h.textEnd, at: h.start });
  }
  // An include called inside a code fence or a comment brings text, not headings: Hugo runs the
  // shortcode, and its output lands in the code block.
  const code = parsed.fences.filter((f) => f.kind !== 'html');
  for (const inc of parsed.includes) {
    const target = inc.arg ? resolve(inc.path) : undefined;
    // In a page written in HTML, nothing renders the included Markdown: its `## …` lines are text.
    if (target && !parsed.html && !code.some((f) => inc.call.start >= f.start && inc.call.start < f.end)) items.push({ kind: 'include', target, line: lines.lineAt(inc.start), at: inc.start });
  }
  for (const a of parsed.anchors) {
    const line = lines.lineAt(a.start);
    // A raw HTML heading with an id is a heading of the page (its id as written; Hugo does not number it).
    if (a.heading) items.push({ kind: 'heading', level: a.heading.level, text: detached(a.heading.text), customId: detached(a.id), raw: true, line, start: a.start, end: a.end, at: a.start });
    else items.push({ kind: 'anchor', id: detached(a.id), line, start: a.start, end: a.end, at: a.start });
  }
  items.sort((a, b) => a.at - b.at);
  return items.map(({ at, ...item }) => {
    void at;
    return item as OutlineItem;
  });
}

function linksOf(parsed: ParsedDocument, lines: LineMap, detached: (s: string) => string): FileFacts['links'] {
  if (parsed.links.length === 0) return [];
  return parsed.links.map((l) => ({ destination: detached(l.destination), destStart: l.destStart, destEnd: l.destEnd, line: lines.lineAt(l.destStart), ...(l.html ? { html: true as const } : {}) }));
}
