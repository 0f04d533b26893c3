// handbook-check: the language server's engine over a whole site, with no editor.
//   handbook-check [--format text|json] [SITE_DIR]
// Exit 0: no errors; 1: errors found; 2: bad usage or an unreadable site.
import * as path from 'node:path';
import { quickFixes } from './features/codeActions';
import { diagnose } from './features/diagnostics';
import type { Problem } from './features/types';
import { applySeverities } from './settings';
import { WorkspaceIndex, DEFAULT_OPTIONS } from './index/workspace';
import { NodeFileSystem } from './util/fileSystem';
import { LineMap } from './util/positions';
import type { Logger } from './util/logger';

const USAGE = 'usage: handbook-check [--format text|json] [SITE_DIR]';

interface CliOptions {
  format: 'text' | 'json';
  dir: string;
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

function parseArgs(argv: string[]): CliOptions | string {
  let format: CliOptions['format'] = 'text';
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') return `unknown format "${v ?? ''}" (text or json)`;
      format = v;
    } else if (a.startsWith('-')) {
      return `unknown option "${a}"`;
    } else if (dir === undefined) {
      dir = a;
    } else {
      return `unexpected argument "${a}"`;
    }
  }
  return { format, dir: path.resolve(dir ?? '.') };
}

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    out(USAGE);
    return 0;
  }
  if (typeof opts === 'string') {
    err(`handbook-check: ${opts}\n${USAGE}`);
    return 2;
  }
  const fs = new NodeFileSystem();
  const st = fs.stat(opts.dir);
  if (!st?.isDirectory) {
    err(`handbook-check: ${opts.dir} is not a readable folder`);
    return 2;
  }
  const log: string[] = [];
  const logger: Logger = { info: () => {}, warn: (m) => log.push(m), error: (m) => log.push(m) };
  const index = new WorkspaceIndex(fs, { ...DEFAULT_OPTIONS, retainParses: true }, logger);
  index.setFolders([opts.dir]);
  if (index.sites.length === 0) {
    err(`handbook-check: no Hugo site in ${opts.dir} (looked for hugo.*, config.* and config/_default/)`);
    return 2;
  }
  await index.ensureIndexed();
  const files = [...index.allFacts()].map((f) => f.file);
  const diagnostics: JsonDiagnostic[] = [];
  for (const file of files.sort()) {
    // The same defaults as the editor: codes that are off by default stay off.
    const problems = applySeverities(diagnose(index, file), {});
    if (problems.length === 0) continue;
    const map = new LineMap(index.parsed(file)?.text ?? index.textOf(file) ?? '');
    for (const p of problems) {
      const s = map.positionAt(p.start);
      const e = map.positionAt(p.end);
      diagnostics.push({
        file: path.relative(opts.dir, file).split(path.sep).join('/'),
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        severity: p.severity,
        code: p.code,
        message: p.message,
        fixes: quickFixes(index, p).map((f) => f.title),
      });
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (opts.format === 'json') {
    out(JSON.stringify({ root: opts.dir, filesChecked: files.length, diagnostics }, null, 2));
  } else {
    for (const d of diagnostics) out(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const other = diagnostics.length - errors - warnings;
    out(`${files.length} files checked: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${other} other.`);
  }
  return errors > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`handbook-check: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
