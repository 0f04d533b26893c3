// Suppression comments over the protocol: "Ignore this problem here" as one versioned edit, the
// problem gone once it is applied, and an unused suppression reported — for a pulling client (VS Code)
// and a push-only one (Neovim 0.7, eglot).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../support/lspClient';

let root: string;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-suppress-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const PAGE = 'content/handbook/suppressed.md';
const TEXT = [
  '---',
  'title: Suppressed',
  '---',
  '## Here',
  '',
  '- [good](#here)',
  '- [broken](#nowhere)',
  '<!-- markdownlint-disable MD051 -->',
  '[silenced by the handbook\'s own comment](#elsewhere)',
  '<!-- markdownlint-enable MD051 -->',
  '',
].join('\n');

for (const pull of [true, false]) {
  test(`ignore this problem here, as one edit that silences it (${pull ? 'pull' : 'push'} client)`, async () => {
    const client = await TestClient.start(root, { pull });
    try {
      const uri = client.open(PAGE, TEXT);
      const diags = await client.diagnostics(uri);
      // The markdownlint range silences the in-page anchor inside it; the one above it stays.
      assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['anchor-not-found', 6]]);
      const d = diags[0]!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const titles = actions.map((a) => a.title);
      assert.equal(titles[titles.length - 1], 'Ignore this problem here', titles.join(', '));
      const ignore = actions[actions.length - 1]!;
      assert.notEqual(ignore.isPreferred, true);
      const changes = ignore.edit!.documentChanges as TextDocumentEdit[];
      assert.equal(changes.length, 1);
      assert.deepEqual(changes[0]!.textDocument, { uri, version: 1 });
      const next = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, TEXT), changes[0]!.edits as TextEdit[]);
      assert.equal(next.split('\n')[6], '  <!-- handbook-disable-next-line anchor-not-found -->');
      client.published.delete(uri);
      client.change(uri, next);
      assert.deepEqual(await client.diagnostics(uri), []);
      // Once the link is fixed the comment silences nothing, and says so.
      client.published.delete(uri);
      client.change(uri, next.replace('(#nowhere)', '(#here)'));
      const left: Diagnostic[] = await client.diagnostics(uri);
      assert.deepEqual(left.map((x) => [x.code, x.severity, x.range.start.line]), [['suppression-unused', 3, 6]]);
      const remove = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: left[0]!.range, context: { diagnostics: [left[0]] } });
      assert.deepEqual(remove.map((a) => a.title), ['Remove this suppression']);
    } finally {
      await client.stop();
    }
  });
}
