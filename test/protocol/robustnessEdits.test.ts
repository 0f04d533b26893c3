// Nothing lost. Every edit the server proposes — quick fixes for every diagnostic, term and heading
// renames, file and folder moves — is one WorkspaceEdit the editor can preview and undo: versioned
// TextDocumentEdits (the open document's version, null for closed ones), file creation only with
// ignoreIfExists and never overwrite, no deletes or renames of files, no overlapping edits, every
// edit applicable. And the server itself never writes: the protocol runs against a read-only copy of
// the site whose files (bytes and modification times) are the same afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { positionOf, TestClient } from '../support/lspClient';
import { CAPABILITIES, initialize, spawnServer, stopServer, until, exitWhenDone } from '../support/rawServer';
import { CheckSiteRequest } from '../../server/src/protocol';

exitWhenDone();

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 60_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const INTERMEDIATE = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/intermediate.md';
const TEAM = 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md';

let root: string;
let client: TestClient;
let before0: string[];
const open = new Map<string, TextDocument>();

function snapshot(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      if (e.isDirectory()) {
        out.push(`${path.relative(root, p)}/ ${st.mtimeMs} ${st.mode}`);
        walk(p);
      } else out.push(`${path.relative(root, p)} ${st.mtimeMs} ${st.mode} ${createHash('sha1').update(fs.readFileSync(p)).digest('hex')}`);
    }
  };
  walk(root);
  return out;
}

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-nothing-lost-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  // A page with something to fix of every kind: includes, links, anchors, terms, shortcodes.
  fs.writeFileSync(
    path.join(root, 'content/handbook/fixme.md'),
    '---\ntitle: Fix me\n---\n# Fix me\n\n{{% include "includes/engineering-careers/values-competencie.md" %}}\n{{% include "includes/new-file.md" %}}\n\n[team](/handbook/engineering/infrastructure/engineering-productivty/) [anchor](#fix-mee)\n\n{{< detials summary="x" >}}\n{{< details sunmmary="x" >}}\n',
  );
  fs.chmodSync(root, 0o555);
  for (const p of fs.readdirSync(root, { recursive: true }) as string[]) fs.chmodSync(path.join(root, p), fs.statSync(path.join(root, p)).isDirectory() ? 0o555 : 0o444);
  before0 = snapshot();
  client = await TestClient.start(root, { pull: true });
  for (const rel of [SENIOR, INTERMEDIATE, TEAM, 'content/handbook/fixme.md']) {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const uri = client.open(rel, text);
    // Edited once, so the versions a correct edit names are not the initial ones.
    client.change(uri, text);
    open.set(uri, TextDocument.create(uri, 'markdown', 2, text));
  }
});

after(async () => {
  await client.stop();
  fs.chmodSync(root, 0o755);
  for (const p of fs.readdirSync(root, { recursive: true }) as string[]) fs.chmodSync(path.join(root, p), 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});

/** One WorkspaceEdit that the editor can apply whole and undo whole. */
function checkEdit(edit: WorkspaceEdit, what: string): void {
  assert.equal(edit.changes, undefined, `${what}: a client with documentChanges gets documentChanges only`);
  assert.ok(Array.isArray(edit.documentChanges), what);
  const texts = new Map<string, TextDocumentEdit['edits']>();
  for (const c of edit.documentChanges!) {
    if ('kind' in c) {
      assert.equal(c.kind, 'create', `${what}: only file creation, never ${c.kind}`);
      assert.deepEqual(c.options, { ignoreIfExists: true, overwrite: false }, `${what}: a create that could overwrite`);
      assert.ok(!fs.existsSync(URI.parse(c.uri).fsPath), `${what}: creates ${c.uri}, which exists`);
      continue;
    }
    const doc = open.get(c.textDocument.uri);
    assert.equal(c.textDocument.version, doc ? doc.version : null, `${what}: ${c.textDocument.uri} must name ${doc ? `version ${doc.version}` : 'no version (closed)'}`);
    assert.ok(!texts.has(c.textDocument.uri), `${what}: two TextDocumentEdits for ${c.textDocument.uri}`);
    texts.set(c.textDocument.uri, c.edits);
  }
  for (const [uri, edits] of texts) {
    const text = open.get(uri)?.getText() ?? fs.readFileSync(URI.parse(uri).fsPath, 'utf8');
    const doc = TextDocument.create(uri, 'markdown', 0, text);
    const sorted = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]![1] <= sorted[i]![0], `${what}: overlapping edits in ${uri}`);
    assert.doesNotThrow(() => TextDocument.applyEdits(doc, edits as TextEdit[]));
  }
}

test('every quick fix for every diagnostic of every open page is one safe WorkspaceEdit', { timeout: TIMEOUT }, async () => {
  let fixes = 0;
  let creates = 0;
  for (const [uri, doc] of open) {
    const diagnostics = await client.diagnostics(uri);
    for (const d of diagnostics) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      for (const a of actions) {
        assert.ok(a.edit, `${a.title}: a fix without an edit`);
        checkEdit(a.edit, `${String(d.code)} → ${a.title}`);
        fixes++;
        creates += a.edit.documentChanges!.filter((c) => 'kind' in c).length;
      }
    }
    void doc;
  }
  assert.ok(fixes >= 10, `only ${fixes} fixes`);
  assert.ok(creates >= 1, 'a Create fix was among them');
});

test('renames of a term and of a heading, and moves of pages, include files and folders, are safe WorkspaceEdits', { timeout: TIMEOUT }, async () => {
  const team = open.get(client.uri(TEAM))!;
  const teamText = team.getText();
  const rename = async (uri: string, text: string, needle: string, newName: string): Promise<WorkspaceEdit> => {
    const position = positionOf(text, needle, 2);
    const prepared = await client.request<{ range: unknown } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.ok(prepared, `prepareRename at ${needle}`);
    return client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });
  };
  checkEdit(await rename(team.uri, teamText, 'Do it for internal team', 'Do it for our team'), 'term rename');
  checkEdit(await rename(team.uri, teamText, 'Areas of Responsibility', 'What we do'), 'heading rename');
  const moves: [string, string][] = [
    [TEAM, 'content/handbook/team-moved.md'],
    ['assets/includes/engineering-careers/values-competency.md', 'assets/includes/values.md'],
    ['content/handbook/engineering/infrastructure', 'content/handbook/infra'],
  ];
  for (const [from, to] of moves) {
    const edit = await client.request<WorkspaceEdit | null>('workspace/willRenameFiles', { files: [{ oldUri: client.uri(from), newUri: client.uri(to) }] });
    assert.ok(edit, `moving ${from} changes links`);
    checkEdit(edit, `move ${from}`);
  }
});

test('a client that cannot create files is never offered an edit that creates one', { timeout: TIMEOUT }, async () => {
  const s = spawnServer();
  try {
    await initialize(s, root, { ...CAPABILITIES, workspace: { ...CAPABILITIES.workspace, workspaceEdit: { documentChanges: true } } });
    await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready');
    const uri = client.uri('content/handbook/fixme.md');
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: open.get(uri)!.getText() } });
    const d = ((await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d[0]!.range, context: { diagnostics: d } })) as CodeAction[];
    assert.ok(actions.length > 0);
    for (const a of actions) assert.ok(!a.edit?.documentChanges?.some((c) => 'kind' in c), `${a.title} creates a file`);
  } finally {
    await stopServer(s);
  }
});

test('the server wrote nothing: every file and folder of the read-only site is as it was', { timeout: TIMEOUT }, async () => {
  // Saves, watcher events and a whole-site check on top of everything above.
  for (const uri of open.keys()) client.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [...open.keys()].map((uri) => ({ uri, type: 2 })) });
  await client.request(CheckSiteRequest.method, {});
  for (const uri of open.keys()) client.close(uri);
  await client.request('workspace/symbol', { query: '' });
  assert.deepEqual(snapshot(), before0);
});
