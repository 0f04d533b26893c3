// What the checker reports for one file: its problems with 1-based line and column (UTF-16, as editors
// count), and the titles of their fixes.
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import { LineMap } from '../util/positions';
import { quickFixes } from './codeActions';
import { applySeverities, DIAGNOSTIC_CODES, diagnose, OFF_BY_DEFAULT } from './diagnostics';
import { applySuppressions } from './suppressions';
import type { Problem, Severity } from './types';

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(DIAGNOSTIC_CODES));

/**
 * A file's problems as both front ends show them: what `diagnose` finds, less what the file's
 * suppression comments silence (plus the comments that silence nothing), with the severity settings
 * applied. `suppressed` counts the silenced problems.
 */
export function problemsOf(index: SiteView, file: string, severities: Record<string, Severity | 'off'>): { problems: Problem[]; suppressed: number } {
  const found = diagnose(index, file);
  const parsed = index.parsed(file);
  if (!parsed) return { problems: applySeverities(found, severities), suppressed: 0 };
  const isOff = (code: string): boolean => (severities[code] ?? OFF_BY_DEFAULT[code]) === 'off';
  // Unused comments are judged only on a final answer: before the index is ready the cross-file
  // checks have not run, and a comment that silences one of them would look unused.
  const complete = index.isReady || !index.siteOf(file);
  const r = applySuppressions(file, parsed, found, { knownCodes: KNOWN_CODES, isOff, complete });
  return { problems: applySeverities(r.problems, severities), suppressed: r.suppressed };
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Problem['severity'];
  code: string;
  message: string;
  fixes: string[];
}

/**
 * The file's problems as the checker prints them, paths relative to `root`; with `fixes`, the titles
 * of their fixes (worked out only for the formats that print them: finding fixes costs a search).
 */
export function reportFile(index: SiteView, file: string, root: string, fixes = true, tally?: { suppressed: number }): JsonDiagnostic[] {
  // The same defaults as the editor: codes that are off by default stay off.
  const { problems, suppressed } = problemsOf(index, file, {});
  if (tally) tally.suppressed += suppressed;
  if (problems.length === 0) return [];
  const map = new LineMap(index.parsed(file)?.text ?? index.textOf(file) ?? '');
  const rel = relativePosix(root, file);
  return problems.map((p) => {
    const s = map.positionAt(p.start);
    const e = map.positionAt(p.end);
    return {
      file: rel,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      severity: p.severity,
      code: p.code,
      message: p.message,
      fixes: fixes ? quickFixes(index, p).map((f) => f.title) : [],
    };
  });
}
