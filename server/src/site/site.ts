// The Hugo site model: where a site's content, assets, static files, data and layouts live (including
// module mounts), which files are pages, and how page files map to URLs.
import * as path from '../util/path';
import type { FileSystem } from '../util/fileSystem';
import { load as yamlLoad } from 'js-yaml';
import { loadConfig, siteConfigFiles, type ConfigProblem } from './config';
import { isInside, relativePosix } from '../util/paths';

/** A folder mounted into one of Hugo's component trees, at `target` inside that tree ('' = its root). */
export interface Mount {
  source: string;
  target: string;
}

export type Component = 'content' | 'assets' | 'static' | 'data' | 'layouts';

export interface Site {
  root: string;
  configFiles: string[];
  configProblems: ConfigProblem[];
  mounts: Record<Component, Mount[]>;
  /** Folders `{{% include %}}` paths resolve against, in order: the assets mounts, then extra roots. */
  includeRoots: Mount[];
  /** Module imports named in the config (themes that are not in the repository). */
  moduleImports: string[];
  /** Link destinations not to check: `.hugolint.yaml` `exclude` patterns plus the setting's. */
  linkExcludes: RegExp[];
  /** Problems reading the site's own lint configuration. */
  lintProblems: string[];
  /** `enableEmoji`: `:name:` shortcodes are emoji (and so not part of heading ids). */
  enableEmoji: boolean;
}

export interface SiteOptions {
  /** Extra include roots, relative to the site root (or absolute). */
  extraIncludeRoots?: readonly string[];
  /** Extra link exclude patterns (regular expressions), as in `.hugolint.yaml`. */
  linkExcludes?: readonly string[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'public', 'resources', '.hg', '.svn', '.e2e', 'dist', 'out']);

/** Finds Hugo site roots at or below each folder (a few levels deep), without descending into a site. */
export function findSiteRoots(fs: FileSystem, folders: readonly string[], maxDepth = 4): string[] {
  const roots: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    const real = fs.realPath(dir) ?? dir;
    if (seen.has(real)) return; // symlink loops
    seen.add(real);
    if (siteConfigFiles(fs, dir).length > 0) {
      roots.push(dir);
      return;
    }
    if (depth >= maxDepth) return;
    for (const e of fs.readDirectory(dir)) {
      if (e.isDirectory && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) visit(path.join(dir, e.name), depth + 1);
    }
  };
  for (const f of folders) visit(f, 0);
  return roots;
}

/**
 * The nearest folder at or above `dir` that holds a Hugo config (hugo.*, config.* or config/_default/),
 * for clients that root the workspace inside a site, or at the one file they opened. Only the config
 * names are looked for on the way up; the file system's own root is not a site.
 */
export function findSiteAbove(fs: FileSystem, dir: string): string | undefined {
  for (let d = path.resolve(dir); path.dirname(d) !== d; d = path.dirname(d)) {
    if (siteConfigFiles(fs, d).length > 0) return d;
  }
  return undefined;
}

/** The site whose root is the nearest ancestor of `file`. */
export function siteOf<S extends { root: string }>(sites: readonly S[], file: string): S | undefined {
  let best: S | undefined;
  for (const s of sites) {
    if (isInside(s.root, file) && (!best || s.root.length > best.root.length)) best = s;
  }
  return best;
}

export function loadSite(fs: FileSystem, root: string, options: SiteOptions = {}): Site {
  const files = siteConfigFiles(fs, root);
  const config = loadConfig(fs, files);
  const v = config.values;
  const str = (key: string, def: string): string => (typeof v[key] === 'string' && v[key] ? (v[key] as string) : def);
  const list = (key: string, def: string): string[] => {
    const x = v[key];
    if (typeof x === 'string' && x) return [x];
    if (Array.isArray(x)) return x.filter((s): s is string => typeof s === 'string');
    return [def];
  };
  const legacy: Record<Component, string[]> = {
    content: [str('contentDir', 'content')],
    assets: [str('assetDir', 'assets')],
    static: list('staticDir', 'static'),
    data: [str('dataDir', 'data')],
    layouts: [str('layoutDir', 'layouts')],
  };
  const module = (v['module'] ?? {}) as Record<string, unknown>;
  const configured = Array.isArray(module['mounts']) ? (module['mounts'] as unknown[]) : [];
  const mounts: Record<Component, Mount[]> = { content: [], assets: [], static: [], data: [], layouts: [] };
  for (const m of configured) {
    if (!m || typeof m !== 'object') continue;
    const { source, target } = m as { source?: unknown; target?: unknown };
    if (typeof source !== 'string' || typeof target !== 'string') continue;
    const [component, ...rest] = target.split('/').filter(Boolean);
    if (!component || !(component in mounts)) continue;
    mounts[component as Component].push({ source: path.resolve(root, source), target: rest.join('/') });
  }
  // Hugo: a component with mounts of its own loses its default folder.
  for (const c of Object.keys(mounts) as Component[]) {
    if (mounts[c].length === 0) mounts[c] = legacy[c].map((d) => ({ source: path.resolve(root, d), target: '' }));
  }
  const extra = (options.extraIncludeRoots ?? []).map((d) => ({ source: path.resolve(root, d), target: '' }));
  const imports = Array.isArray(module['imports'])
    ? (module['imports'] as unknown[]).map((i) => (i && typeof i === 'object' ? (i as { path?: unknown }).path : i)).filter((p): p is string => typeof p === 'string')
    : [];
  const lint = readHugolint(fs, root);
  const lintProblems = [...lint.problems];
  const linkExcludes: RegExp[] = [];
  for (const p of [...lint.patterns, ...(options.linkExcludes ?? [])]) {
    // The patterns come from the workspace: one like (a+)+$ would take exponential time on a link.
    if (p.length > 1000 || hasNestedQuantifier(p)) {
      lintProblems.push(`exclude pattern ${JSON.stringify(p.slice(0, 100))} is not used: it repeats a repetition, which can take exponential time`);
      continue;
    }
    try {
      linkExcludes.push(new RegExp(p));
    } catch (err) {
      lintProblems.push(`exclude pattern ${JSON.stringify(p)} is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    root,
    linkExcludes,
    lintProblems,
    configFiles: files,
    configProblems: config.problems,
    mounts,
    includeRoots: [...mounts.assets, ...extra],
    moduleImports: imports,
    enableEmoji: v['enableEmoji'] === true,
  };
}

/**
 * True when a regular expression repeats a group that itself repeats ((a+)+, (a*b?)*, (x{2,})+): the
 * shape of catastrophic backtracking. Conservative: classes and escapes are skipped, nothing is run.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const outer: boolean[] = [];
  let repeats = false; // the current group holds a quantifier
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      outer.push(repeats);
      repeats = false;
    } else if (c === ')') {
      const inner: boolean = repeats;
      const next = pattern[i + 1];
      if (inner && (next === '*' || next === '+' || next === '{')) return true;
      repeats = (outer.pop() ?? false) || inner;
    } else if (c === '*' || c === '+' || c === '{') {
      repeats = true;
    }
  }
  return false;
}

/** True when `child` is `parent` or lies below it (plain path comparison). */
export { isInside };

/** The component-relative path of a file ('includes/x.md' for assets/includes/x.md), or undefined. */
export function componentPath(mounts: readonly Mount[], file: string): { mount: Mount; rel: string } | undefined {
  for (const mount of mounts) {
    if (isInside(mount.source, file)) {
      const rel = relativePosix(mount.source, file);
      return { mount, rel: mount.target ? `${mount.target}/${rel}` : rel };
    }
  }
  return undefined;
}

export function isMarkdownFile(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

/** A content page written in HTML (`content/_index.html`). */
export function isHtmlFile(name: string): boolean {
  return /\.html?$/i.test(name);
}

/** The `exclude` patterns of the handbook's own link checker configuration, `.hugolint.yaml`. */
function readHugolint(fs: FileSystem, root: string): { patterns: string[]; problems: string[] } {
  const file = path.join(root, '.hugolint.yaml');
  const text = fs.stat(file)?.isFile ? fs.readFile(file) : undefined;
  if (text === undefined) return { patterns: [], problems: [] };
  try {
    const v = yamlLoad(text) as { exclude?: unknown } | null;
    const list = Array.isArray(v?.exclude) ? v.exclude : [];
    const patterns = list.map((e: unknown) => (typeof e === 'string' ? e : (e as { pattern?: unknown } | null)?.pattern)).filter((p): p is string => typeof p === 'string');
    return { patterns, problems: [] };
  } catch (err) {
    return { patterns: [], problems: [`.hugolint.yaml: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`] };
  }
}
