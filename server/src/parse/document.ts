// One parse of one document: everything the features and the index read from a page or include file.
// Pure and offset-based; tolerant of half-typed text; never throws.
import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { scanBlocks, type Fence, type Heading } from './headings';
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
}

/** Names of the shortcodes that pull another file's text into the page. */
export const INCLUDE_SHORTCODES = new Set(['include']);

export interface ParseOptions {
  /**
   * Pages have front matter; include files do not: the include shortcode reads them as raw text, so a
   * leading `---` there is a thematic break (the real handbook's career navigation includes start so).
   */
  frontMatter: boolean;
}

export function parseDocument(text: string, options: ParseOptions = { frontMatter: true }): ParsedDocument {
  const frontMatter = options.frontMatter ? parseFrontMatter(text) : undefined;
  const bodyStart = frontMatter?.end ?? 0;
  const shortcodes = scanShortcodes(text, bodyStart);
  const { headings, fences } = scanBlocks(text, bodyStart);
  const links = scanLinks(text, bodyStart, fences);
  const tables = scanTables(text, bodyStart, fences);
  const anchors = anchorsIn(text, bodyStart, fences, shortcodes);
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

function anchorsIn(text: string, from: number, fences: readonly Fence[], shortcodes: readonly ShortcodeCall[]): ExplicitAnchor[] {
  const out: ExplicitAnchor[] = [];
  const html = /<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;
  html.lastIndex = from;
  let code: [number, number][] | undefined;
  for (let m = html.exec(text); m; m = html.exec(text)) {
    code ??= codeRanges(text, from, fences);
    const at = m.index;
    if (code.some(([s, e]) => at >= s && at < e)) continue;
    const idStart = at + m[0].lastIndexOf(m[1]!);
    out.push({ id: m[1]!, start: idStart, end: idStart + m[1]!.length });
  }
  for (const c of shortcodes) {
    if (c.name !== 'a' || c.inert || c.closing) continue;
    const arg = positionalArgs(c)[0];
    if (arg && arg.value) out.push({ id: arg.value, start: arg.valueStart, end: arg.valueEnd });
  }
  return out.sort((a, b) => a.start - b.start);
}
