// Property-based tests of the whole engine on an in-memory site shaped like the handbook (the protocol
// fixture site, glossaries, a shortcode template): random and mutated pages, open in the editor or on
// disk, then every feature at random offsets. Nothing throws; every range a result gives lies inside
// the file it names; every file a result names exists (or is created by the edit, never overwritten).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { editorFixes, quickFixes } from '../../server/src/features/codeActions';
import { problemsOf } from '../../server/src/features/report';
import { complete } from '../../server/src/features/completion';
import { diagnose } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { documentSymbols, workspaceSymbols, type SymbolEntry } from '../../server/src/features/links';
import { definition, documentLinks, references } from '../../server/src/features/navigation';
import { editsForMoves, headingRename, headingRenameRange } from '../../server/src/features/refactors';
import { shortcodeFolds, shortcodeSymbols } from '../../server/src/features/shortcodes';
import { termRename, termRenameRange } from '../../server/src/features/terms';
import type { Edit } from '../../server/src/features/types';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { MemoryFileSystem } from '../support/memoryFs';
import { siteFilesOf } from '../support/siteFiles';
import { markdown, mutated, params, seedPages, token } from '../support/fuzz';

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 180_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const ROOT = '/ws';

function baseFiles(): Record<string, string> {
  const files = siteFilesOf(FIXTURE, ROOT);
  files[`${ROOT}/data/support_glossary.yml`] = '- acronym: MR\n  term: Merge request\n  info: A request to merge.\n- acronym: SET\n  term: [Software Engineer in Test]\n';
  files[`${ROOT}/data/misused_terms.yml`] = '- avoid: GitLabber\n  use_instead: [team member]\n  reason: We are team members.\n- avoid: Resources\n  use_instead: [people]\n  reason: People are not resources.\n';
  files[`${ROOT}/layouts/shortcodes/panel.html`] = '{{/* A panel with a title. */}}\n{{ .Get "title" }}{{ .Inner }}\n';
  files[`${ROOT}/layouts/_shortcodes/note.md`] = '{{ .Get 0 }}\n';
  return files;
}

const TARGETS = [
  `${ROOT}/content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md`,
  `${ROOT}/content/handbook/engineering/infrastructure/engineering-productivity/_index.md`,
  `${ROOT}/assets/includes/engineering-careers/senior-technical-competency.md`,
  `${ROOT}/content/new-page.md`,
];

const seeds = seedPages();
const pageText = fc.oneof(markdown, mutated(seeds), mutated(Object.values(baseFiles()).filter((t) => t.length < 20_000)));

/** Checks that [start, end) lies inside `file` (its current text as the engine sees it). */
function inFile(index: WorkspaceIndex, fsys: MemoryFileSystem, file: string, start: number, end: number, what: string): void {
  const text = index.textOf(file) ?? fsys.readFile(file);
  assert.ok(text !== undefined, `${what}: names ${file}, which does not exist`);
  assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length, `${what}: [${start}, ${end}) outside ${file} (${text.length})`);
}

function checkEdit(index: WorkspaceIndex, fsys: MemoryFileSystem, edit: Edit, what: string): void {
  const created = new Set(edit.creates.map((c) => c.file));
  // Never over an existing file. (A create over a folder fails in the editor without harm; reported.)
  for (const c of edit.creates) assert.notEqual(fsys.stat(c.file)?.isFile, true, `${what}: creates ${c.file}, which exists`);
  for (const c of edit.changes) {
    if (created.has(c.file)) continue;
    inFile(index, fsys, c.file, c.start, c.end, what);
  }
  // Within one file, changes never overlap (the editor would refuse the edit).
  const byFile = new Map<string, { start: number; end: number }[]>();
  for (const c of edit.changes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, cs] of byFile) {
    const sorted = [...cs].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.end <= sorted[i]!.start, `${what}: overlapping changes in ${file}`);
  }
}

function checkSymbols(index: WorkspaceIndex, fsys: MemoryFileSystem, file: string, entries: SymbolEntry[]): void {
  for (const e of entries) {
    inFile(index, fsys, file, e.start, e.end, 'document symbol');
    checkSymbols(index, fsys, file, e.children);
  }
}

/** How often each feature answered with something: the properties must not pass by answering nothing. */
const seen = { diagnostics: 0, fixes: 0, completions: 0, hovers: 0, definitions: 0, references: 0, renames: 0 };

/** The features that look at a whole file. */
function probeFile(index: WorkspaceIndex, fsys: MemoryFileSystem, file: string): void {
  // What the editor shows (suppression comments applied) and offers (with "Ignore this problem here").
  const shown = problemsOf(index, file, {}).problems;
  for (const p of diagnose(index, file)) {
    inFile(index, fsys, p.file, p.start, p.end, `diagnostic ${p.code}`);
    for (const r of p.related ?? []) inFile(index, fsys, r.file, r.start, r.end, `related of ${p.code}`);
    seen.diagnostics++;
    for (const fix of quickFixes(index, p)) {
      seen.fixes++;
      checkEdit(index, fsys, fix.edit, `fix "${fix.title}"`);
    }
  }
  for (const p of shown) {
    inFile(index, fsys, p.file, p.start, p.end, `shown ${p.code}`);
    for (const fix of editorFixes(index, p)) checkEdit(index, fsys, fix.edit, `editor fix "${fix.title}"`);
  }
  for (const l of documentLinks(index, file)) inFile(index, fsys, file, l.start, l.end, 'document link');
  checkSymbols(index, fsys, file, documentSymbols(index, file, shortcodeSymbols(index, file)));
  for (const f of shortcodeFolds(index, file)) inFile(index, fsys, file, f.start, f.end, 'fold');
}

/** The features that look at one offset. */
function probe(index: WorkspaceIndex, fsys: MemoryFileSystem, file: string, offset: number, newName: string): void {
  const items = complete(index, file, offset).items;
  if (items.length) seen.completions++;
  for (const item of items) inFile(index, fsys, file, item.start, item.end, `completion ${item.label}`);
  const h = hover(index, file, offset);
  if (h) {
    seen.hovers++;
    inFile(index, fsys, file, h.start, h.end, 'hover');
  }
  const defs = definition(index, file, offset);
  if (defs.length) seen.definitions++;
  for (const l of defs) inFile(index, fsys, l.file, l.start, l.end, 'definition');
  const refs = references(index, file, offset, true);
  if (refs.length) seen.references++;
  for (const l of refs) inFile(index, fsys, l.file, l.start, l.end, 'reference');
  const r = termRenameRange(index, file, offset) ?? headingRenameRange(index, file, offset);
  if (r) inFile(index, fsys, file, r.start, r.end, 'rename range');
  const edit = termRename(index, file, offset, newName) ?? headingRename(index, file, offset, newName);
  if (edit) {
    seen.renames++;
    checkEdit(index, fsys, edit, 'rename');
  }
}

test('the engine at random offsets of random pages, open or on disk: no throw, every range inside its file (2,500 cases)', { timeout: TIMEOUT }, async (t) => {
  const fsys = new MemoryFileSystem(baseFiles());
  const index = new WorkspaceIndex(fsys, DEFAULT_OPTIONS, undefined, { checkContextWords: true });
  index.setFolders([ROOT]);
  await index.ensureIndexed();
  let version = 1;
  fc.assert(
    fc.property(
      fc.constantFrom(...TARGETS),
      pageText,
      fc.constantFrom('open', 'change', 'disk', 'close'),
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      fc.oneof(token, fc.string({ maxLength: 12 })),
      (file, text, how, offsets, newName) => {
        if (how === 'open') index.openDocument(file, text, ++version);
        else if (how === 'change') {
          if (!index.isOpen(file)) index.openDocument(file, text, ++version);
          index.changeDocument(file, text, ++version);
        } else {
          fsys.write(file, text);
          index.fileChanged(file, 'changed');
          if (how === 'close' && index.isOpen(file)) index.closeDocument(file);
        }
        const length = (index.textOf(file) ?? '').length;
        probeFile(index, fsys, file);
        for (const o of offsets) probe(index, fsys, file, o % (length + 1), newName);
      },
    ),
    params(2500),
  );
  t.diagnostic(`answers: ${JSON.stringify(seen)}`);
  for (const [k, n] of Object.entries(seen)) assert.ok(n > 0, `no case exercised ${k}`);
});

test('workspace symbols, file moves and whole-site diagnostics after random edits (300 cases)', { timeout: TIMEOUT }, async () => {
  const fsys = new MemoryFileSystem(baseFiles());
  const index = new WorkspaceIndex(fsys, DEFAULT_OPTIONS);
  index.setFolders([ROOT]);
  await index.ensureIndexed();
  const all = Object.keys(baseFiles()).filter((f) => f.endsWith('.md'));
  fc.assert(
    fc.property(fc.constantFrom(...TARGETS), pageText, fc.oneof(token, fc.string({ maxLength: 6 })), fc.constantFrom(...all), fc.constantFrom(...all, `${ROOT}/content/moved/x.md`, `${ROOT}/assets/includes/moved.md`, `${ROOT}/content/handbook/`), (file, text, query, from, to) => {
      fsys.write(file, text);
      index.fileChanged(file, 'changed');
      for (const s of workspaceSymbols(index, query)) {
        const t = index.textOf(s.file);
        assert.ok(t !== undefined && s.line >= 0 && s.line <= t.split('\n').length, `workspace symbol ${s.name} at line ${s.line} of ${s.file}`);
      }
      checkEdit(index, fsys, editsForMoves(index, [{ from, to }]), `move ${from} -> ${to}`);
      for (const f of [...index.allFacts()].map((x) => x.file)) for (const p of diagnose(index, f)) inFile(index, fsys, p.file, p.start, p.end, `diagnostic ${p.code}`);
    }),
    params(300),
  );
});
