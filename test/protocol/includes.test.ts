// The shipped server over stdio, on a copy of a fixture site shaped like the seed page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CompletionList, Diagnostic, DocumentLink, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { positionOf, TestClient } from '../support/lspClient';
import { StatusNotification, type IndexStatus } from '../../server/src/protocol';

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const INTERMEDIATE = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/intermediate.md';

function copySite(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-protocol-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Applies a WorkspaceEdit's text edits to `text` (one document). */
function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 1, text), edits);
}

for (const mode of ['pull', 'push'] as const) {
  describe(`includes over the protocol (${mode} diagnostics)`, () => {
    let root: string;
    let client: TestClient;
    let seedText: string;
    let seedUri: string;

    before(async () => {
      root = copySite();
      client = await TestClient.start(root, { pull: mode === 'pull' });
      seedText = fs.readFileSync(path.join(root, SENIOR), 'utf8');
      seedUri = client.open(SENIOR, seedText);
    });
    after(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('the seed page\'s missing include is an error on its path; its three dead in-page anchors are warnings', async () => {
      const diags = await client.diagnostics(seedUri);
      assert.deepEqual(diags.map((d) => [d.code, d.severity, d.range.start]), [
        ['include-not-found', 1, positionOf(seedText, 'includes/engineering-careers/ep-career-nav.md')],
        ['anchor-not-found', 2, positionOf(seedText, 'leadership-competencies)')],
        ['anchor-not-found', 2, positionOf(seedText, 'technical-competencies)')],
        ['anchor-not-found', 2, positionOf(seedText, 'values-alignment)')],
      ]);
      assert.match(String(diags[0]!.message), /Include "includes\/engineering-careers\/ep-career-nav\.md" not found in assets\//);
    });

    test('the fenced include is checked; the escaped one is not; the escaping path is refused', async () => {
      const text = fs.readFileSync(path.join(root, INTERMEDIATE), 'utf8');
      const uri = client.open(INTERMEDIATE, text);
      const diags = await client.diagnostics(uri);
      assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [
        ['include-not-found', positionOf(text, 'fenced-missing').line],
        ['include-outside-site', positionOf(text, '../../../../etc/passwd').line],
      ]);
    });

    test('both quick fixes: replace with the closest include, and create the file without overwriting', async () => {
      const diag = (await client.diagnostics(seedUri)).find((d) => d.code === 'include-not-found');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: seedUri },
        range: diag!.range,
        context: { diagnostics: [diag] },
      });
      assert.deepEqual(actions.map((a) => a.title), [
        'Change to "includes/engineering-careers/career-matrix-nav.md"',
        'Create "assets/includes/engineering-careers/ep-career-nav.md"',
        'Ignore this problem here',
      ]);
      const change = actions[0]!.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: Parameters<typeof applyEdits>[1] };
      assert.equal(change.textDocument.uri, seedUri);
      assert.equal(change.textDocument.version, 1);
      assert.match(applyEdits(seedText, change.edits), /\{\{% include "includes\/engineering-careers\/career-matrix-nav\.md" %\}\}/);
      const create = actions[1]!.edit!.documentChanges![0] as { kind: string; uri: string; options: { ignoreIfExists: boolean; overwrite: boolean } };
      assert.deepEqual(create, {
        kind: 'create',
        uri: URI.file(path.join(root, 'assets/includes/engineering-careers/ep-career-nav.md')).toString(),
        options: { ignoreIfExists: true, overwrite: false },
      });
    });

    test('completion of include paths, folder by folder, with previews', async () => {
      const text = seedText.replace('{{% include "includes/engineering-careers/ep-career-nav.md" %}}', '{{% include "includes/engineering-careers/" %}}');
      const uri = client.open('content/scratch.md', text);
      const pos = positionOf(text, 'engineering-careers/"', 'engineering-careers/'.length);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: pos, context: { triggerKind: 2, triggerCharacter: '/' } });
      const labels = list.items.map((i) => i.label);
      assert.deepEqual(labels, ['career-matrix-nav.md', 'senior-leadership-competency.md', 'senior-technical-competency.md', 'team-contact.md', 'values-competency.md']);
      const doc = list.items.find((i) => i.label === 'senior-technical-competency.md')!.documentation as MarkupContent;
      assert.equal(doc.kind, 'markdown');
      assert.match(doc.value, /Solves complex technical problems/);
      const top = text.replace('includes/engineering-careers/"', '"');
      client.change(uri, top);
      const list2 = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(top, '{{% include ""', 13) });
      assert.deepEqual(list2.items.map((i) => [i.label, i.kind]), [['includes', 19]]);
      assert.equal(list2.items[0]!.command?.command, 'editor.action.triggerSuggest');
      client.close(uri);
    });

    test('hover previews the included file', async () => {
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: positionOf(seedText, 'senior-technical-competency.md', 3) });
      const value = (h.contents as MarkupContent).value;
      assert.match(value, /`assets\/includes\/engineering-careers\/senior-technical-competency\.md` · included by 2 pages/);
      assert.match(value, /##### Engineering\n\n\* Solves complex technical problems/);
    });

    test('definition and document links lead to the include file', async () => {
      const target = URI.file(path.join(root, 'assets/includes/engineering-careers/values-competency.md')).toString();
      const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: seedUri }, position: positionOf(seedText, 'values-competency.md', 2) });
      assert.deepEqual(defs.map((d) => d.uri), [target]);
      const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: seedUri } });
      // Three resolved includes and the team-page link (the three dead anchors lead nowhere).
      assert.equal(links.length, 4);
      assert.ok(links.some((l) => l.target === target));
      const team = URI.file(path.join(root, 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md')).toString();
      assert.ok(links.some((l) => l.target?.startsWith(`${team}#L`)), JSON.stringify(links.map((l) => l.target)));
    });

    test('references from an include file list every page that includes it', async () => {
      const inc = URI.file(path.join(root, 'assets/includes/engineering-careers/senior-technical-competency.md')).toString();
      const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: inc }, position: { line: 0, character: 0 }, context: { includeDeclaration: false } });
      assert.deepEqual(refs.map((r) => path.basename(URI.parse(r.uri).fsPath)).sort(), ['intermediate.md', 'senior.md']);
    });

    test('creating the missing include clears the error after the watched-file event', async () => {
      const file = path.join(root, 'assets/includes/engineering-careers/ep-career-nav.md');
      fs.writeFileSync(file, '[Quality](/handbook/engineering/careers/matrix/quality/)\n');
      client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 1 }] });
      let diags: Diagnostic[] = [{ code: 'include-not-found' } as Diagnostic];
      const includeErrors = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'include-not-found').length;
      await client.waitFor(() => {
        void client.diagnostics(seedUri).then((d) => (diags = d));
        return includeErrors(diags) === 0 && (mode === 'pull' || includeErrors(client.published.get(seedUri)?.diagnostics ?? []) === 0);
      }, 'the include error to clear');
      fs.rmSync(file);
      client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 3 }] });
      await client.waitFor(() => {
        void client.diagnostics(seedUri).then((d) => (diags = d));
        return includeErrors(diags) === 1;
      }, 'the include error to return');
    });

    test('the server sends its status and keeps the seed page\'s title in the index', () => {
      const status = client.notifications.filter((n) => n.method === StatusNotification.method).at(-1)?.params as IndexStatus;
      assert.equal(status.indexing, false);
      assert.deepEqual(status.sites.map((s) => [s.root, s.pages, s.includes]), [[root, 5, 5]]);
    });
  });
}
