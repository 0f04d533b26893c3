// Front matter: YAML between `---` lines, TOML between `+++`, or a JSON object, as Hugo reads them.
// The block is split here by Hugo's rule (the first line that is exactly the delimiter closes it);
// gray-matter is not used because it takes `---x` for a closing line, caches every string it parses
// unless given options, and adds nothing else we need. js-yaml parses YAML because it accepts what
// Hugo's YAML parser accepts on the real handbook (multi-line quoted strings at column 0, which the
// stricter `yaml` package rejects) and reports error positions; aliases stay shared references, so an
// alias bomb costs no memory. `smol-toml` parses TOML.
import { load as yamlLoad, YAMLException } from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';

export interface FrontMatterError {
  /** Offsets into the whole document. */
  start: number;
  end: number;
  message: string;
}

export interface FrontMatter {
  language: 'yaml' | 'toml' | 'json';
  /** The whole block, delimiters included. */
  start: number;
  end: number;
  /** The text between the delimiters. */
  contentStart: number;
  contentEnd: number;
  data: Record<string, unknown>;
  errors: FrontMatterError[];
  /** Offsets of the values of top-level keys, where the parser gives them (YAML only). */
  keyRanges: Map<string, { keyStart: number; valueStart: number; valueEnd: number }>;
}

/** Parses the front matter at the start of a document, or returns undefined when there is none. */
export function parseFrontMatter(text: string): FrontMatter | undefined {
  // Hugo ignores a byte order mark; offsets stay those of the text as given.
  if (text.charCodeAt(0) === 0xfeff) {
    const fm = parseFrontMatter(text.slice(1));
    return fm && shifted(fm, 1);
  }
  const open = /^(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  if (!open) {
    // A JSON object opens with `{` then a key or `}`; `{{<` / `{{%` at the top is a shortcode call.
    if (/^\{\s*["}]/.test(text)) return parseJsonFrontMatter(text);
    return undefined;
  }
  const delimiter = open[1]!;
  const language = delimiter === '+++' ? 'toml' : 'yaml';
  const contentStart = open[0].length;
  const closeRe = delimiter === '+++' ? /^\+\+\+[ \t]*\r?$/m : /^---[ \t]*\r?$/m;
  const rest = text.slice(contentStart);
  const close = closeRe.exec(rest);
  if (!close) {
    return {
      language,
      start: 0,
      end: text.length,
      contentStart,
      contentEnd: text.length,
      data: {},
      errors: [{ start: 0, end: open[0].trimEnd().length, message: `Front matter opened with "${delimiter}" is never closed.` }],
      keyRanges: new Map(),
    };
  }
  const contentEnd = contentStart + close.index;
  let end = contentEnd + close[0].length;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  const content = text.slice(contentStart, contentEnd);
  const fm: FrontMatter = { language, start: 0, end, contentStart, contentEnd, data: {}, errors: [], keyRanges: new Map() };
  if (language === 'yaml') parseYamlInto(fm, content);
  else parseTomlInto(fm, content, text);
  return fm;
}

function parseYamlInto(fm: FrontMatter, content: string): void {
  let value: unknown;
  try {
    value = yamlLoad(content, { filename: 'front matter' });
  } catch (err) {
    if (err instanceof YAMLException) {
      // An unterminated quoted string runs to the end of the stream, where the parser stops: the
      // author needs its opening quote (where current Hugo's YAML parser reports it).
      const quote = /within a (double|single) quoted scalar/.exec(err.reason ?? '') ? unterminatedQuote(content, err.reason!.includes('double') ? '"' : "'") : undefined;
      const at = quote ?? Math.min(err.mark?.position ?? 0, content.length);
      const lineEnd = content.indexOf('\n', at);
      fm.errors.push({ start: fm.contentStart + at, end: fm.contentStart + Math.max(at + 1, lineEnd === -1 ? content.length : lineEnd), message: err.reason || firstLine(err.message) });
    } else {
      fm.errors.push({ start: fm.contentStart, end: fm.contentEnd, message: firstLine(String(err)) });
    }
    return;
  }
  if (value === null || value === undefined) {
    fm.data = {};
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    fm.data = value as Record<string, unknown>;
  } else {
    fm.errors.push({ start: fm.contentStart, end: fm.contentEnd, message: 'Front matter must be a mapping of keys to values.' });
    return;
  }
  // Where each top-level key and its value stand: a line scan, since js-yaml keeps no positions.
  const keyLine = /^([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')[ \t]*:[ \t]*(.*)$/gm;
  for (let m = keyLine.exec(content); m; m = keyLine.exec(content)) {
    const key = m[1]!.replace(/^["']|["']$/g, '');
    const valueStart = fm.contentStart + m.index + m[0].length - m[2]!.length;
    fm.keyRanges.set(key, { keyStart: fm.contentStart + m.index, valueStart, valueEnd: valueStart + m[2]!.trimEnd().length });
  }
}

/**
 * The offset of the quote that opens a string never closed: quoted scalars are followed from the
 * start (a value after `key:`, `- `, `[` or `,`), each to its closing quote; the first with none.
 */
function unterminatedQuote(content: string, q: '"' | "'"): number | undefined {
  const opener = new RegExp(`(?:^|[:\\[,{-])[ \\t]*(${q})`, 'gm');
  for (let m = opener.exec(content); m; m = opener.exec(content)) {
    const open = m.index + m[0].length - 1;
    let i = open + 1;
    let closed = -1;
    for (; i < content.length; i++) {
      if (q === '"' && content[i] === '\\') {
        i++;
        continue;
      }
      if (content[i] === q) {
        if (q === "'" && content[i + 1] === "'") {
          i++;
          continue;
        }
        closed = i;
        break;
      }
    }
    if (closed === -1) return open;
    opener.lastIndex = closed + 1;
  }
  return undefined;
}

function parseTomlInto(fm: FrontMatter, content: string, text: string): void {
  try {
    fm.data = parseToml(content) as Record<string, unknown>;
  } catch (err) {
    let start = fm.contentStart;
    if (err instanceof TomlError) {
      const lines = content.split('\n');
      let off = 0;
      for (let i = 0; i < err.line - 1 && i < lines.length; i++) off += lines[i]!.length + 1;
      start = fm.contentStart + off + Math.max(0, err.column - 1);
    }
    const lineEnd = text.indexOf('\n', start);
    fm.errors.push({ start, end: Math.max(start + 1, lineEnd === -1 ? text.length : lineEnd), message: firstLine(err instanceof Error ? err.message : String(err)) });
  }
}

function parseJsonFrontMatter(text: string): FrontMatter | undefined {
  // Hugo reads a leading JSON object as front matter; find its end by brace depth outside strings.
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      const fm: FrontMatter = { language: 'json', start: 0, end: i + 1, contentStart: 0, contentEnd: i + 1, data: {}, errors: [], keyRanges: new Map() };
      try {
        fm.data = JSON.parse(text.slice(0, i + 1)) as Record<string, unknown>;
      } catch (err) {
        // The parser says where it stopped ("… in JSON at position 32"): that is where the error is.
        const at = /at position (\d+)/.exec(String(err));
        const start = at ? Math.min(Number(at[1]), i) : 0;
        const lineEnd = text.indexOf('\n', start);
        fm.errors.push({ start, end: at ? Math.max(start + 1, Math.min(i + 1, lineEnd === -1 ? i + 1 : lineEnd)) : i + 1, message: firstLine(err instanceof Error ? err.message : String(err)) });
      }
      return fm;
    }
  }
  return undefined;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.trim();
}

/** A string-valued front matter field, or undefined. */
export function stringField(fm: FrontMatter | undefined, key: string): string | undefined {
  const v = fm?.data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A list-of-strings field (a single string counts as a list of one). */
export function stringListField(fm: FrontMatter | undefined, key: string): string[] {
  const v = fm?.data[key];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function shifted(fm: FrontMatter, by: number): FrontMatter {
  const keyRanges = new Map([...fm.keyRanges].map(([k, r]) => [k, { keyStart: r.keyStart + by, valueStart: r.valueStart + by, valueEnd: r.valueEnd + by }]));
  return {
    ...fm,
    start: fm.start + by,
    end: fm.end + by,
    contentStart: fm.contentStart + by,
    contentEnd: fm.contentEnd + by,
    errors: fm.errors.map((e) => ({ ...e, start: e.start + by, end: e.end + by })),
    keyRanges,
  };
}
