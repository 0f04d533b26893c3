// The differential test's machinery: build a test site with the real `hugo`, read what it published
// (pages, alias redirects, files, every heading id, element id and link of the built HTML, the errors it
// logged), check the same site with our engine, and compare the two case by case.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument as parseHtml, DomUtils } from 'htmlparser2';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { problemsOf, reportFile, type JsonDiagnostic } from '../../server/src/features/report';
import { NodeFileSystem } from '../../server/src/util/nodeFileSystem';
import { resolveRef } from '../../server/src/index/resolveRef';
import type { RefCall } from '../../server/src/parse/document';
import { POSITION_CORRECTIONS, type KnownDifference } from './knownDifferences';

export const HUGO_DIR = __dirname;
export const THEMES_DIR = path.join(HUGO_DIR, 'themes');

export type Category = 'pages' | 'aliases' | 'links' | 'heading ids' | 'element ids' | 'build errors';
export const CATEGORIES: Category[] = ['pages', 'aliases', 'links', 'heading ids', 'element ids', 'build errors'];

/** One compared case: its key (unique within its site and category), what Hugo says, what we say. */
export interface Case {
  site: string;
  category: Category;
  key: string;
  hugo: string;
  engine: string;
  /** The name of the listed correction applied to Hugo 0.111's answer, if any. */
  adjusted?: string;
}

export interface SiteSource {
  name: string;
  /** A folder of the repository holding the site, or files (path relative to the site: text) to write. */
  dir?: string;
  files?: Record<string, string>;
  /** Categories not to compare on this site (a site whose build stops at a front matter error publishes nothing). */
  skip?: Category[];
}

export function hugoVersion(): string | undefined {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

// ---- what Hugo says ----------------------------------------------------------------------------

export interface HugoError {
  file: string;
  line: number;
  column: number;
  kind: 'include' | 'ref' | 'front matter' | 'other';
  message: string;
}

export interface HugoPage {
  url: string;
  headings: string[];
  elements: string[];
  /** Every link of the page's content: the destination as written and the href it was rendered to. */
  links: { dest: string; href: string }[];
}

export interface HugoBuild {
  pages: Map<string, HugoPage>;
  /** alias URL -> the URL it redirects to */
  aliases: Map<string, string>;
  /** published files other than pages, as URL paths */
  files: Set<string>;
  errors: HugoError[];
  output: string;
}

/** Copies the site into a fresh temp folder (nothing is written into the repository). */
export function materialise(site: SiteSource): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `hugo-oracle-${site.name}-`));
  const src = path.join(root, 'site');
  if (site.dir) fs.cpSync(site.dir, src, { recursive: true });
  for (const [rel, text] of Object.entries(site.files ?? {})) {
    const f = path.join(src, ...rel.split('/'));
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  }
  return src;
}

export function buildWithHugo(src: string): HugoBuild {
  const out = path.join(path.dirname(src), 'public');
  const r = spawnSync(
    'hugo',
    ['--source', src, '--destination', out, '--themesDir', THEMES_DIR, '--theme', 'oracle', '--cacheDir', path.join(path.dirname(src), 'cache'), '--noBuildLock'],
    { encoding: 'utf8', env: { ...process.env, HUGO_ENVIRONMENT: 'production' } },
  );
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  const build: HugoBuild = { pages: new Map(), aliases: new Map(), files: new Set(), errors: parseErrors(output, src), output };
  if (fs.existsSync(out)) readPublished(out, build);
  return build;
}

function parseErrors(output: string, src: string): HugoError[] {
  const errors: HugoError[] = [];
  const rel = (f: string): string => path.relative(src, f).split(path.sep).join('/');
  for (const line of output.split('\n')) {
    if (!/^(ERROR|Error:)/.test(line)) continue;
    const pos = /"([^"]+?):(\d+):(\d+)"/.exec(line);
    if (!pos) {
      if (!/logged \d+ error\(s\)/.test(line)) errors.push({ file: '', line: 0, column: 0, kind: 'other', message: line });
      continue;
    }
    const kind = /include-not-found/.test(line) ? 'include' : /REF_NOT_FOUND|\bref\b/i.test(line) ? 'ref' : /unmarshal|front matter/i.test(line) ? 'front matter' : 'other';
    errors.push({ file: rel(pos[1]!), line: Number(pos[2]), column: Number(pos[3]), kind, message: line.replace(/^ERROR \S+ \S+ /, '') });
  }
  return errors;
}

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f, base, out);
    else out.push(path.relative(base, f).split(path.sep).join('/'));
  }
  return out;
}

function readPublished(out: string, build: HugoBuild): void {
  for (const rel of walk(out)) {
    const urlPath = '/' + rel;
    if (!rel.endsWith('.html')) {
      build.files.add(urlPath);
      continue;
    }
    const doc = parseHtml(fs.readFileSync(path.join(out, rel), 'utf8'));
    const url = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : undefined;
    const refresh = DomUtils.findOne((e) => e.name === 'meta' && (e.attribs['http-equiv'] ?? '').toLowerCase() === 'refresh', doc.children);
    if (refresh && url) {
      const to = /url=(.*)$/i.exec(refresh.attribs['content'] ?? '')?.[1] ?? '';
      build.aliases.set(url, to);
      continue;
    }
    const main = DomUtils.findOne((e) => e.name === 'main' && e.attribs['id'] === 'content', doc.children);
    if (!url || !main) {
      build.files.add(urlPath);
      continue;
    }
    const page: HugoPage = { url, headings: [], elements: [], links: [] };
    for (const e of DomUtils.findAll(() => true, main.children)) {
      const id = e.attribs['id'];
      const heading = /^h[1-6]$/.test(e.name);
      if (id !== undefined) (heading ? page.headings : page.elements).push(id);
      if (e.name === 'a' && e.attribs['name'] !== undefined) page.elements.push(e.attribs['name']);
      if (e.name === 'a' && e.attribs['href'] !== undefined) page.links.push({ dest: e.attribs['data-dest'] ?? e.attribs['href'], href: e.attribs['href'] });
    }
    build.pages.set(url, page);
  }
}

/** Where a published link leads, as a browser reading the built site sees it. */
export function hugoLinkStatus(build: HugoBuild, pageUrl: string, href: string, dest = href): 'ok' | 'link-not-found' | 'anchor-not-found' | 'external' {
  // The render hook found something with no URL for a destination that named one: a leaf bundle's
  // Markdown resource, which Hugo does not publish. The link leads nowhere the author named.
  if (href === '' && dest !== '') return 'link-not-found';
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return 'external';
  const u = new URL(href, `http://site${pageUrl}`);
  let p = safeDecode(u.pathname);
  let target: string | undefined;
  if (build.files.has(p)) return 'ok';
  if (!p.endsWith('/') && (build.pages.has(`${p}/`) || build.aliases.has(`${p}/`))) p += '/';
  if (p.endsWith('/index.html')) p = p.slice(0, -'index.html'.length);
  if (build.pages.has(p)) target = p;
  else if (build.aliases.has(p)) target = new URL(build.aliases.get(p)!, `http://site${p}`).pathname;
  if (target === undefined || !build.pages.has(target)) return 'link-not-found';
  const fragment = safeDecode(u.hash.slice(1));
  if (fragment === '') return 'ok';
  const page = build.pages.get(target)!;
  return page.headings.includes(fragment) || page.elements.includes(fragment) ? 'ok' : 'anchor-not-found';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---- what the engine says ----------------------------------------------------------------------

export interface EngineView {
  index: WorkspaceIndex;
  /** page URL -> file (pages only, their own URL) */
  pages: Map<string, string>;
  /** alias URL -> the page's own URL */
  aliases: Map<string, string>;
  diagnostics: JsonDiagnostic[];
  root: string;
}

export async function checkWithEngine(src: string): Promise<EngineView> {
  const index = new WorkspaceIndex(new NodeFileSystem(), { ...DEFAULT_OPTIONS, retainParses: true });
  index.setFolders([src]);
  await index.ensureIndexed();
  const pages = new Map<string, string>();
  const aliases = new Map<string, string>();
  const diagnostics: JsonDiagnostic[] = [];
  for (const f of [...index.allFacts()].sort((a, b) => a.file.localeCompare(b.file))) {
    // A leaf bundle's Markdown resource is no page.
    if (f.kind === 'page' && f.urls[0] && !index.bundleOf(f.file)) {
      pages.set(f.urls[0], f.file);
      for (const a of f.urls.slice(1)) aliases.set(a, f.urls[0]);
    }
    diagnostics.push(...reportFile(index, f.file, src, false));
  }
  // Pages with no file: a top-level section without _index.md (and the home page), as their folder.
  for (const site of index.sites) for (const [url, dir] of index.pageSet(site).sections) if (!pages.has(url)) pages.set(url, dir);
  return { index, pages, aliases, diagnostics, root: src };
}

/** The links a page shows, in order: its own and those its include files bring, each with our verdict. */
function engineLinks(view: EngineView, file: string): { dest: string; status: string }[] {
  const out: { dest: string; status: string }[] = [];
  const walkFile = (f: string, included: boolean, seen: Set<string>): void => {
    const facts = view.index.factsOf(f);
    if (!facts) return;
    const rel = path.relative(view.root, f).split(path.sep).join('/');
    const diags = view.diagnostics.filter((d) => d.file === rel && (d.code === 'link-not-found' || d.code === 'anchor-not-found'));
    const text = view.index.textOf(f) ?? '';
    // An include's relative links are read from each page that shows it: reported once at the
    // include, with the including pages where they break as related locations.
    const problems = included ? problemsOf(view.index, f, {}).problems.filter((p) => p.code === 'link-not-found' || p.code === 'anchor-not-found') : [];
    const items: { at: number; run: () => void }[] = [];
    for (const l of facts.links) {
      items.push({
        at: l.destStart,
        run: () => {
          if (included) {
            const p = problems.find((x) => x.start >= l.destStart && x.start <= l.destEnd && (!x.related || x.related.some((r) => r.file === file)));
            out.push({ dest: l.destination, status: p ? p.code : 'ok' });
            return;
          }
          const line = lineOf(text, l.destStart);
          const d = diags.find((x) => x.line === line && columnOffset(text, x.line, x.column) >= l.destStart && columnOffset(text, x.line, x.column) <= l.destEnd);
          out.push({ dest: l.destination, status: d ? d.code : 'ok' });
        },
      });
    }
    for (const ref of view.index.parsed(f)?.refs ?? []) {
      if (ref.call.name !== 'relref' || !/\]\(\s*$/.test(text.slice(Math.max(0, ref.call.start - 8), ref.call.start))) continue;
      items.push({
        at: ref.call.start,
        run: () => {
          const line = lineOf(text, ref.start);
          const d = diags.find((x) => x.line === line && columnOffset(text, x.line, x.column) >= ref.start && columnOffset(text, x.line, x.column) <= ref.end);
          out.push({ dest: refDestination(view, f, ref), status: d ? d.code : 'ok' });
        },
      });
    }
    for (const item of facts.outline) {
      if (item.kind !== 'include' || seen.has(item.target)) continue;
      const at = lineStartOffset(text, item.line);
      items.push({ at, run: () => walkFile(item.target, true, new Set([...seen, item.target])) });
    }
    items.sort((a, b) => a.at - b.at).forEach((i) => i.run());
  };
  walkFile(file, false, new Set([file]));
  return out;
}

/**
 * A Markdown link whose destination is a `relref` call (`[x]({{< relref "y" >}})`) shows, in the built
 * page, the URL the ref rendered to; the engine's is the target page's URL with the ref's fragment ("" when
 * the ref finds no page: a build error, compared as one).
 */
function refDestination(view: EngineView, file: string, ref: RefCall): string {
  const t = resolveRef(view.index, file, ref.target);
  if (t.kind !== 'page') return '';
  const url = view.index.urlOf(t.file) ?? view.index.sites.flatMap((s) => [...view.index.pageSet(s).sections]).find(([, dir]) => dir === t.file)?.[0];
  return `${url ?? ''}${t.fragment ? `#${t.fragment}` : ''}`;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineStartOffset(text: string, line0: number): number {
  let at = 0;
  for (let i = 0; i < line0; i++) at = text.indexOf('\n', at) + 1;
  return at;
}

/** The offset of a 1-based line and UTF-16 column. */
function columnOffset(text: string, line: number, column: number): number {
  return lineStartOffset(text, line - 1) + column - 1;
}

// ---- the comparison ----------------------------------------------------------------------------

/** Every case of one site, in every category it compares. */
export function compareSite(site: SiteSource, build: HugoBuild, view: EngineView): Case[] {
  const cases: Case[] = [];
  const skip = new Set(site.skip ?? []);
  const add = (category: Category, key: string, hugo: string, engine: string): void => {
    if (!skip.has(category)) cases.push({ site: site.name, category, key, hugo, engine });
  };

  // Pages: every URL either side publishes.
  for (const url of new Set([...build.pages.keys(), ...view.pages.keys()])) {
    add('pages', url, build.pages.has(url) ? 'published' : 'absent', view.pages.has(url) ? 'published' : 'absent');
  }
  // Aliases: every redirect either side knows, and where it leads.
  for (const url of new Set([...build.aliases.keys(), ...view.aliases.keys()])) {
    const to = build.aliases.get(url);
    add('aliases', url, to === undefined ? 'absent' : new URL(to, `http://site${url}`).pathname, view.aliases.get(url) ?? 'absent');
  }

  for (const [url, page] of build.pages) {
    const file = view.pages.get(url);
    if (!file) continue;
    const anchors = view.index.anchorsOf(file);
    // Heading ids: as multisets (a missing heading does not shift every later case).
    multiset('heading ids', url, page.headings, anchors.filter((a) => a.level > 0).map((a) => a.id), add);
    multiset('element ids', url, page.elements, anchors.filter((a) => a.level === 0).map((a) => a.id), add);

    // Links: paired by destination, in order.
    const ours = engineLinks(view, file);
    const byDest = new Map<string, string[]>();
    for (const l of ours) byDest.set(l.dest, [...(byDest.get(l.dest) ?? []), l.status]);
    const n = new Map<string, number>();
    for (const l of page.links) {
      const status = hugoLinkStatus(build, url, l.href, l.dest);
      if (status === 'external') continue;
      const i = n.get(l.dest) ?? 0;
      n.set(l.dest, i + 1);
      const engine = byDest.get(l.dest)?.[i] ?? 'no link seen';
      add('links', `${url} -> ${l.dest} #${i + 1}`, status, engine);
    }
    // What we flag where Hugo renders no link at all is a false finding.
    for (const [dest, statuses] of byDest) {
      statuses.slice(n.get(dest) ?? 0).forEach((s, j) => {
        if (s !== 'ok') add('links', `${url} -> ${dest} #${(n.get(dest) ?? 0) + j + 1}`, 'not a link', s);
      });
    }
  }

  // Build errors: by file, line and kind (and column, for TOML: the only parser 0.111 gives one for).
  const ours = view.diagnostics.filter((d) => d.severity === 'error' && /^(include-|ref-|frontmatter-invalid)/.test(d.code));
  const kindOf = (code: string): string => (code.startsWith('include-') ? 'include' : code.startsWith('ref-') ? 'ref' : 'front matter');
  const toml = (file: string): boolean => fs.readFileSync(path.join(view.root, file), 'utf8').startsWith('+++');
  const keyOf = (file: string, line: number, column: number, kind: string): string => `${file}:${line}${kind === 'front matter' && toml(file) ? `:${column}` : ''} ${kind}`;
  const adjusted = new Map<string, string>();
  const hugoKeys = build.errors.map((e) => {
    if (e.kind === 'other') return `other: ${e.message}`;
    const fix = e.kind === 'front matter' ? POSITION_CORRECTIONS.find((c) => c.applies(e.message)) : undefined;
    const key = keyOf(e.file, e.line + (fix?.lines ?? 0), e.column, e.kind);
    if (fix) adjusted.set(key, fix.name);
    return key;
  });
  const ourKeys = ours.map((d) => keyOf(d.file, d.line, d.column, kindOf(d.code)));
  for (const k of new Set([...hugoKeys, ...ourKeys])) {
    add('build errors', k, hugoKeys.includes(k) ? 'error' : 'no error', ourKeys.includes(k) ? 'error' : 'no error');
    const c = cases[cases.length - 1];
    if (c?.key === k && adjusted.has(k)) c.adjusted = adjusted.get(k);
  }
  return cases;
}

function multiset(category: Category, url: string, hugo: string[], engine: string[], add: (c: Category, key: string, h: string, e: string) => void): void {
  const left = [...engine];
  for (const id of hugo) {
    const i = left.indexOf(id);
    if (i !== -1) left.splice(i, 1);
    add(category, `${url}#${id}`, 'id', i !== -1 ? 'id' : 'absent');
  }
  for (const id of left) add(category, `${url}#${id}`, 'absent', 'id');
}

// ---- the verdict -------------------------------------------------------------------------------

export interface Tally {
  compared: number;
  agree: number;
  known: number;
}

/**
 * Sorts the cases into agreeing ones, listed version differences (Hugo 0.111 says one thing, the
 * handbook's Hugo what the engine says), and disagreements; a listed difference that did not happen is
 * a failure too (the list must not go stale).
 */
export function verdict(cases: Case[], known: readonly KnownDifference[]): { tally: Map<Category, Tally>; disagreements: Case[]; unused: KnownDifference[] } {
  const tally = new Map<Category, Tally>(CATEGORIES.map((c) => [c, { compared: 0, agree: 0, known: 0 }]));
  const used = new Set<KnownDifference>();
  const disagreements: Case[] = [];
  for (const c of cases) {
    const t = tally.get(c.category)!;
    t.compared++;
    const k = known.find((d) => d.site === c.site && d.category === c.category && d.key === c.key && d.hugo0111 === c.hugo && d.current === c.engine);
    if (k) {
      used.add(k);
      t.known++;
      t.agree++;
    } else if (c.hugo === c.engine) {
      t.agree++;
      if (c.adjusted) t.known++;
    }
    else disagreements.push(c);
  }
  return { tally, disagreements, unused: known.filter((k) => !used.has(k)) };
}
