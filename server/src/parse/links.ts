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
  /** A raw HTML `<a href>`: no render hook sees it, a browser follows it as written. */
  html?: boolean;
}

// A reference definition: the destination, then only an optional title up to the end of the line
// (`[Note]: This is prose` is not one).
// It holds `]:`, so only lines with one are tried (sticky, from the line's start).
const DEFINITION = /^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)[ \t]*(?:(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\))[ \t]*)?$/my;

export function scanLinks(text: string, from: number, fences: readonly Fence[]): Link[] {
  const links: Link[] = [];
  const code = codeRanges(text, from, fences);
  const inCode = (offset: number): boolean => code.some(([s, e]) => offset >= s && offset < e);
  for (let i = text.indexOf('[', from); i !== -1; i = text.indexOf('[', i + 1)) {
    if (i > 0 && text[i - 1] === '\\') continue;
    const link = inlineLinkAt(text, i);
    if (!link || inCode(i)) continue;
    links.push(link);
    // Keep scanning inside the link text: `[![alt](image)](url)` holds an image.
  }
  let lastLine = -1;
  for (let colon = text.indexOf(']:', from); colon !== -1; colon = text.indexOf(']:', colon + 2)) {
    const lineStart = Math.max(from, text.lastIndexOf('\n', colon) + 1);
    if (lineStart === lastLine) continue;
    lastLine = lineStart;
    DEFINITION.lastIndex = lineStart;
    const m = DEFINITION.exec(text);
    if (!m || inCode(m.index)) continue;
    const raw = m[2]!;
    const rawStart = m.index + m[0].indexOf(raw, m[0].indexOf("]:") + 2);
    const angled = raw.startsWith('<');
    const destination = angled ? raw.slice(1, -1) : raw;
    const destStart = rawStart + (angled ? 1 : 0);
    links.push({ text: m[1]!, destination, start: m.index, end: m.index + m[0].length, destStart, destEnd: destStart + destination.length, image: false, definition: true });
  }
  links.sort((a, b) => a.start - b.start);
  return links;
}

/** The inline link or image whose text opens with `[` at `open`, as CommonMark reads it, or undefined. */
function inlineLinkAt(text: string, open: number): Link | undefined {
  // The link text: balanced brackets, escapes skipped, no blank line, bounded length.
  let depth = 0;
  let j = open;
  const limit = Math.min(text.length, open + 2000);
  for (; j < limit; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 80))) return undefined;
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  if (depth !== 0 || text[j + 1] !== '(') return undefined;
  let k = j + 2;
  while (text[k] === ' ' || text[k] === '\t' || text[k] === '\n') k++;
  let destStart = k;
  let destEnd: number;
  if (text[k] === '<') {
    const close = text.indexOf('>', k + 1);
    const nl = text.indexOf('\n', k + 1);
    if (close === -1 || (nl !== -1 && nl < close)) return undefined;
    destStart = k + 1;
    destEnd = close;
    k = close + 1;
  } else {
    // Balanced parentheses (CommonMark allows 32 levels), no white space, escapes kept as written.
    let parens = 0;
    for (; k < text.length; k++) {
      const c = text[k]!;
      if (c === '\\' && k + 1 < text.length) {
        k++;
        continue;
      }
      if (c === '(') {
        if (++parens > 32) return undefined;
      } else if (c === ')') {
        if (parens === 0) break;
        parens--;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
    }
    if (parens !== 0) return undefined;
    destEnd = k;
  }
  // An optional title, then the closing parenthesis.
  let t = k;
  while (text[t] === ' ' || text[t] === '\t' || text[t] === '\n' || text[t] === '\r') t++;
  if (t > k && (text[t] === '"' || text[t] === "'" || text[t] === '(')) {
    const closer = text[t] === '(' ? ')' : text[t]!;
    const end = text.indexOf(closer, t + 1);
    if (end === -1 || end - t > 1000) return undefined;
    t = end + 1;
    while (text[t] === ' ' || text[t] === '\t' || text[t] === '\n' || text[t] === '\r') t++;
  }
  if (text[t] !== ')') return undefined;
  const image = open > 0 && text[open - 1] === '!';
  return {
    text: text.slice(open + 1, j),
    destination: text.slice(destStart, destEnd),
    start: image ? open - 1 : open,
    end: t + 1,
    destStart,
    destEnd,
    image,
    definition: false,
  };
}

/** Fenced blocks and inline code spans, as [start, end) ranges. */
export function codeRanges(text: string, from: number, fences: readonly Fence[]): [number, number][] {
  const ranges: [number, number][] = fences.map((f) => [f.start, f.end]);
  // Inline HTML comments (closed ones: an unclosed `<!--` inside a paragraph is literal text; block
  // comments come from the block scan, in `fences`). What is inside is not Markdown.
  const comment = /<!--[\s\S]*?-->/g;
  comment.lastIndex = from;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    const at = m.index;
    const fence = fences.find((f) => at >= f.start && at < f.end);
    if (fence) {
      // Past the whole block: stepping 4 characters at a time, a line of unclosed comments inside a
      // comment block was searched to its end once per comment (5 s for 20,000 of them).
      comment.lastIndex = Math.max(at + 4, fence.end);
      continue;
    }
    ranges.push([at, at + m[0].length]);
  }
  for (const [at, end] of codeSpans(text, from)) {
    if (fences.some((f) => at >= f.start && at < f.end)) continue;
    ranges.push([at, end]);
  }
  return ranges;
}

/**
 * Inline code spans from `from`: a run of n backticks up to the next run of exactly n, not across a
 * blank line; a run with no such closer is literal text. Linear: a run length known to have no closer
 * after some offset is not searched for again (a regular expression took quadratic time on a page
 * of backticks: 1.3 s for 30,000 of them, on every keystroke).
 */
export function codeSpans(text: string, from: number): [number, number][] {
  const out: [number, number][] = [];
  const noCloserAfter = new Map<number, number>();
  const runAt = (i: number): number => {
    let j = i;
    while (text.charCodeAt(j) === 96) j++;
    return j - i;
  };
  let i = text.indexOf('`', from);
  while (i !== -1) {
    const n = runAt(i);
    let closer = -1;
    const known = noCloserAfter.get(n);
    if (known === undefined || i + n < known) {
      for (let k = text.indexOf('`', i + n); k !== -1; ) {
        const m = runAt(k);
        if (m === n) {
          closer = k;
          break;
        }
        k = text.indexOf('`', k + m);
      }
      if (closer === -1) noCloserAfter.set(n, i + n);
    }
    if (closer !== -1 && !/\n[ \t]*\n/.test(text.slice(i, closer))) {
      out.push([i, closer + n]);
      i = text.indexOf('`', closer + n);
    } else {
      // Literal backticks (no closer, or a blank line before it): the next run is looked at anew.
      i = text.indexOf('`', i + n);
    }
  }
  return out;
}
