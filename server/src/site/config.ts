// Reading a Hugo site's configuration: the root config file (hugo.* / config.*) or the files of
// config/_default/, merged the way Hugo merges them (a file named after a top-level key holds that key).
import * as path from '../util/path';
import { load as yamlLoad } from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import type { FileSystem } from '../util/fileSystem';

export interface ConfigProblem {
  file: string;
  message: string;
}

export interface LoadedConfig {
  /** The files read, in the order Hugo reads them. */
  files: string[];
  values: Record<string, unknown>;
  problems: ConfigProblem[];
}

const EXTENSIONS = ['toml', 'yaml', 'yml', 'json'];

/** The config files that make `dir` a Hugo site root, or an empty list when it is not one. */
export function siteConfigFiles(fs: FileSystem, dir: string): string[] {
  const files: string[] = [];
  for (const base of ['hugo', 'config']) {
    for (const ext of EXTENSIONS) {
      const file = path.join(dir, `${base}.${ext}`);
      if (fs.stat(file)?.isFile) files.push(file);
    }
  }
  const defaultDir = path.join(dir, 'config', '_default');
  if (fs.stat(defaultDir)?.isDirectory) {
    for (const e of fs.readDirectory(defaultDir)) {
      if (e.isFile && EXTENSIONS.includes(path.extname(e.name).slice(1))) files.push(path.join(defaultDir, e.name));
    }
  }
  return files;
}

export function loadConfig(fs: FileSystem, files: readonly string[]): LoadedConfig {
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  // Deep merge in reading order: the first file to set a key keeps it (root files come first).
  for (const file of files) {
    const text = fs.readFile(file);
    if (text === undefined) {
      problems.push({ file, message: 'cannot be read' });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseConfigText(text, path.extname(file).slice(1));
    } catch (err) {
      problems.push({ file, message: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) continue;
    const base = path.basename(file, path.extname(file));
    const inDefaultDir = path.basename(path.dirname(file)) === '_default';
    if (inDefaultDir && base !== 'config' && base !== 'hugo') {
      // config/_default/params.yaml holds the `params` key, menus.yaml the `menus` key, and so on.
      mergeInto(values, { [base]: parsed });
    } else {
      mergeInto(values, parsed as Record<string, unknown>);
    }
  }
  return { files: [...files], values, problems };
}

function parseConfigText(text: string, ext: string): unknown {
  if (ext === 'toml') return parseToml(text);
  if (ext === 'json') return JSON.parse(text);
  return yamlLoad(text);
}

/**
 * Deep merge, the first value of a key winning. YAML aliases make config a graph, not a tree: two files
 * that share a billion-laughs tree would be walked 9^9 times, and nesting 100,000 deep would overflow
 * the stack. So the walk is iterative (parents before children, keys in order) and merges each
 * (target, source) pair of objects once.
 */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  const merged = new Map<object, Set<object>>();
  const stack: [Record<string, unknown>, Record<string, unknown>][] = [[target, source]];
  while (stack.length) {
    const [t, s] = stack.pop()!;
    let done = merged.get(t);
    if (!done) merged.set(t, (done = new Set()));
    if (done.has(s)) continue;
    done.add(s);
    const nested: [Record<string, unknown>, Record<string, unknown>][] = [];
    for (const [key, value] of Object.entries(s)) {
      const existing = t[key];
      if (isPlainObject(existing) && isPlainObject(value)) nested.push([existing, value]);
      else if (!(key in t)) t[key] = value;
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
