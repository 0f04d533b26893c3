// Random edit sequences over the protocol: real pages (fixtures and corpus) edited by incremental
// didChange events — several changes per event, UTF-16 ranges over emoji and CRLF — end in the same
// diagnostics as opening the final text fresh, pulled and pushed. Between edits, requests at random
// positions answer with ranges inside the document as the client holds it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../support/lspClient';
import { params, seedPages, token } from '../support/fuzz';

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 180_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const seeds = seedPages().filter((s) => s.length < 40_000);

interface EditSpec {
  at: number;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(2), fc.nat(40)),
  insert: fc.oneof(token, token, fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }), fc.constant('')),
});

/** A didChange event: one to three edits, each a range in the text as the previous one left it. */
const event = fc.array(edit, { minLength: 1, maxLength: 3 });

const probe = fc.record({ at: fc.nat(), method: fc.constantFrom('textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/documentSymbol', 'textDocument/documentLink', 'textDocument/foldingRange') });

const scenario = fc.record({
  seed: fc.constantFrom(...seeds),
  steps: fc.array(fc.record({ event, probe: fc.option(probe, { freq: 3 }) }), { minLength: 1, maxLength: 14 }),
});

/** Applies an event to the client's copy and says what to send, as a real editor does. */
function apply(doc: TextDocument, specs: EditSpec[]): { doc: TextDocument; changes: TextDocumentContentChangeEvent[] } {
  const changes: TextDocumentContentChangeEvent[] = [];
  let d = doc;
  for (const s of specs) {
    const text = d.getText();
    let start = s.at % (text.length + 1);
    // An editor never splits a surrogate pair or a CRLF; the server must cope when a range does anyway,
    // but the oracle (TextDocument) and the server must agree on what it means, so keep to whole units.
    if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '') && /[\ud800-\udbff]/.test(text[start - 1]!)) start--;
    const end = Math.min(text.length, start + s.remove);
    const range: Range = { start: d.positionAt(start), end: d.positionAt(end) };
    const change = { range, text: s.insert };
    changes.push(change);
    d = TextDocument.update(d, [change], d.version + 1);
  }
  return { doc: TextDocument.create(doc.uri, 'markdown', doc.version + 1, d.getText()), changes };
}

function inside(doc: TextDocument, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} of ${doc.lineCount}`);
    const lineLength = doc.offsetAt({ line: p.line, character: Number.MAX_SAFE_INTEGER }) - doc.offsetAt({ line: p.line, character: 0 });
    assert.ok(p.character >= 0 && p.character <= lineLength, `${what}: character ${p.character} of ${lineLength} on line ${p.line}`);
  }
  assert.ok(doc.offsetAt(r.start) <= doc.offsetAt(r.end), `${what}: range ends before it starts`);
}

/** Every range of a same-document answer lies inside the client's copy. */
function checkAnswer(doc: TextDocument, method: string, answer: unknown): void {
  const walk = (v: unknown, where: string): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}[${i}]`));
    const o = v as Record<string, unknown>;
    // Locations in other files cannot be checked against this document.
    if (typeof o['uri'] === 'string' && o['uri'] !== doc.uri) return;
    if (typeof o['targetUri'] === 'string' && o['targetUri'] !== doc.uri) return;
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'range' || k === 'selectionRange' || k === 'insert' || k === 'replace') && x && typeof x === 'object' && 'start' in x) inside(doc, x as Range, `${method} ${where}.${k}`);
      else if (k === 'startLine' || k === 'endLine') assert.ok(typeof x === 'number' && x >= 0 && x < doc.lineCount, `${method} ${where}.${k} = ${String(x)}`);
      else if (k !== 'data') walk(x, `${where}.${k}`);
    }
  };
  walk(answer, '$');
}

for (const mode of ['pull', 'push'] as const) {
  // The timeout on the suite: Node 20 leaves a nested test's own timeout timer running after it ends.
  describe(`random edit sequences over the protocol (${mode} diagnostics)`, { timeout: TIMEOUT }, () => {
    let root: string;
    let client: TestClient;
    let n = 0;
    let seen = 0;

    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), `handbook-fuzz-${mode}-`));
      fs.cpSync(FIXTURE, root, { recursive: true });
      client = await TestClient.start(root, { pull: mode === 'pull' });
    });
    after(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    const diagnosticsAt = async (uri: string, version: number): Promise<Diagnostic[]> => {
      if (mode === 'pull') return client.diagnostics(uri);
      await client.waitFor(() => client.published.get(uri)?.version === version, `diagnostics of version ${version}`);
      return client.published.get(uri)!.diagnostics;
    };

    test(`incremental edits end in the diagnostics of the final text opened fresh (${mode === 'pull' ? 150 : 60} sequences)`, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ seed, steps }) => {
          // A page in the handbook's own folder, so its links, includes and anchors mean something.
          const rel = `content/handbook/engineering/careers/matrix/quality/engineering-productivity/fuzz-${mode}-${n++}.md`;
          const uri = client.uri(rel);
          let doc = TextDocument.create(uri, 'markdown', 1, seed);
          client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: seed } });
          for (const step of steps) {
            const next = apply(doc, step.event);
            doc = next.doc;
            client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: next.changes });
            if (step.probe) {
              const offset = step.probe.at % (doc.getText().length + 1);
              const position = doc.positionAt(offset);
              const p = { textDocument: { uri }, position, context: { includeDeclaration: true } };
              checkAnswer(doc, step.probe.method, await client.request(step.probe.method, p));
            }
          }
          const edited = await diagnosticsAt(uri, doc.version);
          for (const d of edited) inside(doc, d.range, `diagnostic ${String(d.code)}`);
          client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
          client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: doc.getText() } });
          const fresh = await diagnosticsAt(uri, 1);
          assert.deepEqual(edited, fresh);
          seen += edited.length;
          client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }),
        params(mode === 'pull' ? 150 : 60),
      );
      assert.equal(client.proc.exitCode, null, 'the server is alive');
      assert.ok(seen > 0, 'some sequence ended with diagnostics');
    });

    if (mode === 'pull') {
      test('edits to the team page: the career page bound to it ends as when the team page is read fresh from disk (40 sequences)', async () => {
        const team = 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md';
        const career = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
        const teamText = fs.readFileSync(path.join(root, team), 'utf8');
        const careerUri = client.open(career, fs.readFileSync(path.join(root, career), 'utf8'));
        const teamUri = client.uri(team);
        let version = 100;
        await fc.assert(
          fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 10 }), async (events) => {
            let doc = TextDocument.create(teamUri, 'markdown', ++version, teamText);
            client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: teamUri, languageId: 'markdown', version: doc.version, text: teamText } });
            for (const e of events) {
              const next = apply(doc, e);
              doc = TextDocument.create(teamUri, 'markdown', ++version, next.doc.getText());
              client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: teamUri, version: doc.version }, contentChanges: next.changes });
            }
            // A lone surrogate cannot be saved as UTF-8 (it becomes U+FFFD): the editor saves that.
            const saved = (doc.getText() as string & { toWellFormed(): string }).toWellFormed();
            if (saved !== doc.getText()) {
              doc = TextDocument.create(teamUri, 'markdown', ++version, saved);
              client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: teamUri, version: doc.version }, contentChanges: [{ text: saved }] });
            }
            const edited = await client.diagnostics(careerUri);
            // The same text, as a save then close leaves it: on disk, announced by the file watcher.
            fs.writeFileSync(path.join(root, team), doc.getText());
            client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: teamUri } });
            client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: teamUri, type: 2 }] });
            const fresh = await client.diagnostics(careerUri);
            assert.deepEqual(edited, fresh);
            fs.writeFileSync(path.join(root, team), teamText);
            client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: teamUri, type: 2 }] });
          }),
          params(40),
        );
      });
    }
  });
}
