// Responsibility terms over the protocol, on the seed page and its team page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionList, Hover, MarkupContent, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { positionOf, TestClient } from '../support/lspClient';

const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const TEAM = 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md';

for (const mode of ['pull', 'push'] as const) {
  describe(`responsibility terms over the protocol (${mode} diagnostics)`, () => {
    let root: string;
    let client: TestClient;
    let seed: string;
    let seedUri: string;

    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-terms-'));
      fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
      client = await TestClient.start(root, { pull: mode === 'pull' });
      seed = fs.readFileSync(path.join(root, SENIOR), 'utf8');
      seedUri = client.open(SENIOR, seed);
    });
    after(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('hovering "Dogfood use" shows the team page\'s definition', async () => {
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: positionOf(seed, '| Dogfood use', 5) });
      const v = (h.contents as MarkupContent).value;
      assert.match(v, /^\*\*Dogfood use\*\* — Engineering Productivity team › Areas of Responsibility/);
      assert.match(v, /Dogfood GitLab product features to improve developer workflow/);
      assert.match(v, /Use new features from related product groups/);
    });

    test('typing a new row offers the seven terms', async () => {
      const text = seed.replace('| Dogfood build | Implement small enhancements to existing features |\n', '| Dogfood build | Implement small enhancements to existing features |\n| \n');
      const uri = client.open('content/handbook/engineering/careers/matrix/quality/engineering-productivity/new.md', text);
      const at = positionOf(text, 'existing features |\n| \n', 'existing features |\n| '.length);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at, context: { triggerKind: 2, triggerCharacter: ' ' } });
      assert.deepEqual(list.items.map((i) => i.label).sort(), ['Do it for internal team', 'Do it for wider community', 'Dogfood build', 'Dogfood use', 'Engineering support', 'Engineering workflow', 'See it and find it']);
      client.close(uri);
    });

    test('a misspelled term is flagged with the right suggestion', async () => {
      const text = seed.replace('| Dogfood use |', '| Dogfod use |');
      const uri = client.open('content/handbook/engineering/careers/matrix/quality/engineering-productivity/typo.md', text);
      const diags = (await client.diagnostics(uri)).filter((d) => String(d.code).startsWith('term'));
      assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['term-unknown', 2]]);
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: diags } });
      assert.equal(actions[0]!.title, 'Change to "Dogfood use"');
      client.close(uri);
    });

    test('renaming "Do it for internal team" on the team page is one edit over the team page and the career page', async () => {
      const team = fs.readFileSync(path.join(root, TEAM), 'utf8');
      const teamUri = client.uri(TEAM);
      const pos = positionOf(team, 'Do it for internal team', 3);
      const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: teamUri }, position: pos });
      assert.equal(prep.placeholder, 'Do it for internal team');
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: teamUri }, position: pos, newName: 'Do it for any contributor' });
      const docs = edit.documentChanges as TextDocumentEdit[];
      assert.deepEqual(docs.map((d) => URI.parse(d.textDocument.uri).fsPath).sort(), [path.join(root, SENIOR), path.join(root, TEAM)].sort());
      const apply = (rel: string, text: string) => TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 1, text), docs.find((d) => URI.parse(d.textDocument.uri).fsPath === path.join(root, rel))!.edits as TextEdit[]);
      assert.match(apply(TEAM, team), /\* \*\*Do it for any contributor\*\*: Increase contributor/);
      assert.match(apply(SENIOR, seed), /\| Do it for any contributor \| Implement productivity improvements/);
      // The open career page's edit names its version, so the editor can refuse a stale one.
      assert.equal(docs.find((d) => d.textDocument.uri === seedUri)!.textDocument.version, 1);
    });

    test('editing the team page refreshes the career page\'s diagnostics without reopening it', async () => {
      assert.deepEqual((await client.diagnostics(seedUri)).filter((d) => String(d.code).startsWith('term')), []);
      const team = fs.readFileSync(path.join(root, TEAM), 'utf8');
      const teamUri = client.open(TEAM, team);
      const before = client.published.get(seedUri);
      client.change(teamUri, team.replace('**Dogfood use**', '**Dogfood usage**'));
      let codes: string[] = [];
      await client.waitFor(() => {
        if (mode === 'push') codes = (client.published.get(seedUri) !== before ? client.published.get(seedUri)!.diagnostics : []).map((d) => String(d.code));
        else void client.diagnostics(seedUri).then((d) => (codes = d.map((x) => String(x.code))));
        return codes.includes('term-unknown');
      }, 'the career page to show term-unknown');
      client.change(teamUri, team);
      await client.waitFor(() => {
        if (mode === 'push') codes = client.published.get(seedUri)!.diagnostics.map((d) => String(d.code));
        else void client.diagnostics(seedUri).then((d) => (codes = d.map((x) => String(x.code))));
        return !codes.includes('term-unknown');
      }, 'the term warning to clear');
    });
  });
}
