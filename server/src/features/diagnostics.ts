// Diagnostics of one document. Each check is a small function of (index, file, parse); the server
// and the checker both call `diagnose`, so the editor and CI always agree.
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import type { ParsedDocument } from '../parse/document';
import type { Site } from '../site/site';
import type { IncludeResolution } from '../site/includes';
import { misusedProblems } from './glossary';
import { frontMatterProblems } from './frontMatter';
import { shortcodeProblems } from './shortcodes';
import { linkProblems } from './links';
import { refProblems } from './refs';
import { termProblems } from './terms';
import type { Problem, Severity } from './types';

export const DIAGNOSTIC_CODES = {
  'include-not-found': { severity: 'error', description: 'An include path names no file in the site\'s include folders (assets/ and mounts).' },
  'include-outside-site': { severity: 'error', description: 'An include path would leave the include folders (`..`, `~`, a drive, a backslash, a symlink out of the site). It is never read.' },
  'include-cycle': { severity: 'error', description: 'A file includes itself through a chain of includes; Hugo would recurse until it fails.' },
  'include-empty-path': { severity: 'error', description: '`{{% include %}}` without a path, or with an empty one.' },
  'frontmatter-invalid': { severity: 'error', description: 'The front matter is not valid YAML, TOML or JSON; Hugo stops the build.' },
  'shortcode-unterminated': { severity: 'error', description: 'A shortcode call opened with `{{<` or `{{%` is never closed with `>}}` / `%}}`.' },
  'shortcode-delimiter-mismatch': { severity: 'error', description: 'A call opened with `{{<` is closed with `%}}` or the other way round.' },
  'frontmatter-missing-title': { severity: 'warning', description: 'A page has no `title` in its front matter.' },
  'shortcode-unknown': { severity: 'warning', description: 'No shortcode of that name: not Hugo\'s, Docsy\'s or docsy-gitlab\'s, and no template in the site\'s layouts. Fix: the closest names.' },
  'shortcode-unclosed': { severity: 'error', description: 'A shortcode whose template reads its content (`.Inner`) is opened and never closed; Hugo fails the build.' },
  'shortcode-unopened': { severity: 'error', description: 'A closing tag with no opening tag, or for a shortcode that takes no content.' },
  'shortcode-param-unknown': { severity: 'warning', description: 'A named parameter the shortcode does not read (e.g. `sunmmary` for `summary`). Fix: the closest parameter.' },
  'shortcode-delimiter': { severity: 'warning', description: 'A Markdown (`.md`) template called with `{{< >}}`; it must be called with `{{% %}}`.' },
  'shortcode-mixed-args': { severity: 'error', description: 'Positional and named arguments in one call; Hugo rejects the mix.' },
  'file-skipped': { severity: 'information', description: 'The file is too large or not text, so the handbook tools skip it.' },
  'term-unknown': { severity: 'warning', description: 'A responsibility table names a term that the linked section does not define.' },
  'term-duplicate': { severity: 'warning', description: 'A responsibility table lists the same term twice.' },
  'term-missing': { severity: 'information', description: 'Defined terms that a responsibility table leaves out (off by default; useful on career ladders).' },
  'term-misused': { severity: 'warning', description: 'A word the handbook asks authors to avoid (data/misused_terms.yml), with the reason and one fix per suggested replacement.' },
  'ref-not-found': { severity: 'error', description: 'A `{{< ref >}}` / `{{< relref >}}` finds no page (by its path in the content tree, from the page first, then from the root, then by bare name); Hugo fails the build with REF_NOT_FOUND.' },
  'ref-ambiguous': { severity: 'error', description: 'A `ref` / `relref` with a bare page name that two or more pages have; Hugo fails the build. Fix: the path of each.' },
  'link-not-found': { severity: 'warning', description: 'A link names no page or file of the site (site-root links against content/ and the static folders; relative links read from the file\'s folder and from the page\'s URL).' },
  'anchor-not-found': { severity: 'warning', description: 'A link\'s #anchor names no heading (its own, or one that arrives through an include) and no explicit anchor on the target page.' },
  'term-misused-context': { severity: 'information', description: 'A single ordinary word from data/misused_terms.yml ("Resources", "Community") whose misuse depends on its meaning in the sentence (off by default; turn it on to review them).' },
  'term-source-missing': { severity: 'warning', description: 'The link above a responsibility table points at a section that does not exist or defines no terms.' },
  'suppression-unused': { severity: 'information', description: 'A `<!-- handbook-disable… -->` comment that silences nothing (or names no diagnostic code): remove it, so suppressions do not outlive their reason.' },
} as const;

/** Codes that are off unless a user turns them on with handbook.diagnostics.severity. */
export const OFF_BY_DEFAULT: Record<string, 'off'> = { 'term-missing': 'off', 'term-misused-context': 'off' };

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Applies per-code severity overrides; `off` removes the problem. */
export function applySeverities(problems: Problem[], overrides: Record<string, Severity | 'off'>): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    const o = overrides[p.code] ?? OFF_BY_DEFAULT[p.code];
    if (o === 'off') continue;
    out.push(o ? { ...p, severity: o } : p);
  }
  return out;
}

export function diagnose(index: SiteView, file: string): Problem[] {
  const skipped = index.skippedReason(file);
  if (skipped) {
    return [{ file, start: 0, end: 0, severity: 'information', code: 'file-skipped', message: `Not checked: ${skipped.message}.` }];
  }
  const parsed = index.parsed(file);
  if (!parsed) return [];
  const site = index.siteOf(file);
  const problems: Problem[] = [];
  frontMatterErrors(file, parsed, problems);
  if (site) problems.push(...frontMatterProblems(index, file, parsed));
  shortcodeSyntaxProblems(file, parsed, problems);
  if (site) problems.push(...shortcodeProblems(index, file, parsed));
  if (site) includeProblems(index, site, file, parsed, problems);
  if (site) problems.push(...misusedProblems(index, file, parsed));
  // Checks that need every page (anchors that arrive through includes, term sources, URLs) wait for
  // the index to be ready (every file's URLs and includes known; the outline of a linked page is read
  // when a check needs it): an early answer would be a false claim. The server re-checks open files
  // when it is ready.
  if (site && index.isReady) {
    const cross = index.whilePending(() => [...(index.kindOf(file) === 'page' ? termProblems(index, file, parsed) : []), ...linkProblems(index, file, parsed), ...refProblems(index, file, parsed)]);
    problems.push(...settled(index, cross));
  }
  return problems;
}

/**
 * While files are still arriving (the web worker's streamed file system), only final answers: none of
 * the cross-file checks when one of them needed a file that has not arrived (it has been asked for,
 * and the page is checked again when it comes), and no "not found" for a link or a term source while
 * any page is still unread — its front matter may hold the missing URL as an alias.
 */
function settled(index: SiteView, cross: { value: Problem[]; pending: boolean }): Problem[] {
  if (cross.pending) return [];
  if (index.pendingFileCount === 0) return cross.value;
  return cross.value.filter((p) => p.code !== 'link-not-found' && p.code !== 'term-source-missing');
}

function frontMatterErrors(file: string, parsed: ParsedDocument, out: Problem[]): void {
  for (const e of parsed.frontMatter?.errors ?? []) {
    out.push({ file, start: e.start, end: e.end, severity: 'error', code: 'frontmatter-invalid', message: `Invalid front matter: ${e.message}` });
  }
}

function shortcodeSyntaxProblems(file: string, parsed: ParsedDocument, out: Problem[]): void {
  for (const call of parsed.shortcodes) {
    const open = `{{${call.delimiter}`;
    const close = `${call.delimiter === '<' ? '>' : '%'}}}`;
    if (!call.terminated) {
      out.push({
        file,
        start: call.start,
        end: Math.max(call.end, call.start + 3),
        severity: 'error',
        code: 'shortcode-unterminated',
        message: `Shortcode ${call.name ? `"${call.name}" ` : ''}opened with "${open}" is not closed with "${close}".`,
      });
    } else if (call.mismatchedClose) {
      out.push({
        file,
        start: call.start,
        end: call.end,
        severity: 'error',
        code: 'shortcode-delimiter-mismatch',
        message: `Shortcode "${call.name}" opens with "${open}" but closes with "${call.delimiter === '<' ? '%' : '>'}}}"; Hugo rejects the mix.`,
      });
    }
  }
}

function includeProblems(index: SiteView, site: Site, file: string, parsed: ParsedDocument, out: Problem[]): void {
  for (const inc of parsed.includes) {
    const r = index.resolveInclude(site, inc.path);
    const range = { file, start: inc.start, end: inc.end === inc.start ? inc.call.end : inc.end };
    const problem = includeResolutionProblem(site, inc.path, r);
    if (problem?.code === 'include-empty-path') {
      out.push({ ...range, start: inc.arg ? inc.call.start : range.start, end: inc.call.end, severity: 'error', ...problem });
    } else if (problem) {
      out.push({ ...range, severity: 'error', ...problem, ...(r.kind === 'missing' ? { data: { kind: 'include', path: inc.path, rel: r.rel } } : {}) });
    } else if (r.kind === 'found') {
      const chain = index.includeCycle(file, r.file);
      if (chain) {
        out.push({ ...range, severity: 'error', code: 'include-cycle', message: includeCycleMessage(site, chain), related: cycleLocations(index, chain) });
      }
    }
  }
}

/** The code and message of an include path that does not resolve (the preview's error box says the same). */
export function includeResolutionProblem(site: Site, raw: string, r: IncludeResolution): { code: DiagnosticCode; message: string } | undefined {
  switch (r.kind) {
    case 'empty':
      return { code: 'include-empty-path', message: 'include needs the path of a file, e.g. {{% include "includes/example.md" %}}.' };
    case 'outside':
      return { code: 'include-outside-site', message: `Include path "${raw}" ${r.reason}; it is never read.` };
    case 'missing': {
      const roots = site.includeRoots.map((m) => relativePosix(site.root, m.source) || '.');
      return { code: 'include-not-found', message: `Include "${raw}" not found in ${roots.map((r) => `${r}/`).join(', ')}.` };
    }
    case 'found':
      return undefined;
  }
}

/** The message of an include cycle, the chain given as files (start -> ... -> start). */
export function includeCycleMessage(site: Site, chain: readonly string[]): string {
  return `Include cycle: ${chain.map((f) => relativePosix(site.root, f)).join(' -> ')}.`;
}

/** For each step of a cycle, the include call that takes it. */
function cycleLocations(index: SiteView, chain: string[]): Problem['related'] {
  const related: NonNullable<Problem['related']> = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const from = chain[i]!;
    const to = chain[i + 1]!;
    const parsed = index.parsed(from);
    const site = index.siteOf(from);
    const call = parsed && site ? parsed.includes.find((inc) => {
      const r = index.resolveInclude(site, inc.path);
      return r.kind === 'found' && r.file === to;
    }) : undefined;
    if (call) related.push({ file: from, start: call.start, end: call.end, message: `includes ${path.basename(to)}` });
  }
  return related;
}
