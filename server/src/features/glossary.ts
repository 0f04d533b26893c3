// Glossaries from data files: hover definitions for acronyms (support_glossary.yml) and `term-misused`
// warnings for the words the handbook asks authors to avoid (misused_terms.yml).
import type { WorkspaceIndex } from '../index/workspace';
import type { ParsedDocument } from '../parse/document';
import { codeRanges } from '../parse/links';
import { misusedEntry, startsWord } from '../site/glossary';
import type { Fix, Problem } from './types';

/** Ranges of a page that are not prose: front matter, code, link URLs, shortcode calls, HTML tags, bare URLs. */
export function nonProseRanges(parsed: ParsedDocument): [number, number][] {
  const r: [number, number][] = [[0, parsed.bodyStart]];
  r.push(...codeRanges(parsed.text, parsed.bodyStart, parsed.fences));
  for (const l of parsed.links) r.push([l.destStart, l.destEnd]);
  for (const c of parsed.shortcodes) r.push([c.start, c.end]);
  const other = /<[^>\n]*>|\bhttps?:\/\/\S+/g;
  other.lastIndex = parsed.bodyStart;
  for (let m = other.exec(parsed.text); m; m = other.exec(parsed.text)) r.push([m.index, m.index + m[0].length]);
  return r.sort((a, b) => a[0] - b[0]);
}

function inRanges(ranges: readonly [number, number][], start: number, end: number): boolean {
  // Ranges are sorted by start; a linear scan is fine for the few hundred a page has.
  for (const [s, e] of ranges) {
    if (s > end) break;
    if (start < e && end > s) return true;
  }
  return false;
}

export function misusedProblems(index: WorkspaceIndex, file: string, parsed: ParsedDocument): Problem[] {
  const site = index.siteOf(file);
  if (!site) return [];
  const g = index.glossaryOf(site);
  const withContext = !!index.options.checkContextWords;
  const regexes = [g.misusedAnyCase, g.misusedExactCase, withContext ? g.misusedContext : undefined].filter((r): r is RegExp => r !== undefined);
  const union = withContext ? g.misusedAnyOf.all : g.misusedAnyOf.distinctive;
  if (regexes.length === 0 || !union) return [];
  const text = parsed.text;
  // What is not prose, found only on a page where some phrase turns up (most pages have none).
  let skip: [number, number][] | undefined;
  const found: Problem[][] = regexes.map(() => []);
  // One pass with the union finds every position where one of the regexes may match (it matches the
  // same phrases in any case); each regex is tried there only, as its own scan would have (a match,
  // kept or not, is skipped over), so the findings are those of scanning the page once per regex.
  const sticky = regexes.map(stickyOf);
  const free = regexes.map(() => parsed.bodyStart);
  union.lastIndex = parsed.bodyStart;
  for (let u = union.exec(text); u; u = union.exec(text)) {
    const at = u.index;
    union.lastIndex = at + 1;
    for (let k = 0; k < sticky.length; k++) {
      if (at < free[k]!) continue;
      const re = sticky[k]!;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) continue;
      const end = at + m[0].length;
      free[k] = end;
      if (!startsWord(text, at) || inRanges((skip ??= nonProseRanges(parsed)), at, end)) continue;
      const entry = misusedEntry(g, m[0]);
      if (!entry) continue;
      const instead = entry.useInstead.length ? ` Use ${entry.useInstead.map((x) => `"${x}"`).join(' or ')} instead.` : '';
      found[k]!.push({
        file,
        start: at,
        end,
        severity: entry.distinctive ? 'warning' : 'information',
        code: entry.distinctive ? 'term-misused' : 'term-misused-context',
        message: `Avoid "${m[0]}".${instead}${entry.reason ? ` ${entry.reason}` : ''}`,
        data: { kind: 'misused', replacements: entry.useInstead.filter((x) => x.split(/\s+/).length <= 6 && !/[()]/.test(x)) },
      });
    }
  }
  return found.flat().sort((a, b) => a.start - b.start);
}

const stickies = new WeakMap<RegExp, RegExp>();

/** The same regex, matching only where it is told to start. */
function stickyOf(re: RegExp): RegExp {
  let s = stickies.get(re);
  if (!s) stickies.set(re, (s = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
  return s;
}

export function misusedFixes(index: WorkspaceIndex, problem: Problem): Fix[] {
  if (problem.data?.kind !== 'misused') return [];
  const written = index.textOf(problem.file)?.slice(problem.start, problem.end) ?? '';
  const capital = /^[A-Z]/.test(written);
  return problem.data.replacements.map((r, i) => {
    const text = capital ? r[0]!.toUpperCase() + r.slice(1) : r;
    return { title: `Replace with "${text}"`, fixes: problem.code, isPreferred: i === 0, edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: text }] } };
  });
}

export function acronymHover(index: WorkspaceIndex, file: string, offset: number): { contents: string; start: number; end: number } | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site || offset < parsed.bodyStart) return undefined;
  const text = parsed.text;
  let s = offset;
  let e = offset;
  while (s > 0 && /[A-Za-z0-9&]/.test(text[s - 1]!)) s--;
  while (e < text.length && /[A-Za-z0-9&]/.test(text[e]!)) e++;
  if (s === e) return undefined;
  const word = text.slice(s, e);
  const a = index.glossaryOf(site).acronyms.get(word);
  if (!a || inRanges(nonProseRanges(parsed), s, e)) return undefined;
  return { start: s, end: e, contents: `**${a.acronym}** — ${a.terms.join('; ')}${a.info ? `\n\n${a.info}` : ''}\n\n*Support glossary*` };
}
