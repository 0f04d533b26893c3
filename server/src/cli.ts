// handbook-check: the language server's engine over a whole site, with no editor.
//   handbook-check [--format text|json|codequality|sarif] [--output FILE] [--since REF | --baseline FILE]
//                  [--fail-on error|warning] [--write-baseline FILE] [--settings FILE] [SITE_DIR]
// Exit 0: no errors (or none beyond the baseline or REF); 1: errors found (with --fail-on warning, warnings
// too); 2: bad usage, an unreadable site, or git or REF missing.
import { createHash } from 'node:crypto';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES } from './features/diagnostics';
import { checkSite, jsonDiagnostics, reportFile, type JsonDiagnostic } from './features/report';
import { WorkspaceIndex, DEFAULT_OPTIONS } from './index/workspace';
import type { FeatureSettings } from './features/settings';
import { featureSettingsOf, handbookSection, indexOptionsOf, normalizeSettings, type HandbookSettings } from './settings';
import { LineMap } from './util/positions';
import { NodeFileSystem } from './util/nodeFileSystem';
import { silentLogger, type Logger } from './util/logger';
import { openBase, SinceError, type BaseRevision } from './since';

const VERSION = '0.1.0';
/** Warnings past this many are counted, not printed. */
const MAX_WARNINGS = 50;
const USAGE = `usage: handbook-check [--format text|json|codequality|sarif] [--output FILE] [--since REF | --baseline FILE]
                      [--fail-on error|warning] [--write-baseline FILE] [--settings FILE] [SITE_DIR]

  --format text          compiler-style lines and a summary (default)
  --format json          {"root", "filesChecked", "diagnostics": [...]}
  --format codequality   GitLab Code Quality report (a merge request shows new problems inline)
  --format sarif         SARIF 2.1.0
  --output FILE          write the report to FILE (atomically); the text lines still go to stdout
  --since REF            report only problems that are new since the git revision REF (a branch,
                         origin/main, $CI_MERGE_REQUEST_DIFF_BASE_SHA), anywhere in the site; renames
                         are followed as git detects them
  --fail-on LEVEL        exit 1 on any error (default) or on any error or warning (warning)
  --baseline FILE        report only problems that are not in FILE (judge a change on what it adds)
  --write-baseline FILE  record the current problems in FILE (written atomically) and exit 0
  --settings FILE        the editor's settings: a settings.json (comments allowed) whose handbook.* keys
                         are used as the editor uses them (severities, excludes, include roots, ...);
                         without it, SITE_DIR/.vscode/settings.json when there is one`;

const FORMATS = ['text', 'json', 'codequality', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface CliOptions {
  format: Format;
  dir: string;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  since: string | undefined;
  output: string | undefined;
  failOn: 'error' | 'warning';
  settings: string | undefined;
}

interface Baseline {
  version: 1;
  /** Problems by file, code and message (not line: lines move when text above them changes). */
  problems: { file: string; code: string; message: string; count: number }[];
}

function parseArgs(argv: string[]): CliOptions | string {
  const opts: CliOptions = { format: 'text', dir: '.', baseline: undefined, writeBaseline: undefined, since: undefined, output: undefined, failOn: 'error', settings: undefined };
  let dir: string | undefined;
  const value = (i: number, a: string): [string | undefined, number] => (a.includes('=') ? [a.slice(a.indexOf('=') + 1), i] : [argv[i + 1], i + 1]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const flag = a.split('=')[0];
    if (a === '--help' || a === '-h') return 'help';
    if (flag === '--format' || flag === '--baseline' || flag === '--write-baseline' || flag === '--since' || flag === '--output' || flag === '--fail-on' || flag === '--settings') {
      const [v, next] = value(i, a);
      i = next;
      // An empty REF is what an unset CI variable gives: say so rather than compare with nothing.
      if (flag === '--since' && v === '') return '--since needs a revision, and it was given an empty one (is the CI variable set? $CI_MERGE_REQUEST_DIFF_BASE_SHA is set in merge request pipelines only)';
      if (v === undefined || v === '') return `${flag} needs a value`;
      if (flag === '--since') opts.since = v;
      else if (flag === '--output') opts.output = path.resolve(v);
      else if (flag === '--settings') opts.settings = path.resolve(v);
      else if (flag === '--fail-on') {
        if (v !== 'error' && v !== 'warning') return `--fail-on takes error or warning, not "${v}"`;
        opts.failOn = v;
      } else if (flag === '--format') {
        if (!(FORMATS as readonly string[]).includes(v)) return `unknown format "${v}" (${FORMATS.join(', ')})`;
        opts.format = v as Format;
      } else if (flag === '--baseline') opts.baseline = path.resolve(v);
      else opts.writeBaseline = path.resolve(v);
    } else if (a.startsWith('-')) {
      return `unknown option "${a}"`;
    } else if (dir === undefined) {
      dir = a;
    } else {
      return `unexpected argument "${a}"`;
    }
  }
  opts.dir = path.resolve(dir ?? '.');
  if (opts.since !== undefined && (opts.baseline || opts.writeBaseline)) return '--since compares with a git revision: use it without --baseline and --write-baseline';
  return opts;
}

/** A one-line progress report on an interactive terminal; nothing in CI logs or pipes. */
function progressBar(enabled: boolean): { update(label: string, done: number, total: number): void; clear(): void } {
  let last = 0;
  return {
    update(label, done, total) {
      if (!enabled || (Date.now() - last < 100 && done < total)) return;
      last = Date.now();
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    clear() {
      if (enabled) process.stderr.write('\r\x1b[K');
    },
  };
}

function readBaseline(file: string): Baseline | string {
  let text: string;
  try {
    text = nodeFs.readFileSync(file, 'utf8');
  } catch {
    return `cannot read the baseline ${file}`;
  }
  try {
    const b = JSON.parse(text) as Baseline;
    if (b.version !== 1 || !Array.isArray(b.problems)) return `${file} is not a handbook-check baseline (version 1)`;
    return b;
  } catch (e) {
    return `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * The `handbook.*` settings of a settings.json (JSON with comments and trailing commas, as VS Code
 * reads it), or why they cannot be read. Unknown `handbook.*` keys are named in `unknown`.
 */
function readSettings(file: string, unknown: string[]): HandbookSettings | string {
  let text: string;
  try {
    text = nodeFs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `cannot read the settings file ${file}${code === 'ENOENT' ? ' (no such file)' : code === 'EISDIR' ? ' (it is a folder)' : ''}`;
  }
  const errors: ParseError[] = [];
  const json: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const first = errors[0]!;
    const at = LineMap.of(text).positionAt(first.offset);
    return `${file}:${at.line + 1}:${at.character + 1}: the settings file is not valid JSON (${printParseErrorCode(first.error)})`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return `${file}: the settings file must hold a JSON object ({"handbook.…": …})`;
  return normalizeSettings(handbookSection(json as Record<string, unknown>, unknown));
}

/** Writes to a temporary file beside the target, then renames it over: a reader never sees half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  nodeFs.writeFileSync(tmp, text);
  nodeFs.renameSync(tmp, file);
}

const key = (d: { file: string; code: string; message: string }): string => `${d.file}\u0000${d.code}\u0000${d.message}`;

/**
 * The problems not accounted for by `known` (how many of each key are already there, at the base
 * revision or in the baseline; it is used up): each known one takes one occurrence away.
 */
function dropKnown(diagnostics: JsonDiagnostic[], known: Map<string, number>): { kept: JsonDiagnostic[]; dropped: number } {
  const kept = diagnostics.filter((d) => {
    const n = known.get(key(d)) ?? 0;
    if (n === 0) return true;
    known.set(key(d), n - 1);
    return false;
  });
  return { kept, dropped: diagnostics.length - kept.length };
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
  const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
  if (typeof baseline === 'string') {
    err(`handbook-check: ${baseline}`);
    return 2;
  }
  // The base revision is read before anything is checked: a missing git or REF is an error at once.
  let base: BaseRevision | undefined;
  if (opts.since !== undefined) {
    try {
      base = openBase(opts.dir, opts.since);
    } catch (e) {
      if (!(e instanceof SinceError)) throw e;
      err(`handbook-check: ${e.message}`);
      return 2;
    }
  }
  // The editor's settings: the file given, else the site folder's VS Code workspace settings.
  const settingsFile = opts.settings ?? [path.join(opts.dir, '.vscode', 'settings.json')].find((f) => nodeFs.existsSync(f));
  const unknownSettings: string[] = [];
  const settings = settingsFile ? readSettings(settingsFile, unknownSettings) : normalizeSettings({});
  if (typeof settings === 'string') {
    err(`handbook-check: ${settings}`);
    return 2;
  }
  const log: string[] = unknownSettings.map((k) => `${settingsFile}: ${k} is not a setting of this checker (ignored)`);
  const logger: Logger = { info: () => {}, warn: (m) => log.push(m), error: (m) => log.push(m) };
  const severities = settings.diagnostics.severity;
  const index = new WorkspaceIndex(fs, { ...DEFAULT_OPTIONS, ...indexOptionsOf(settings), retainParses: true }, logger, featureSettingsOf(settings));
  index.setFolders([opts.dir]);
  if (index.sites.length === 0) {
    err(`handbook-check: no Hugo site in ${opts.dir} (looked for hugo.*, config.* and config/_default/)`);
    return 2;
  }
  const bar = progressBar(!!process.stderr.isTTY && !process.env['CI']);
  // Fix titles are printed in JSON and SARIF only.
  const withFixes = !opts.writeBaseline && (opts.format === 'json' || opts.format === 'sarif');
  // With --since most problems are old and dropped: their fixes are found after, for the new ones only.
  const fixesNow = withFixes && !base;
  const check = await checkSite(index, {
    severities,
    indexProgress: { report: (done, total) => bar.update('indexing', done, total) },
    progress: (done, total) => bar.update('checking', done, total),
  });
  const files = check.files;
  // Problems that suppression comments silence are counted, so a summary says what was left out.
  const tally = { suppressed: check.suppressed };
  let diagnostics: JsonDiagnostic[] = index.batch(() => check.results.flatMap((r) => jsonDiagnostics(index, r.file, r.problems, opts.dir, fixesNow)));
  bar.clear();
  // What could not be read or was skipped (a broken glossary, config problems, files too large): on
  // stderr, so that a report on stdout stays machine-readable, and so that a check that found nothing
  // because its data did not load does not look like a clean site.
  const warnings = [...new Set(log)];
  for (const w of warnings.slice(0, MAX_WARNINGS)) err(`handbook-check: warning: ${w}`);
  if (warnings.length > MAX_WARNINGS) err(`handbook-check: … and ${warnings.length - MAX_WARNINGS} more warnings`);

  if (opts.writeBaseline) {
    const counts = new Map<string, Baseline['problems'][number]>();
    for (const d of diagnostics) {
      const k = key(d);
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { file: d.file, code: d.code, message: d.message, count: 1 });
    }
    const b: Baseline = { version: 1, problems: [...counts.values()] };
    try {
      writeAtomically(opts.writeBaseline, JSON.stringify(b, null, 1) + '\n');
    } catch (e) {
      err(`handbook-check: cannot write ${opts.writeBaseline}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    out(`Wrote a baseline of ${diagnostics.length} problems in ${files.length} files to ${opts.writeBaseline}.`);
    return 0;
  }

  let known = 0;
  if (base) {
    let counts: Map<string, number>;
    try {
      counts = await problemsAt(base, opts.dir, new Set(diagnostics.map((d) => d.file)), settings);
    } catch (e) {
      // Never a partial answer: a base that could not be read whole is an error, not fewer problems.
      if (!(e instanceof SinceError)) throw e;
      err(`handbook-check: ${e.message}`);
      return 2;
    }
    const since = dropKnown(diagnostics, counts);
    diagnostics = since.kept;
    known += since.dropped;
    if (withFixes) addFixes(index, opts.dir, diagnostics, severities);
  }
  if (baseline) {
    const old = dropKnown(diagnostics, new Map(baseline.problems.map((p) => [key(p), p.count])));
    diagnostics = old.kept;
    known += old.dropped;
  }

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.filter((d) => d.severity === 'warning').length;
  const text = (): string[] => {
    const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    const since = base ? ` new since ${base.ref} (${known} already there not shown)` : baseline ? ` (${known} known from the baseline not shown)` : '';
    const quiet = tally.suppressed ? `; ${tally.suppressed} silenced by suppression comments` : '';
    lines.push(`${files.length} ${files.length === 1 ? 'file' : 'files'} checked: ${problemCounts(diagnostics)}${since}${quiet}.`);
    return lines;
  };
  let report: string;
  switch (opts.format) {
    case 'json':
      report = JSON.stringify({ root: opts.dir, filesChecked: files.length, suppressed: tally.suppressed, diagnostics }, null, 2);
      break;
    case 'codequality':
      report = JSON.stringify(codeQuality(diagnostics, reportPrefix(opts.dir)), null, 2);
      break;
    case 'sarif':
      report = JSON.stringify(sarif(diagnostics, reportPrefix(opts.dir)), null, 2);
      break;
    case 'text':
      report = text().join('\n');
  }
  if (opts.output) {
    // The report goes to the file; the log (a CI job's) still shows the problems as text.
    try {
      writeAtomically(opts.output, report + '\n');
    } catch (e) {
      err(`handbook-check: cannot write ${opts.output}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    for (const l of text()) out(l);
  } else out(report);
  return errors > 0 || (opts.failOn === 'warning' && warningCount > 0) ? 1 : 0;
}

/** Fills in the fix titles of `diagnostics` (the same problems, reported again with their fixes). */
function addFixes(index: WorkspaceIndex<FeatureSettings>, dir: string, diagnostics: JsonDiagnostic[], severities: HandbookSettings['diagnostics']['severity']): void {
  const byFile = new Map<string, JsonDiagnostic[]>();
  for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const at = (d: JsonDiagnostic) => `${d.line}:${d.column}:${d.endLine}:${d.endColumn}\u0000${key(d)}`;
  index.batch(() => {
    for (const [file, ds] of byFile) {
      const full = new Map(reportFile(index, path.join(dir, ...file.split('/')), dir, true, severities).map((d) => [at(d), d.fixes]));
      for (const d of ds) d.fixes = full.get(at(d)) ?? [];
    }
  });
}

/**
 * The problems at the base revision, counted by (file, code, message) with each file named as it is in
 * the working tree (git's renames followed), for the working-tree files that have problems: the others
 * cannot have old problems to match. The base is indexed in the first pass only (URLs, titles,
 * includes of every file), and the files asked for are checked on demand, as an editor checks an open
 * page; the background pass is stopped once they are.
 */
async function problemsAt(base: BaseRevision, dir: string, files: ReadonlySet<string>, settings: HandbookSettings): Promise<Map<string, number>> {
  const index = new WorkspaceIndex(base.fs, { ...DEFAULT_OPTIONS, ...indexOptionsOf(settings), readyFirst: true }, silentLogger, featureSettingsOf(settings));
  index.setFolders([dir]);
  const counts = new Map<string, number>();
  if (index.sites.length === 0) return counts; // no site at the revision: every problem is new
  const stop = { isCancellationRequested: false };
  const run = index.ensureReady(undefined, stop);
  try {
    await run;
    index.batch(() => {
      for (const file of files) {
        const at = base.baseFileOf(file);
        if (at === undefined) continue;
        const abs = path.join(dir, ...at.split('/'));
        if (index.factsOf(abs) === undefined) continue; // not in the base (or skipped there)
        for (const d of reportFile(index, abs, dir, false, settings.diagnostics.severity)) {
          const k = key({ ...d, file });
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
    });
  } finally {
    stop.isCancellationRequested = true;
  }
  return counts;
}

/** GitLab Code Quality: fingerprints stay stable when lines move (file, code, message, occurrence). */
/**
 * Code Quality and SARIF name files relative to the folder the checker runs in when the site is inside
 * it: GitLab and code scanning read paths from the repository root, where a CI job runs, also when the
 * site is a subfolder (handbook-check docs/). Otherwise relative to the site, as the other formats.
 */
function reportPrefix(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return rel.split(path.sep).join('/') + '/';
}

function codeQuality(diagnostics: JsonDiagnostic[], prefix = ''): unknown[] {
  const seen = new Map<string, number>();
  const severity = { error: 'major', warning: 'minor', information: 'info', hint: 'info' } as const;
  return diagnostics.map((d) => {
    const k = key(d);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return {
      description: d.message,
      check_name: d.code,
      fingerprint: createHash('sha256').update(`${k}\u0000${n}`).digest('hex'),
      severity: severity[d.severity],
      location: { path: prefix + d.file, lines: { begin: d.line, end: d.endLine } },
    };
  });
}

function sarif(diagnostics: JsonDiagnostic[], prefix = ''): unknown {
  const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'handbook-check',
            version: VERSION,
            rules: codes.map((id) => ({ id, shortDescription: { text: (DIAGNOSTIC_CODES as Record<string, { description: string }>)[id]?.description ?? id } })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          level: level[d.severity],
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(prefix + d.file) }, region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn } } }],
          ...(d.fixes.length ? { properties: { fixes: d.fixes } } : {}),
        })),
      },
    ],
  };
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

/** "1 error, 2309 warnings, 9 information": the severities that occur, by name; "no problems" when none does. */
export function problemCounts(diagnostics: readonly { severity: 'error' | 'warning' | 'information' | 'hint' }[]): string {
  const n = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  const counts: [number, string, string][] = [
    [n('error'), 'error', 'errors'],
    [n('warning'), 'warning', 'warnings'],
    [n('information'), 'information', 'information'],
    [n('hint'), 'hint', 'hints'],
  ];
  const found = counts.filter(([count]) => count > 0).map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  return found.length ? found.join(', ') : 'no problems';
}
