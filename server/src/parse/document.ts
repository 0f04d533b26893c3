// One parse of one document: everything the features and the index read from a page or include file.
// Pure and offset-based; tolerant of half-typed text; never throws.
import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { decodeHTMLAttribute } from 'entities';
import { plainText, scanBlocks, type Fence, type Heading } from './headings';
import { codeRanges, scanLinks, type Link } from './links';
import { scanTables, type Table } from './tables';
import { positionalArgs, scanShortcodes, type ShortcodeArg, type ShortcodeCall } from './shortcodes';

export interface IncludeRef {
  call: ShortcodeCall;
  /** The path argument, or undefined for `{{% include %}}` with none. */
  arg: ShortcodeArg | undefined;
  /** The path as written (trimmed of surrounding white space). */
  path: string;
  /** Offsets of the path's text between the quotes (or of the whole call when there is no argument). */
  start: number;
  end: number;
}

export interface ParsedDocument {
  text: string;
  frontMatter: FrontMatter | undefined;
  /** Where the Markdown body starts (after front matter). */
  bodyStart: number;
  shortcodes: ShortcodeCall[];
  includes: IncludeRef[];
  headings: Heading[];
  fences: Fence[];
  links: Link[];
  tables: Table[];
  /** Explicit anchors: `<a id="x">` / `<a name="x">` and docsy-gitlab's `{{% a "x" %}}`. */
  anchors: ExplicitAnchor[];
  /** `{{< ref "…" >}}` and `{{< relref "…" >}}` calls (not the inert comment form). */
  refs: RefCall[];
  /** A page written in HTML: what its includes bring is not rendered as Markdown (no headings). */
  html?: true;
}

export interface RefCall {
  call: ShortcodeCall;
  /** The target as written: a page path, with an optional `#fragment`. */
  target: string;
  /** Offsets of the target's text between its quotes. */
  start: number;
  end: number;
}

/** Names of the shortcodes that link to another page by its path. */
export const REF_SHORTCODES = new Set(['ref', 'relref']);

export interface ExplicitAnchor {
  id: string;
  start: number;
  end: number;
  /** For an id on a raw HTML heading (`<h2 id="x">Text</h2>`): its level and text. */
  heading?: { level: number; text: string };
}

/** Names of the shortcodes that pull another file's text into the page. */
export const INCLUDE_SHORTCODES = new Set(['include']);

export interface ParseOptions {
  /**
   * Pages have front matter; include files do not: the include shortcode reads them as raw text, so a
   * leading `---` there is a thematic break (the real handbook's career navigation includes start so).
   */
  frontMatter: boolean;
  /** A content page written in HTML (`content/_index.html`): its body is HTML, not Markdown. */
  html?: boolean;
}

export function parseDocument(text: string, options: ParseOptions = { frontMatter: true }): ParsedDocument {
  const frontMatter = options.frontMatter ? parseFrontMatter(text) : undefined;
  const bodyStart = frontMatter?.end ?? 0;
  const shortcodes = scanShortcodes(text, bodyStart);
  if (options.html) {
    // Hugo passes an HTML page's body through as it is (shortcodes aside): its anchors are its ids,
    // its links its <a href>s; nothing in it is Markdown.
    const fences: Fence[] = htmlComments(text, bodyStart);
    const raw = rawHtml(text, bodyStart, fences);
    return { text, frontMatter, bodyStart, shortcodes, includes: includesOf(shortcodes), headings: [], fences, links: raw.links, tables: [], anchors: withShortcodeAnchors(raw.anchors, shortcodes), html: true, refs: refsOf(shortcodes) };
  }
  const { headings, fences, blockIds } = scanBlocks(text, bodyStart);
  // Raw HTML is read everywhere but in code and comments: in HTML blocks (which the block scan lists
  // with the code, as text that is not Markdown) and inline.
  const raw = rawHtml(text, bodyStart, fences.filter((f) => f.kind !== 'html'));
  const links = [...scanLinks(text, bodyStart, fences), ...raw.links].sort((a, b) => a.start - b.start);
  const tables = scanTables(text, bodyStart, fences);
  const anchors = withShortcodeAnchors([...raw.anchors, ...blockIds], shortcodes);
  return { text, frontMatter, bodyStart, shortcodes, includes: includesOf(shortcodes), headings, fences, links, tables, anchors, refs: refsOf(shortcodes) };
}

/** The ref and relref calls: the page path is `.Get 0`, or the named `path` (Hugo's `ref .Page .Params`). */
export function refsOf(shortcodes: readonly ShortcodeCall[]): RefCall[] {
  const out: RefCall[] = [];
  for (const call of shortcodes) {
    if (call.inert || call.closing || !REF_SHORTCODES.has(call.name)) continue;
    const arg = call.args.find((a) => a.name === 'path') ?? positionalArgs(call)[0];
    if (arg) out.push({ call, target: arg.value, start: arg.valueStart, end: arg.valueEnd });
  }
  return out;
}

/** HTML comments of an HTML body, as fences (text that is not read). */
function htmlComments(text: string, from: number): Fence[] {
  const out: Fence[] = [];
  for (let i = text.indexOf('<!--', from); i !== -1; ) {
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 ? text.length : close + 3;
    out.push({ start: i, end, info: '<!--', kind: 'comment' });
    i = close === -1 ? -1 : text.indexOf('<!--', end);
  }
  return out;
}

export function includesOf(shortcodes: readonly ShortcodeCall[]): IncludeRef[] {
  const refs: IncludeRef[] = [];
  for (const call of shortcodes) {
    if (call.inert || call.closing || !INCLUDE_SHORTCODES.has(call.name)) continue;
    // docsy-gitlab's include reads `.Get 0`: the first positional argument is the path.
    const arg = positionalArgs(call)[0];
    if (!arg) {
      refs.push({ call, arg: undefined, path: '', start: call.start, end: call.end });
      continue;
    }
    refs.push({ call, arg, path: arg.value.trim(), start: arg.valueStart, end: arg.valueEnd });
  }
  return refs;
}

// A raw HTML open tag as CommonMark reads one: a name, then attributes (unquoted, 'single' or "double").
const OPEN_TAG = /<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([A-Za-z_:][\w.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * What raw HTML brings to a page: every `id="…"` on any element and `<a name="…">` is an anchor (an id on
 * `<h1>`…`<h6>` a heading's), and every `<a href="…">` a link, which a browser follows as it is written
 * (no render hook sees raw HTML). Nothing inside `skip` (code, comments) counts.
 */
function rawHtml(text: string, from: number, skip: readonly Fence[]): { anchors: ExplicitAnchor[]; links: Link[] } {
  const anchors: ExplicitAnchor[] = [];
  const links: Link[] = [];
  if (text.indexOf('<', from) === -1) return { anchors, links };
  let code: [number, number][] | undefined;
  OPEN_TAG.lastIndex = from;
  for (let m = OPEN_TAG.exec(text); m; m = OPEN_TAG.exec(text)) {
    const attrs = m[2]!;
    if (!/\b(?:id|name|href)\s*=/i.test(attrs)) continue;
    code ??= codeRanges(text, from, skip);
    const at = m.index;
    if (code.some(([s, e]) => at >= s && at < e)) continue;
    const tag = m[1]!.toLowerCase();
    const attrsStart = at + 1 + m[1]!.length;
    ATTRIBUTE.lastIndex = 0;
    for (let a = ATTRIBUTE.exec(attrs); a; a = ATTRIBUTE.exec(attrs)) {
      const name = a[1]!.toLowerCase();
      const value = a[2] ?? a[3] ?? a[4];
      if (value === undefined) continue;
      const valueStart = attrsStart + a.index + a[0].length - value.length - (a[4] === undefined ? 1 : 0);
      if (name === 'id' || (name === 'name' && tag === 'a')) {
        if (value === '') continue;
        const level = /^h[1-6]$/.test(tag) ? Number(tag[1]) : 0;
        const anchor: ExplicitAnchor = { id: decodeEntities(value), start: valueStart, end: valueStart + value.length };
        if (level) anchor.heading = { level, text: headingInnerText(text, at + m[0].length, tag) };
        anchors.push(anchor);
      } else if (name === 'href' && tag === 'a') {
        links.push({ text: '', destination: decodeEntities(value), start: at, end: at + m[0].length, destStart: valueStart, destEnd: valueStart + value.length, image: false, definition: false, html: true });
      }
    }
  }
  return { anchors, links };
}

/** The text of a raw HTML heading: what stands before its closing tag on the same line, tags taken out. */
function headingInnerText(text: string, from: number, tag: string): string {
  const nl = text.indexOf('\n', from);
  const line = text.slice(from, nl === -1 ? text.length : nl);
  const close = line.toLowerCase().indexOf(`</${tag}`);
  return plainText(close === -1 ? line : line.slice(0, close));
}

function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTMLAttribute(s) : s;
}

/** docsy-gitlab's `{{% a "x" %}}` anchors, with the others in document order. */
function withShortcodeAnchors(anchors: ExplicitAnchor[], shortcodes: readonly ShortcodeCall[]): ExplicitAnchor[] {
  const out = [...anchors];
  for (const c of shortcodes) {
    if (c.name !== 'a' || c.inert || c.closing) continue;
    const arg = positionalArgs(c)[0];
    if (arg && arg.value) out.push({ id: arg.value, start: arg.valueStart, end: arg.valueEnd });
  }
  return out.sort((a, b) => a.start - b.start);
}
