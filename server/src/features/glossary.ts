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
  const regexes = [g.misusedAnyCase, g.misusedExactCase, index.options.checkContextWords ? g.misusedContext : undefined];
  if (!regexes.some(Boolean)) return [];
  const skip = nonProseRanges(parsed);
  const out: Problem[] = [];
  for (const re of regexes) {
    if (!re) continue;
    re.lastIndex = parsed.bodyStart;
    for (let m = re.exec(parsed.text); m; m = re.exec(parsed.text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!startsWord(parsed.text, start) || inRanges(skip, start, end)) continue;
      const entry = misusedEntry(g, m[0]);
      if (!entry) continue;
      const instead = entry.useInstead.length ? ` Use ${entry.useInstead.map((u) => `"${u}"`).join(' or ')} instead.` : '';
      out.push({
        file,
        start,
        end,
        severity: entry.distinctive ? 'warning' : 'information',
        code: entry.distinctive ? 'term-misused' : 'term-misused-context',
        message: `Avoid "${m[0]}".${instead}${entry.reason ? ` ${entry.reason}` : ''}`,
        data: { kind: 'misused', replacements: entry.useInstead.filter((u) => u.split(/\s+/).length <= 6 && !/[()]/.test(u)) },
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
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
