// Tests are data: a fixture string with `//- /path` file headers, one `$0` cursor marker, and the
// diagnostics the engine must report, written under the line they are on.
//
//   //- /site/hugo.toml
//   title = "x"
//   //- /site/content/page.md
//   ---
//   title: Page
//   ---
//   [gone](/handbook/nope/) and {{% include "includes/missing.md" %}}
//          ^^^^^^^^^^^^^^^ warning: link-not-found
//                                            ^^^^^^^^^^^^^^^^^^^ error: include-not-found "not found in assets/"
//
// An annotation line is carets under the characters of the range, on the nearest line above it that is
// not an annotation (columns in UTF-16 code units; a tab counts as one), then the severity a user sees
// (the severity settings applied), a colon, the code, and optionally a part of the message in double
// quotes (all between the first quote and the last, inner quotes as they are).
// `^0` marks an empty range at its column; a range that runs over a line break cannot be annotated
// (assert such a problem directly). Annotation lines are taken out of the file before the engine
// reads it, and `checkDiagnostics` holds the engine to the whole list, both ways: every annotated
// diagnostic must be reported, and nothing else may be. A Markdown line does not start with carets
// followed by a severity and a colon, so an annotation cannot be mistaken for content; a line that
// starts like one but does not parse is an error in the fixture, never silently content.
import assert from 'node:assert/strict';
import { WorkspaceIndex, DEFAULT_OPTIONS, type IndexOptions } from '../../server/src/index/workspace';
import { DIAGNOSTIC_CODES } from '../../server/src/features/diagnostics';
import { problemsOf } from '../../server/src/features/report';
import type { Problem, Severity } from '../../server/src/features/types';
import { MemoryFileSystem } from './memoryFs';

/** A diagnostic a fixture says the engine must report. */
export interface ExpectedDiagnostic {
  file: string;
  start: number;
  end: number;
  severity: Severity;
  code: string;
  /** A part of the message, when the annotation quotes one. */
  message?: string;
}

export interface Fixture {
  fs: MemoryFileSystem;
  index: WorkspaceIndex;
  /** Where `$0` was, if anywhere. */
  cursor: { file: string; offset: number } | undefined;
  files: Record<string, string>;
  /** The fixture's annotations. */
  expected: ExpectedDiagnostic[];
}

const SEVERITIES = 'error|warning|information|hint';
/** A line that starts like an annotation: it must parse as one. */
const LOOKS_LIKE_ANNOTATION = /^[ \t]*\^+0?[ \t]+\w+:/;
const ANNOTATION = new RegExp(`^([ \\t]*)(\\^+|\\^0) (${SEVERITIES}): ([a-z][a-z0-9-]*)(?: "(.*)")?[ \\t]*$`);
const KNOWN_CODES = new Set(Object.keys(DIAGNOSTIC_CODES));

export function parseFixture(text: string): { files: Record<string, string>; cursor: Fixture['cursor']; expected: ExpectedDiagnostic[] } {
  const files: Record<string, string> = {};
  const expected: ExpectedDiagnostic[] = [];
  let cursor: Fixture['cursor'];
  const parts = text.split(/^\/\/- (\S+)[ \t]*\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const file = parts[i]!;
    const { content, annotations } = takeAnnotations(file, parts[i + 1] ?? '');
    let body = content;
    const at = body.indexOf('$0');
    if (at !== -1) {
      cursor = { file, offset: at };
      body = body.slice(0, at) + body.slice(at + 2);
      // Columns are read on the line as written, `$0` included.
      for (const a of annotations) {
        if (a.start > at) a.start -= 2;
        if (a.end > at) a.end -= 2;
      }
    }
    files[file] = body;
    expected.push(...annotations);
  }
  return { files, cursor, expected };
}

/** Splits a fixture file's text into its content and its annotations (offsets into the content). */
function takeAnnotations(file: string, text: string): { content: string; annotations: ExpectedDiagnostic[] } {
  const lines = text.split(/(?<=\n)/);
  const annotations: ExpectedDiagnostic[] = [];
  let content = '';
  /** Where the last content line starts in `content`, and its length without the line break. */
  let last: { start: number; length: number } | undefined;
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '');
    if (!LOOKS_LIKE_ANNOTATION.test(bare)) {
      last = { start: content.length, length: bare.length };
      content += line;
      continue;
    }
    const m = ANNOTATION.exec(bare);
    if (!m) throw new Error(`${file}: "${bare}" starts like a diagnostic annotation but is not one: carets (or ^0), a space, ${SEVERITIES.split('|').join(', ')}, a colon, a space, the code, and optionally a "quoted part of the message"`);
    const [, indent, carets, severity, code, message] = m;
    if (!KNOWN_CODES.has(code!)) throw new Error(`${file}: "${code}" in "${bare}" is no diagnostic code of the engine`);
    if (!last) throw new Error(`${file}: the annotation "${bare}" has no line above it`);
    const line0 = last;
    const column = indent!.length;
    const width = carets === '^0' ? 0 : carets!.length;
    if (column + width > line0.length && !(width === 0 && column === line0.length)) {
      throw new Error(`${file}: the annotation "${bare}" runs past the end of the line above it (${line0.length} characters)`);
    }
    const start = line0.start + column;
    annotations.push({ file, start, end: start + width, severity: severity as Severity, code: code!, ...(message !== undefined ? { message } : {}) });
  }
  return { content, annotations };
}

/** Builds an indexed in-memory workspace rooted at `/`. */
export async function fixture(text: string, options: IndexOptions = DEFAULT_OPTIONS, setUp?: (fs: MemoryFileSystem) => void): Promise<Fixture> {
  const { files, cursor, expected } = parseFixture(text);
  const fs = new MemoryFileSystem(files);
  setUp?.(fs);
  const index = new WorkspaceIndex(fs, options);
  index.setFolders(['/']);
  await index.ensureIndexed();
  return { fs, index, cursor, files, expected };
}

export interface CheckOptions {
  /** Index options (include roots, term bindings, …). */
  options?: IndexOptions;
  /** The user's handbook.diagnostics.severity setting (defaults: what a user sees out of the box). */
  severities?: Record<string, Severity | 'off'>;
  /** Runs on the in-memory files before they are indexed (symbolic links, binary files). */
  setUp?: (fs: MemoryFileSystem) => void;
}

export interface Checked extends Fixture {
  /** Every problem reported, per file in file order. */
  problems: Problem[];
  /** The problems of one file, in the order the engine reports them. */
  of(file: string): Problem[];
}

/**
 * Runs the engine on every file of the fixture's site, as the checker and the editor do (suppression
 * comments and severity settings applied), and asserts that it reports exactly the fixture's
 * annotations: none missing, none extra. The failure shows both lists, and each file's actual
 * diagnostics as annotations ready to paste.
 */
export async function checkDiagnostics(f: Fixture | string, opts: CheckOptions = {}): Promise<Checked> {
  const fx = typeof f === 'string' ? await fixture(f, opts.options ?? DEFAULT_OPTIONS, opts.setUp) : f;
  const severities = opts.severities ?? {};
  // Every file the index holds (what the checker checks), and any other file that is annotated; files
  // outside the site are not read (a test may assert that the engine never touched them).
  const files = [...new Set([...[...fx.index.allFacts()].map((x) => x.file), ...fx.expected.map((e) => e.file)])].sort();
  const byFile = new Map<string, Problem[]>();
  for (const file of files) byFile.set(file, problemsOf(fx.index, file, severities).problems);
  const problems = files.flatMap((file) => byFile.get(file)!);
  const unexpected = [...problems];
  const missing: ExpectedDiagnostic[] = [];
  for (const e of fx.expected) {
    const i = unexpected.findIndex((p) => p.file === e.file && p.start === e.start && p.end === e.end && p.code === e.code && p.severity === e.severity && (e.message === undefined || p.message.includes(e.message)));
    if (i === -1) missing.push(e);
    else unexpected.splice(i, 1);
  }
  if (missing.length > 0 || unexpected.length > 0) {
    // What the engine read: an open document's text, else the file's.
    const textOf = (file: string) => fx.index.textOf(file) ?? fx.fs.readFile(file);
    const show = (d: ExpectedDiagnostic | Problem) => `  ${d.file}:${d.start}-${d.end} ${d.severity}: ${d.code} ${JSON.stringify(textOf(d.file)?.slice(d.start, d.end) ?? '')}${'message' in d && d.message !== undefined ? ` — ${d.message}` : ''}`;
    const touched = [...new Set([...missing, ...unexpected].map((d) => d.file))].sort();
    throw new assert.AssertionError({
      message: [
        'The engine does not report what the fixture annotates.',
        ...(missing.length ? ['Missing (annotated, not reported):', ...missing.map(show)] : []),
        ...(unexpected.length ? ['Unexpected (reported, not annotated):', ...unexpected.map(show)] : []),
        'What the engine reports, as annotations:',
        ...touched.map((file) => annotate(file, textOf(file) ?? '', byFile.get(file) ?? [])),
      ].join('\n'),
      actual: unexpected.map((p) => ({ file: p.file, start: p.start, end: p.end, severity: p.severity, code: p.code })),
      expected: missing.map((e) => ({ file: e.file, start: e.start, end: e.end, severity: e.severity, code: e.code })),
      operator: 'checkDiagnostics',
    });
  }
  return { ...fx, problems, of: (file) => byFile.get(file) ?? [] };
}

/** A file's text with its problems written as annotations (the lines that carry one, with a line of context). */
export function annotate(file: string, text: string, problems: Problem[]): string {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const out: string[] = [`//- ${file}`];
  const lineOf = (offset: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > offset) i--;
    return i;
  };
  const under = new Map<number, string[]>();
  for (const p of problems) {
    const l = lineOf(p.start);
    const column = p.start - starts[l]!;
    const width = Math.min(p.end, starts[l]! + lines[l]!.length) - p.start;
    const note = `${' '.repeat(column)}${width > 0 ? '^'.repeat(width) : '^0'} ${p.severity}: ${p.code}${p.end > starts[l]! + lines[l]!.length ? ` (runs on to offset ${p.end})` : ''}`;
    under.set(l, [...(under.get(l) ?? []), note]);
  }
  lines.forEach((l, i) => {
    out.push(l);
    out.push(...(under.get(i) ?? []));
  });
  return out.join('\n');
}

/** The text a range of a fixture file covers. */
export function slice(f: Fixture, file: string, start: number, end: number): string {
  return (f.fs.readFile(file) ?? '').slice(start, end);
}
/** The seed page's site, as a fixture prefix: config and includes (whose links lead out of it). */
export const SEED_SITE = `//- /site/config/_default/config.yaml
title: Handbook
//- /site/assets/includes/engineering-careers/senior-leadership-competency.md
#### Senior Leadership Competencies

- Mentors team members.
//- /site/assets/includes/engineering-careers/senior-technical-competency.md
#### Senior Technical Competencies

- Solves complex problems.
//- /site/assets/includes/engineering-careers/values-competency.md
#### Values Alignment

- Lives the values.
//- /site/assets/includes/engineering-careers/career-matrix-nav.md
---

[Engineering](/handbook/engineering/careers/matrix/) |
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
//- /site/assets/includes/marketing/cs_career_matrix_nav.md
[CS](/handbook/marketing/)
     ^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
`;
