// The site's own shortcode templates: found under `layouts/_shortcodes/**` (Hugo 0.146+) and the older
// `layouts/shortcodes/**`, in the site's layouts folder and any theme or extra layouts folders passed in.
// What a template takes is read from the template itself, the way Hugo reads it:
//   `.Get "name"` / `.Get 0`        a named / positional parameter
//   `.Params` as a whole            it may read any argument (ranges over them)
//   `.Inner` / `.InnerDeindent`     it has content, so Hugo wants every call closed or self-closed
//   a `.md` template                it must be called with {{% %}}
//   a leading {{/* … */}} or <!-- … --> comment: its description
// A one-line stub (`{{/* Stub: the real template is not shipped. Parameters it reads: "role" 0 */}}`,
// as the corpus ships its layouts) gives the parameters it names and leaves the pairing open.
// Everything goes through the injected FileSystem; nothing here throws.
import * as path from '../util/path';
import type { FileSystem } from '../util/fileSystem';
import { builtinShortcodesFrom } from './catalogue';
import type { NamedParam, PositionalParam, ShortcodeInfo, ShortcodeSource } from './types';

export type { NamedParam, Pairing, PositionalParam, ShortcodeCatalogue, ShortcodeInfo, ShortcodeSource } from './types';

/** What one template file says about itself. */
export interface TemplateFacts {
  /** Named parameters, in the order the template first reads them. */
  named: string[];
  /** Positions read with `.Get N`, ascending. */
  positional: number[];
  readsInner: boolean;
  /** The template uses `.Params` as a whole, so any argument may mean something to it. */
  readsAllParams: boolean;
  /** From a leading comment; empty when there is none (or it is a stub's). */
  description: string;
  /** The file is a stub that only names the parameters of a template not shipped. */
  stub: boolean;
}

export interface CatalogueOptions {
  /** Which built-in sets to start from. Default: all of them. */
  builtins?: readonly ShortcodeSource[];
}

const SHORTCODE_DIRS = ['_shortcodes', 'shortcodes'];
const MAX_TEMPLATE_BYTES = 512 * 1024;
const MAX_FILES = 5000;
const MAX_DEPTH = 12;

/**
 * The shortcodes a site can call: the built-ins, then the site's templates over them (a site template
 * replaces a built-in of the same name, as it does in Hugo). `layoutDirs` are layouts folders in Hugo's
 * lookup order, the project's first, then themes and modules; the first folder that defines a name wins.
 * A folder that is itself a `_shortcodes` or `shortcodes` folder is scanned as one.
 */
export function shortcodeCatalogue(fs: FileSystem, layoutDirs: readonly string[], options: CatalogueOptions = {}): Map<string, ShortcodeInfo> {
  const out = builtinShortcodesFrom(options.builtins ?? ['hugo', 'docsy', 'docsy-gitlab']);
  for (const [name, site] of discoverShortcodes(fs, layoutDirs)) {
    const builtin = out.get(name);
    if (builtin) {
      const merged: ShortcodeInfo = { ...site, overrides: builtin.source };
      // A stub says nothing of its purpose; the built-in it replaces still does.
      if (site.stub && !merged.description) merged.description = builtin.description;
      out.set(name, merged);
    } else {
      out.set(name, site);
    }
  }
  return out;
}

/** Only the site's own templates (no built-ins), by name. */
export function discoverShortcodes(fs: FileSystem, layoutDirs: readonly string[]): Map<string, ShortcodeInfo> {
  const found = new Map<string, ShortcodeInfo>();
  const budget = { files: MAX_FILES };
  for (const layoutDir of layoutDirs) {
    const base = path.basename(layoutDir);
    const roots = SHORTCODE_DIRS.includes(base) ? [layoutDir] : SHORTCODE_DIRS.map((d) => path.join(layoutDir, d));
    const inThisDir = new Map<string, string[]>();
    for (const root of roots) {
      const files = new Map<string, string[]>();
      try {
        collect(fs, root, [], files, new Set(), 0, budget);
      } catch {
        // A file system that throws (against its contract) costs this folder, not the catalogue.
      }
      // `_shortcodes` wins over the older `shortcodes` within one layouts folder.
      for (const [name, paths] of files) if (!inThisDir.has(name)) inThisDir.set(name, paths);
    }
    for (const [name, files] of inThisDir) {
      if (found.has(name)) continue; // an earlier layouts folder (the project's) wins
      found.set(name, safeDescribe(fs, name, files));
    }
  }
  return found;
}

/** The shortcode name a template file defines, from its path under the shortcodes folder. */
export function shortcodeNameOf(relativePath: string): string | undefined {
  const parts = relativePath.split(/[\\/]+/).filter(Boolean);
  const last = parts.pop();
  if (!last || last.startsWith('.')) return undefined;
  const dot = last.indexOf('.');
  // `alert.html`, `alert.md`, `alert.amp.html`, `alert.en.html` all define `alert`.
  const base = dot === -1 ? last : last.slice(0, dot);
  if (!base) return undefined;
  return [...parts, base].join('/');
}

function collect(
  fs: FileSystem,
  dir: string,
  rel: string[],
  out: Map<string, string[]>,
  seen: Set<string>,
  depth: number,
  budget: { files: number },
): void {
  if (depth > MAX_DEPTH) return;
  const real = fs.realPath(dir);
  if (real === undefined || seen.has(real)) return;
  seen.add(real);
  for (const e of fs.readDirectory(dir)) {
    if (budget.files <= 0) return;
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory) {
      collect(fs, full, [...rel, e.name], out, seen, depth + 1, budget);
    } else if (e.isFile) {
      const name = shortcodeNameOf([...rel, e.name].join('/'));
      if (!name) continue;
      budget.files--;
      const list = out.get(name);
      if (list) list.push(full);
      else out.set(name, [full]);
    }
  }
}

/** The extension Hugo's output format sees: `x.amp.html` -> `.html`, `x.md` -> `.md`. */
function finalExt(file: string): string {
  return path.extname(file).toLowerCase();
}

function variantRank(file: string): number {
  const base = path.basename(file);
  const dots = base.split('.').length - 1;
  const ext = finalExt(file);
  // The plain HTML (or Markdown) template first, then output-format and language variants.
  return (ext === '.html' ? 0 : ext === '.md' ? 1 : 2) * 10 + dots;
}

function safeDescribe(fs: FileSystem, name: string, files: string[]): ShortcodeInfo {
  try {
    return describeTemplate(fs, name, files);
  } catch {
    return { name, source: 'site', description: '', positional: [], named: [], paired: 'optional', markdownOnly: false, paramsIncomplete: true, files };
  }
}

function describeTemplate(fs: FileSystem, name: string, files: string[]): ShortcodeInfo {
  const ordered = [...files].sort((a, b) => variantRank(a) - variantRank(b) || a.localeCompare(b));
  const named: string[] = [];
  const positional = new Set<number>();
  let readsInner = false;
  let readsAll = false;
  let description = '';
  let stubs = 0;
  let read = 0;
  for (const file of ordered) {
    const size = fs.stat(file)?.size ?? 0;
    if (size > MAX_TEMPLATE_BYTES) continue;
    const text = fs.readFile(file);
    if (text === undefined) continue;
    read++;
    const facts = parseShortcodeTemplate(text);
    for (const n of facts.named) if (!named.includes(n)) named.push(n);
    for (const p of facts.positional) positional.add(p);
    readsInner ||= facts.readsInner;
    readsAll ||= facts.readsAllParams;
    if (!description) description = facts.description;
    if (facts.stub) stubs++;
  }
  const stub = read > 0 && stubs === read;
  const exts = ordered.map(finalExt);
  const info: ShortcodeInfo = {
    name,
    source: 'site',
    description,
    positional: positionalParams(positional),
    named: named.map((n): NamedParam => ({ name: n, description: '' })),
    // Hugo: a template that reads .Inner must be closed or self-closed; one that does not rejects a
    // closing tag. A stub cannot tell which, so either is accepted.
    paired: readsInner ? 'always' : stub || read === 0 ? 'optional' : 'never',
    markdownOnly: exts.includes('.md') && !exts.includes('.html'),
    files: ordered,
  };
  if (readsAll) info.acceptsAnyNamed = true;
  if (stub) info.stub = true;
  if (read === 0) info.paramsIncomplete = true;
  return info;
}

function positionalParams(positions: Set<number>): PositionalParam[] {
  if (positions.size === 0) return [];
  const max = Math.min(Math.max(...positions), 63);
  const out: PositionalParam[] = [];
  for (let i = 0; i <= max; i++) out.push({ name: String(i), description: positions.has(i) ? '' : 'not read by the template' });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Reading one template

/** What a shortcode template reads, from its text alone. Pure; never throws. */
export function parseShortcodeTemplate(text: string): TemplateFacts {
  const facts: TemplateFacts = { named: [], positional: [], readsInner: false, readsAllParams: false, description: '', stub: false };
  const lead = leadingComment(text);
  if (lead !== undefined) {
    const stub = /^\s*Stub\b[\s\S]*?Parameters it reads:([\s\S]*)$/i.exec(lead);
    if (stub) {
      facts.stub = true;
      addParamTokens(stub[1] ?? '', facts);
    } else {
      facts.description = firstParagraph(lead);
    }
  }
  const positions = new Set<number>(facts.positional);
  for (const action of templateActions(text)) {
    if (/\.Inner(?:Deindent)?\b/.test(action)) facts.readsInner = true;
    // `.Get "x"`, `$.Get 0`; not `.Parent.Get` or `.Scratch.Get`, which read something else.
    for (const m of action.matchAll(/(?<![\w.)\]])\$?\.Get\s+(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\d+))/g)) {
      addParam(m[1] ?? m[2], m[3], facts, positions);
    }
    // `isset .Params "x"`, `index .Params 0`, `.Params.x` name one argument; any other use of
    // `.Params` (range, len, with) may read them all.
    for (const m of action.matchAll(/(\bisset|\bindex)?(\s*)(?<![\w.)\]])\$?\.Params\b(\.[A-Za-z_]\w*)?(\s+(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\d+)))?/g)) {
      const [, fn, , field, , dq, raw, num] = m;
      if (field) addParam(field.slice(1), undefined, facts, positions);
      else if (fn && (dq !== undefined || raw !== undefined || num !== undefined)) addParam(dq ?? raw, num, facts, positions);
      else facts.readsAllParams = true;
    }
  }
  facts.positional = [...positions].sort((a, b) => a - b);
  return facts;
}

function addParam(name: string | undefined, num: string | undefined, facts: TemplateFacts, positions: Set<number>): void {
  if (num !== undefined) {
    const n = Number(num);
    if (Number.isInteger(n) && n >= 0 && n < 64) positions.add(n);
  } else if (name !== undefined && name !== '' && !facts.named.includes(name)) {
    facts.named.push(name);
  }
}

function addParamTokens(list: string, facts: TemplateFacts): void {
  const positions = new Set<number>();
  for (const m of list.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|\b(\d+)\b/g)) addParam(m[1] ?? m[2], m[3], facts, positions);
  facts.positional = [...positions].sort((a, b) => a - b);
}

// The text of a comment that opens the file: {{/* … */}}, {{- /* … */ -}} or <!-- … -->.
function leadingComment(text: string): string | undefined {
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text.startsWith('<!--', i)) {
    const end = text.indexOf('-->', i + 4);
    return end === -1 ? undefined : text.slice(i + 4, end);
  }
  const m = /^\{\{-?\s*\/\*/.exec(text.slice(i, i + 8));
  if (!m) return undefined;
  const start = i + m[0].length;
  const end = text.indexOf('*/', start);
  return end === -1 ? undefined : text.slice(start, end);
}

function firstParagraph(comment: string): string {
  const para = comment.trim().split(/\n\s*\n/)[0] ?? '';
  const line = para.replace(/\s+/g, ' ').trim();
  return line.length > 280 ? line.slice(0, 279).trimEnd() + '…' : line;
}

/** The bodies of the template's actions, `{{ … }}`, without comments. Quoted strings may hold `}}`. */
function templateActions(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    let j = open + 2;
    if (text[j] === '-' && /\s/.test(text[j + 1] ?? '')) j++;
    let k = j;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    if (text.startsWith('/*', k)) {
      const close = text.indexOf('*/', k + 2);
      if (close === -1) break;
      const end = text.indexOf('}}', close + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    }
    let q: string | undefined;
    let p = j;
    for (; p < text.length; p++) {
      const c = text[p]!;
      if (q) {
        if (q === '"' && c === '\\') p++;
        else if (c === q) q = undefined;
        else if (q !== '`' && c === '\n') q = undefined; // a broken string: do not run away
        continue;
      }
      if (c === '"' || c === '`') q = c;
      else if (c === '}' && text[p + 1] === '}') break;
    }
    out.push(text.slice(j, p));
    i = p + 2;
  }
  return out;
}
