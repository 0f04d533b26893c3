// Markdown links from a scan of the raw text: inline links `[text](dest "title")`, images, and
// reference definitions `[id]: dest`. Links inside code fences and inline code are not links.
import type { Fence } from './headings';

export interface Link {
  text: string;
  /** The destination as written (angle brackets removed). */
  destination: string;
  /** The whole link. */
  start: number;
  end: number;
  /** The destination's text. */
  destStart: number;
  destEnd: number;
  image: boolean;
  /** A reference definition `[id]: dest` rather than an inline link. */
  definition: boolean;
}

const INLINE = /(!?)\[((?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)/g;
const DEFINITION = /^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)/gm;

export function scanLinks(text: string, from: number, fences: readonly Fence[]): Link[] {
  const links: Link[] = [];
  const code = codeRanges(text, from, fences);
  const inCode = (offset: number): boolean => code.some(([s, e]) => offset >= s && offset < e);
  INLINE.lastIndex = from;
  for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
    if (inCode(m.index)) continue;
    const raw = m[3]!;
    const rawStart = m.index + m[0].indexOf('](') + 2 + (m[0].slice(m[0].indexOf('](') + 2).length - m[0].slice(m[0].indexOf('](') + 2).trimStart().length);
    const angled = raw.startsWith('<');
    const destination = angled ? raw.slice(1, -1) : raw;
    const destStart = rawStart + (angled ? 1 : 0);
    links.push({ text: m[2]!, destination, start: m.index, end: m.index + m[0].length, destStart, destEnd: destStart + destination.length, image: m[1] === '!', definition: false });
  }
  DEFINITION.lastIndex = from;
  for (let m = DEFINITION.exec(text); m; m = DEFINITION.exec(text)) {
    if (inCode(m.index)) continue;
    const raw = m[2]!;
    const rawStart = m.index + m[0].length - raw.length;
    const angled = raw.startsWith('<');
    const destination = angled ? raw.slice(1, -1) : raw;
    const destStart = rawStart + (angled ? 1 : 0);
    links.push({ text: m[1]!, destination, start: m.index, end: m.index + m[0].length, destStart, destEnd: destStart + destination.length, image: false, definition: true });
  }
  links.sort((a, b) => a.start - b.start);
  return links;
}

/** Fenced blocks and inline code spans, as [start, end) ranges. */
export function codeRanges(text: string, from: number, fences: readonly Fence[]): [number, number][] {
  const ranges: [number, number][] = fences.map((f) => [f.start, f.end]);
  const span = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;
  span.lastIndex = from;
  for (let m = span.exec(text); m; m = span.exec(text)) {
    const at = m.index;
    if (fences.some((f) => at >= f.start && at < f.end)) continue;
    // A code span does not cross a blank line.
    if (/\n[ \t]*\n/.test(m[0])) {
      span.lastIndex = at + m[1]!.length;
      continue;
    }
    ranges.push([at, at + m[0].length]);
  }
  return ranges;
}
