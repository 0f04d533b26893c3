// What the checker reports for one file: its problems with 1-based line and column (UTF-16, as editors
// count), and the titles of their fixes.
import * as path from '../util/path';
import type { WorkspaceIndex } from '../index/workspace';
import { applySeverities } from '../settings';
import { LineMap } from '../util/positions';
import { quickFixes } from './codeActions';
import { diagnose } from './diagnostics';
import type { Problem } from './types';

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
export function reportFile(index: WorkspaceIndex, file: string, root: string, fixes = true): JsonDiagnostic[] {
  // The same defaults as the editor: codes that are off by default stay off.
  const problems = applySeverities(diagnose(index, file), {});
  if (problems.length === 0) return [];
  const map = new LineMap(index.parsed(file)?.text ?? index.textOf(file) ?? '');
  const rel = path.relative(root, file).split(path.sep).join('/');
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
