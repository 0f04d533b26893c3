// What the checker reports for one file: its problems with 1-based line and column (UTF-16, as editors
// count), and the titles of their fixes.
import { relativePosix } from '../util/paths';
import type { IndexProgress, WorkspaceIndex } from '../index/workspace';
import type { SiteView } from './view';
import type { FeatureSettings } from './settings';
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

export interface SiteCheckOptions {
  /** The severity settings (`handbook.diagnostics.severity`); codes that are off by default stay off. */
  severities: Record<string, Severity | 'off'>;
  /** The index's progress while the site is indexed. */
  indexProgress?: IndexProgress;
  /** Resolves when the caller stops waiting for the index (the editor's cancel): nothing is checked. */
  giveUp?: Promise<unknown>;
  /** Once the site is indexed, before the first file is checked, with every file to check. */
  starting?(files: readonly string[]): void | Promise<void>;
  /** Each file that has problems, as soon as it is checked (before the event loop turns). */
  found?(file: string, problems: Problem[]): void;
  /** After each file. */
  progress?(done: number, total: number): void;
  /** Asked before each file: true stops the check there (it is then `cancelled`). */
  shouldStop?(): boolean;
  /**
   * Turn the event loop after about this many ms of checking, so that a cancellation (or any other
   * request) that arrived meanwhile is seen (the server). Unset: the whole check runs in one go.
   */
  sliceMs?: number;
}

export interface SiteCheck {
  /** False: the caller stopped waiting for the index; nothing was checked. */
  indexed: boolean;
  cancelled: boolean;
  /** Every file of the sites (pages and include files), sorted: the files to check. */
  files: readonly string[];
  filesChecked: number;
  /** The files that have problems, in order, with their problems as `problemsOf` gives them. */
  results: { file: string; problems: Problem[] }[];
  /** Problems that suppression comments silenced. */
  suppressed: number;
}

/**
 * The whole site checked, as both front ends check it (the checker, and the editor's "Check Whole
 * Site"): the index completed, every file in path order, each file's problems with suppressions and
 * the severity settings applied.
 */
export async function checkSite(index: WorkspaceIndex<FeatureSettings>, opts: SiteCheckOptions): Promise<SiteCheck> {
  const indexed = index.ensureIndexed(opts.indexProgress);
  const check: SiteCheck = { indexed: false, cancelled: false, files: [], filesChecked: 0, results: [], suppressed: 0 };
  if ((await (opts.giveUp ? Promise.race([indexed, opts.giveUp.then(() => 'gave up' as const)]) : indexed)) === 'gave up') return { ...check, cancelled: true };
  const files = [...index.allFacts()].map((f) => f.file).sort();
  Object.assign(check, { indexed: true, files });
  await opts.starting?.(files);
  let i = 0;
  while (i < files.length) {
    const sliceStart = Date.now();
    // The file system's folder cache is on while a slice runs (see ConfinedFileSystem.batch).
    index.batch(() => {
      for (; i < files.length; i++) {
        if (opts.shouldStop?.()) return;
        const { problems, suppressed } = problemsOf(index, files[i]!, opts.severities);
        check.suppressed += suppressed;
        if (problems.length) {
          check.results.push({ file: files[i]!, problems });
          opts.found?.(files[i]!, problems);
        }
        opts.progress?.(i + 1, files.length);
        if (opts.sliceMs !== undefined && Date.now() - sliceStart > opts.sliceMs) {
          i++;
          return;
        }
      }
    });
    check.filesChecked = i;
    if (i < files.length && opts.shouldStop?.()) return { ...check, cancelled: true };
    if (i < files.length) await new Promise((r) => setImmediate(r));
  }
  return check;
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
export function reportFile(index: SiteView, file: string, root: string, fixes = true, severities: Record<string, Severity | 'off'> = {}): JsonDiagnostic[] {
  return jsonDiagnostics(index, file, problemsOf(index, file, severities).problems, root, fixes);
}

/** Problems of one file as the checker prints them (see `reportFile`). */
export function jsonDiagnostics(index: SiteView, file: string, problems: readonly Problem[], root: string, fixes: boolean): JsonDiagnostic[] {
  if (problems.length === 0) return [];
  const map = LineMap.of(index.parsed(file)?.text ?? index.textOf(file) ?? '');
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
