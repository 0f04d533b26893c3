// Quick fixes, keyed on each problem's code and data (never on its message).
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import { fileUnderMount, linksStayInside } from '../site/includes';
import { closest } from '../util/fuzzy';
import { misusedFixes } from './glossary';
import { linkFixes } from './links';
import { refFixes } from './refs';
import { shortcodeFixes } from './shortcodes';
import { ignoreFix, removeUnusedFix, UNUSED_CODE } from './suppressions';
import { termFixes, termSectionForLink } from './terms';
import type { Fix, Problem } from './types';

export function quickFixes(index: SiteView, problem: Problem): Fix[] {
  switch (problem.code) {
    case 'include-not-found':
      return includeNotFoundFixes(index, problem);
    case 'shortcode-unknown':
    case 'shortcode-param-unknown':
    case 'shortcode-delimiter':
    case 'shortcode-unclosed':
      return shortcodeFixes(problem);
    case 'link-not-found':
      return linkFixes(index, problem);
    case 'anchor-not-found':
      return termSectionFirst(index, problem, linkFixes(index, problem));
    case 'ref-not-found':
    case 'ref-ambiguous':
      return refFixes(index, problem);
    case 'term-misused':
    case 'term-misused-context':
      return misusedFixes(index, problem);
    case 'term-unknown':
    case 'term-source-missing':
      return termFixes(problem);
    case UNUSED_CODE: {
      const parsed = index.parsed(problem.file);
      const fix = parsed && removeUnusedFix(parsed, problem);
      return fix ? [fix] : [];
    }
    default:
      return [];
  }
}

/** A term table's link: the section that holds the terms comes first (as term-source-missing offers it). */
function termSectionFirst(index: SiteView, problem: Problem, fixes: Fix[]): Fix[] {
  const id = termSectionForLink(index, problem.file, problem.start);
  if (id === undefined || id === '') return fixes;
  const title = `Change to "#${id}"`;
  const first: Fix = { title, fixes: problem.code, isPreferred: true, edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: id }] } };
  return [first, ...fixes.filter((f) => f.title !== title).map((f) => ({ ...f, isPreferred: false }))].slice(0, 3);
}

/** What the editor offers: the problem's own fixes, then "Ignore this problem here" (never preferred). */
export function editorFixes(index: SiteView, problem: Problem): Fix[] {
  const parsed = index.parsed(problem.file);
  const ignore = parsed && ignoreFix(parsed, problem);
  return ignore ? [...quickFixes(index, problem), ignore] : quickFixes(index, problem);
}

function includeNotFoundFixes(index: SiteView, problem: Problem): Fix[] {
  const data = problem.data;
  if (data?.kind !== 'include') return [];
  const site = index.siteOf(problem.file);
  if (!site) return [];
  const fixes: Fix[] = [];
  const wanted = data.rel ?? data.path;
  const candidates = closest(wanted, index.includeFiles(site).filter(isIncludable), 3);
  candidates.forEach((c, i) => {
    fixes.push({
      title: `Change to "${c}"`,
      fixes: problem.code,
      isPreferred: i === 0,
      edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: c }] },
    });
  });
  const root = site.includeRoots.find((m) => fileUnderMount(m, wanted) !== undefined);
  const target = root ? fileUnderMount(root, wanted) : undefined;
  // Never offer to create what exists (a folder named like the include, say), nor through a symbolic
  // link that leads out of the include folder (the file would land where include refuses to read).
  if (target && root && !index.fs.stat(target) && linksStayInside(index.fs, root.source, nearestExisting(index, target))) {
    fixes.push({
      title: `Create "${relativePosix(site.root, target)}"`,
      fixes: problem.code,
      edit: { creates: [{ file: target }], changes: [] },
    });
  }
  return fixes;
}

/** The file's folder, or the nearest one above it that exists. */
function nearestExisting(index: SiteView, file: string): string {
  let dir = path.dirname(file);
  while (!index.fs.stat(dir)?.isDirectory && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Files an include can pull in as text. */
function isIncludable(rel: string): boolean {
  return /\.(md|markdown|html|htm|txt)$/i.test(rel);
}
