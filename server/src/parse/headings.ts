// Headings and fenced code blocks from a line scan: what the index needs from every page at about the
// cost of reading it. Heading ids follow Hugo's default `autoHeadingIDType: github`, with `{#custom-id}`.
import GithubSlugger from 'github-slugger';

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

export interface Fence {
  start: number;
  end: number;
  info: string;
}

export interface BlockScan {
  headings: Heading[];
  fences: Fence[];
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const CUSTOM_ID = /[ \t]*\{#([^}\s]+)[^}]*\}[ \t]*$/;

/** Scans the Markdown body (from `from`, after front matter) for headings and code fences. */
export function scanBlocks(text: string, from = 0): BlockScan {
  const headings: Heading[] = [];
  const fences: Fence[] = [];
  const slugger = new GithubSlugger();
  let fence: { marker: string; start: number; info: string } | undefined;
  let prev: { start: number; end: number; text: string; paragraph: boolean; line: number } | undefined;
  let pos = from;
  let lineNo = countLines(text, from);
  for (; pos <= text.length; lineNo++) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const lineEndNoCr = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, lineEndNoCr);
    const next = nl + 1;

    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence.marker[0] && m[1]!.length >= fence.marker.length && m[2]!.trim() === '') {
        fences.push({ start: fence.start, end: lineEndNoCr, info: fence.info });
        fence = undefined;
      }
      prev = undefined;
    } else {
      const f = FENCE.exec(line);
      const atx = ATX.exec(line);
      if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
        fence = { marker: f[1]!, start: pos, info: f[2]!.trim() };
        prev = undefined;
      } else if (atx) {
        const raw = atx[2] ?? '';
        const rawStart = raw ? pos + line.indexOf(raw, atx[1]!.length + line.indexOf('#')) : lineEndNoCr;
        headings.push(makeHeading(slugger, atx[1]!.length, raw, rawStart, pos, lineEndNoCr, lineNo));
        prev = undefined;
      } else if (prev?.paragraph && SETEXT.exec(line)) {
        const level = line.trim()[0] === '=' ? 1 : 2;
        const raw = prev.text.trim();
        const rawStart = prev.start + prev.text.indexOf(raw);
        headings.push(makeHeading(slugger, level, raw, rawStart, prev.start, lineEndNoCr, prev.line));
        prev = undefined;
      } else {
        const trimmed = line.trim();
        const paragraph =
          trimmed !== '' &&
          !/^([-*+]|\d+[.)])([ \t]|$)/.test(trimmed) && // list items
          !trimmed.startsWith('|') &&
          !trimmed.startsWith('>') &&
          !trimmed.startsWith('<') &&
          !/^ {4,}/.test(line) &&
          !(prev === undefined && /^[-*_]{3,}$/.test(trimmed.replace(/\s/g, '')));
        prev = trimmed === '' ? undefined : { start: pos, end: lineEndNoCr, text: line, paragraph: paragraph && (prev === undefined || prev.paragraph), line: lineNo };
      }
    }
    if (nl >= text.length) break;
    pos = next;
  }
  if (fence) fences.push({ start: fence.start, end: text.length, info: fence.info });
  return { headings, fences };
}

function makeHeading(slugger: GithubSlugger, level: number, raw: string, rawStart: number, start: number, end: number, line: number): Heading {
  const custom = CUSTOM_ID.exec(raw);
  if (custom) {
    const text = raw.slice(0, custom.index);
    return { level, text, id: custom[1]!, customId: true, start, end, textStart: rawStart, textEnd: rawStart + text.length, line };
  }
  return { level, text: raw, id: slugger.slug(plainText(raw)), customId: false, start, end, textStart: rawStart, textEnd: rawStart + raw.length, line };
}

function countLines(text: string, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The text a reader sees: inline Markdown marks, links' URLs and HTML tags removed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|\*|~~|`)/g, '')
    // `_` marks emphasis only at a word's edge; inside snake_case it is text.
    .replace(/(^|\W)_{1,2}(?=\w)|(?<=\w)_{1,2}(?=\W|$)/g, '$1')
    .trim();
}

/** True when `offset` lies inside one of the fences. */
export function inFence(fences: readonly Fence[], offset: number): boolean {
  return fences.some((f) => offset >= f.start && offset <= f.end);
}
