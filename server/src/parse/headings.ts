// Headings and fenced code blocks from a line scan: what the index needs from every page at about the
// cost of reading it. Heading ids follow Hugo's default `autoHeadingIDType: github`, with `{#custom-id}`.
import { slug as githubSlug } from 'github-slugger';
import { nameToEmoji } from 'gemoji';
import { decodeHTML } from 'entities';
import { LineMap } from '../util/positions';
import { detached } from '../util/strings';

export interface Heading {
  level: number;
  /** The heading's text as written, without `#` marks and without a `{#id}` attribute. */
  text: string;
  id: string;
  /** True when the id comes from `{#custom-id}`. */
  customId: boolean;
  /** The whole heading line(s). */
  start: number;
  end: number;
  /** The text itself. */
  textStart: number;
  textEnd: number;
  /** 0-based line of the heading (its first line, for setext headings), counted from the text's start. */
  line: number;
}

/** Text that is not Markdown: a fenced code block, an HTML comment, or an HTML block. */
export interface Fence {
  start: number;
  end: number;
  /**
   * What it is. Not told by `info`: a code fence's info string is the author's (```html is code, not an
   * HTML block), so it can be anything the other kinds are marked with.
   */
  kind: 'code' | 'comment' | 'html';
  /** A code fence's info string (trimmed); `<!--` for a comment, `html` for an HTML block. */
  info: string;
}

export interface BlockScan {
  headings: Heading[];
  fences: Fence[];
  /** Ids set by a block attribute list (`{#id .class}` on the line after a paragraph, quote or list). */
  blockIds: { id: string; start: number; end: number }[];
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
// Fences inside list items are indented with the item's content, so any indentation up to 12 opens
// one; a closing fence may stand up to 3 columns deeper than its opening (CommonMark, relative to the
// list item's content).
const FENCE = /^( {0,12})(`{3,}|~{3,})(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
// CommonMark HTML blocks of type 6 (block-level tags, may interrupt a paragraph) and type 7 (a lone
// complete tag on its line, may not): they run to the next blank line, and Markdown inside is not read.
const HTML_BLOCK_6 = /^ {0,3}<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(\s|\/?>|$)/i;
const HTML_BLOCK_7 = /^ {0,3}(<[A-Za-z][A-Za-z0-9-]*(\s+[A-Za-z_:][\w.:-]*(\s*=\s*([^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;
// A goldmark attribute list: `#id`, `.class` and `key=value` items in braces. After a heading's text
// (with or without a space before it) it sets the heading's attributes, `#id` its id; on the line after
// a block it sets the block's (with `parser.attribute.block`, which the handbook turns on).
// A `#id` or `.class` name is read as goldmark reads it: no space and no ASCII punctuation but `_`, `-`,
// `:` and `.` (`{#v1.2-notes}` is the id v1.2-notes, `{.release.notes}` one class; `{#a/b}` is no
// attribute list at all, and the heading keeps it as text).
const ATTR_NAME = String.raw`[^\s!-,/;-@\[-^\`{-~]+`;
/** One item of an attribute list (the preview reads the same grammar: client/src/preview/render.ts). */
export const ATTRIBUTE_ITEM = String.raw`(?:#${ATTR_NAME}|\.${ATTR_NAME}|[A-Za-z_:][\w.:-]*[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s{}"']+))`;
const HEADING_ATTRIBUTES = new RegExp(String.raw`[ \t]*\{[ \t]*(${ATTRIBUTE_ITEM}(?:[ \t]+${ATTRIBUTE_ITEM})*)[ \t]*\}[ \t]*$`);
/** A line that is a block attribute list (the block above gets its attributes). */
export const BLOCK_ATTRIBUTES = new RegExp(String.raw`^ {0,3}\{[ \t]*(${ATTRIBUTE_ITEM}(?:[ \t]+${ATTRIBUTE_ITEM})*)[ \t]*\}[ \t]*$`);
const ATTRIBUTE_ID = new RegExp(String.raw`(?:^|[ \t])(?:#(${ATTR_NAME})|id[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s{}"']+)))`);

/** The id an attribute list sets (`#id`, or `id=…`), with its offset inside the list's text. */
function attributeId(list: string): { id: string; at: number } | undefined {
  const m = ATTRIBUTE_ID.exec(list);
  if (!m) return undefined;
  const id = m[1] ?? m[2] ?? m[3] ?? m[4]!;
  return { id, at: m.index + m[0].lastIndexOf(id) };
}

/** Scans the Markdown body (from `from`, after front matter) for headings and code fences. */
export function scanBlocks(text: string, from = 0): BlockScan {
  const headings: Heading[] = [];
  const fences: Fence[] = [];
  const blockIds: BlockScan['blockIds'] = [];
  const slugger = new HeadingIds();
  let fence: { marker: string; start: number; info: string; indent: number } | undefined;
  let comment: number | undefined;
  let htmlBlock: number | undefined;
  // `paragraph`: the line is paragraph text a setext underline can make a heading; `continues`: a
  // paragraph is open after it (its own, or the text of a list item or quote), which a type 7 HTML
  // line cannot interrupt.
  let prev: { start: number; end: number; text: string; paragraph: boolean; continues: boolean } | undefined;
  let pos = from;
  // Lines are counted only for a page that has a heading, by the engine's one line index.
  let lines: LineMap | undefined;
  const lineOf = (at: number): number => (lines ??= LineMap.of(text)).lineAt(at);
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const lineEndNoCr = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, lineEndNoCr);
    const next = nl + 1;

    if (htmlBlock !== undefined) {
      if (line.trim() === '') {
        fences.push({ start: htmlBlock, end: pos, info: 'html', kind: 'html' });
        htmlBlock = undefined;
      }
      prev = undefined;
    } else if (comment !== undefined) {
      if (line.includes('-->')) {
        fences.push({ start: comment, end: lineEndNoCr, info: '<!--', kind: 'comment' });
        comment = undefined;
      }
      prev = undefined;
    } else if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]!.length <= fence.indent + 3 && m[2]![0] === fence.marker[0] && m[2]!.length >= fence.marker.length && m[3]!.trim() === '') {
        fences.push({ start: fence.start, end: lineEndNoCr, info: fence.info, kind: 'code' });
        fence = undefined;
      }
      prev = undefined;
    } else {
      // Each block regex needs a particular first character after at most 3 (a fence: 12) spaces; most
      // lines are prose and are not tried against any.
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      const first = line[indent];
      const f = indent <= 12 && (first === '`' || first === '~') ? FENCE.exec(line) : null;
      // `> ### Heading` in a blockquote and `- ### Heading` in a list item are headings too (Hugo gives
      // them ids like any other).
      const quoted = indent <= 3 && first !== undefined && '>-*+0123456789'.includes(first) ? /^ {0,3}(?:> ?|(?:[-*+]|\d{1,9}[.)])[ \t]+)+(?=#)/.exec(line) : null;
      const atx = quoted ? ATX.exec(line.slice(quoted[0].length)) : indent <= 3 && first === '#' ? ATX.exec(line) : null;
      const tag = indent <= 3 && first === '<';
      const htmlComment = tag ? /^ {0,3}<!--/.exec(line) : null;
      if (tag && !htmlComment && (HTML_BLOCK_6.test(line) || (!prev?.continues && HTML_BLOCK_7.test(line)))) {
        htmlBlock = pos;
        prev = undefined;
      } else if (htmlComment) {
        // An HTML comment block: Markdown inside it is not read (Hugo still runs its shortcodes).
        if (line.indexOf('-->', htmlComment[0].length) !== -1) fences.push({ start: pos, end: lineEndNoCr, info: '<!--', kind: 'comment' });
        else comment = pos;
        prev = undefined;
      } else if (f && (f[1]!.length <= 3 || !prev?.paragraph) && !(f[2]![0] === '`' && f[3]!.includes('`'))) {
        fence = { marker: f[2]!, start: pos, info: f[3]!.trim(), indent: f[1]!.length };
        prev = undefined;
      } else if (atx) {
        const raw = atx[2] ?? '';
        const rawStart = raw ? pos + line.indexOf(raw, (quoted?.[0].length ?? 0) + line.slice(quoted?.[0].length ?? 0).indexOf('#') + atx[1]!.length) : lineEndNoCr;
        headings.push(makeHeading(slugger, atx[1]!.length, raw, rawStart, pos, lineEndNoCr, lineOf(pos)));
        prev = undefined;
      } else if (prev?.paragraph && indent <= 3 && (first === '=' || first === '-') && SETEXT.exec(line)) {
        const level = line.trim()[0] === '=' ? 1 : 2;
        const raw = prev.text.trim();
        const rawStart = prev.start + prev.text.indexOf(raw);
        headings.push(makeHeading(slugger, level, raw, rawStart, prev.start, lineEndNoCr, lineOf(prev.start)));
        prev = undefined;
      } else if (prev && first === '{' && indent <= 3 && BLOCK_ATTRIBUTES.test(line)) {
        // The attribute list of the block just above (a paragraph, a quote, a list item): its id is an
        // anchor. Standing alone (after a blank line) it sets nothing and shows nothing.
        const list = BLOCK_ATTRIBUTES.exec(line)![1]!;
        const a = attributeId(list);
        if (a) {
          const start = pos + line.indexOf(list) + a.at;
          blockIds.push({ id: a.id, start, end: start + a.id.length });
        }
        prev = undefined;
      } else {
        const trimmed = line.trim();
        const c = trimmed[0];
        const paragraph =
          c !== undefined &&
          c !== '|' &&
          c !== '>' &&
          c !== '<' &&
          indent < 4 &&
          !isListItemStart(trimmed) &&
          !(prev === undefined && (c === '-' || c === '*' || c === '_') && /^[-*_]{3,}$/.test(trimmed.replace(/\s/g, '')));
        // A thematic break (`***`, `---` not under a paragraph) is a block of its own: the next line
        // starts a new paragraph, which a setext underline can make a heading.
        const thematicBreak = !prev?.paragraph && (c === '-' || c === '*' || c === '_') && /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(trimmed);
        prev = trimmed === '' || thematicBreak ? undefined : { start: pos, end: lineEndNoCr, text: line, paragraph: paragraph && (prev === undefined || prev.paragraph), continues: continuesParagraph(trimmed, indent, prev?.continues ?? false) };
      }
    }
    if (nl >= text.length) break;
    pos = next;
  }
  if (fence) fences.push({ start: fence.start, end: text.length, info: fence.info, kind: 'code' });
  if (comment !== undefined) fences.push({ start: comment, end: text.length, info: '<!--', kind: 'comment' });
  if (htmlBlock !== undefined) fences.push({ start: htmlBlock, end: text.length, info: 'html', kind: 'html' });
  return { headings, fences, blockIds };
}

const CONTAINER_MARKERS = /^(?:> ?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+/;

/**
 * Whether a paragraph is open after this (non-blank, not otherwise a block) line: paragraph text or a
 * table row, a list item's or quote's text (not a heading, fence or HTML block of its own), inline
 * HTML, or an indented line that continues an open paragraph (indented code cannot interrupt one).
 */
function continuesParagraph(trimmed: string, indent: number, open: boolean): boolean {
  const markers = CONTAINER_MARKERS.exec(trimmed);
  if (markers) {
    const content = trimmed.slice(markers[0].length).trimStart();
    if (content === '' || /^(?:#|`{3}|~{3})/.test(content)) return false;
    return !(content[0] === '<' && (HTML_BLOCK_6.test(content) || HTML_BLOCK_7.test(content) || content.startsWith('<!--')));
  }
  // A table too: goldmark reads it from a paragraph's lines, and a lone tag line after a row is a row.
  return indent < 4 || open;
}

/** `- `, `* `, `+ `, `1. ` or `1) ` (or the marker alone): what `^([-*+]|\d+[.)])([ \t]|$)` matches. */
export function isListItemStart(s: string): boolean {
  let i = 0;
  const c = s.charCodeAt(0);
  if (c === 45 || c === 42 || c === 43) i = 1;
  else {
    while (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === 0) return false;
    const d = s.charCodeAt(i);
    if (d !== 46 && d !== 41) return false;
    i++;
  }
  const after = s.charCodeAt(i);
  return i === s.length || after === 32 || after === 9;
}

function makeHeading(slugger: HeadingIds, level: number, raw: string, rawStart: number, start: number, end: number, line: number): Heading {
  // An attribute list ends the text: `## Title {#id .class}`, `#### RED{.text-danger #red}`. A class is
  // not part of the id; without `#id` the id comes from the text before the list.
  const attrs = HEADING_ATTRIBUTES.exec(raw);
  const text = attrs ? raw.slice(0, attrs.index) : raw;
  const custom = attrs ? attributeId(attrs[1]!) : undefined;
  if (custom) {
    slugger.reserve(custom.id);
    return { level, text, id: custom.id, customId: true, start, end, textStart: rawStart, textEnd: rawStart + text.length, line };
  }
  return { level, text, id: slugger.id(text), customId: false, start, end, textStart: rawStart, textEnd: rawStart + text.length, line };
}

/** Character references as a reader sees them: `&amp;` is `&`, `&#39;` is `'`, `&copy;` is `©`. */
function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

/** The text a reader sees: inline Markdown marks, links' URLs, HTML tags and character references resolved. */
export function plainText(markdown: string): string {
  return decodeEntities(markdown)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|\*|~~|`)/g, '')
    // `_` marks emphasis only at a word's edge (next to space or punctuation); inside snake_case it is text.
    .replace(/(^|[\s\p{P}])_{1,2}(?=[^\s_])/gu, '$1')
    .replace(/(?<=[^\s_])_{1,2}(?=$|[\s\p{P}])/gu, '')
    .trim();
}

/**
 * `:name:` emoji shortcodes as the characters they stand for, outside code spans: what Hugo's
 * `enableEmoji` makes of them before a heading gets its id (so `## :rocket: Launch` is `-launch`).
 */
export function emojify(markdown: string): string {
  if (!markdown.includes(':')) return markdown;
  return markdown.replace(/(`+)[\s\S]*?\1|:([a-z0-9_+-]+):/gi, (m, code: string | undefined, name: string | undefined) => {
    if (code !== undefined || name === undefined) return m;
    return Object.prototype.hasOwnProperty.call(nameToEmoji, name) ? nameToEmoji[name]! : m;
  });
}

/** The slug of each heading text seen lately (a handbook repeats "Overview", "Responsibilities"…). */
const slugMemo = new Map<string, string>();
const emojiSlugMemo = new Map<string, string>();

/** Heading text with nothing for `plainText` to take out and nothing for the slug to drop. */
const PLAIN_HEADING = /^[A-Za-z0-9 -]*$/;

/**
 * github-slugger's slug of the heading's plain text, before any -1, -2 for repeats; with `emoji` (the
 * site's `enableEmoji`), `:name:` shortcodes are emoji first, which the slug drops.
 */
export function headingSlug(markdown: string, emoji = false): string {
  const memo = emoji ? emojiSlugMemo : slugMemo;
  let s = memo.get(markdown);
  if (s === undefined) {
    // Most headings are plain words: their slug is the lower-cased text with spaces as hyphens (what
    // both steps come to for these characters; a property test holds the two paths equal).
    s = PLAIN_HEADING.test(markdown) ? markdown.trim().toLowerCase().replace(/ /g, '-') : githubSlug(plainText(emoji ? emojify(markdown) : markdown));
    if (memo.size >= 20_000) memo.clear();
    // The heading's text is cut from its page: as a key, it would keep every version of the page alive.
    memo.set(detached(markdown), detached(s));
  }
  return s;
}

/**
 * The ids of one page's headings in order, as Hugo's `autoHeadingIDType: github` gives them: the slug,
 * and for a repeat the slug with -1, -2… (github-slugger's rule for repeats, on memoised slugs).
 */
export class HeadingIds {
  private readonly seen = new Map<string, number>();

  /** `emoji`: the site sets `enableEmoji`, so `:name:` shortcodes are emoji. */
  constructor(private readonly options: { emoji?: boolean } = {}) {}

  /** The id of the next heading with this text (its Markdown as written). */
  id(markdown: string): string {
    const base = headingSlug(markdown, this.options.emoji);
    let result = base;
    while (this.seen.has(result)) {
      const n = this.seen.get(base)! + 1;
      this.seen.set(base, n);
      result = `${base}-${n}`;
    }
    this.seen.set(result, 0);
    return result;
  }

  /** An id set by hand (`{#id}`): a later heading whose slug is the same gets `-1` (goldmark's rule). */
  reserve(id: string): void {
    if (!this.seen.has(id)) this.seen.set(id, 0);
  }
}

/** True when `offset` lies inside one of the fences. */
export function inFence(fences: readonly Fence[], offset: number): boolean {
  return fences.some((f) => offset >= f.start && offset <= f.end);
}

/**
 * A heading's text without its attribute list, and the id the list sets (`## Title {#id .class}`), as
 * `makeHeading` reads them: for renderers that get the heading text from their own parser (the preview).
 */
export function headingAttributes(raw: string): { text: string; id: string | undefined } {
  const attrs = HEADING_ATTRIBUTES.exec(raw);
  return { text: attrs ? raw.slice(0, attrs.index) : raw, id: attrs ? attributeId(attrs[1]!)?.id : undefined };
}
