// Links, anchors and shortcodes over the protocol, on a copy of the fixture site.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { positionOf, TestClient } from '../support/lspClient';

const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const TEAM = 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md';
let root: string;
let client: TestClient;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-links-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
  fs.mkdirSync(path.join(root, 'layouts/_shortcodes'), { recursive: true });
  fs.writeFileSync(path.join(root, 'layouts/_shortcodes/box.html'), '<!-- A box around its content. -->\n<div class="{{ .Get "class" }}">{{ .Inner }}</div>\n');
  client = await TestClient.start(root, { pull: true });
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const applyTo = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 1, text), edits);

test('the seed page\'s dead anchors come with fixes to the real heading ids', async () => {
  const text = read(SENIOR);
  const uri = client.open(SENIOR, text);
  const diags = (await client.diagnostics(uri)).filter((d) => d.code === 'anchor-not-found');
  assert.equal(diags.length, 3);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: [diags[0]] } });
  assert.equal(actions[0]!.title, 'Change to "#senior-leadership-competencies"');
  const edit = (actions[0]!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
  assert.match(applyTo(text, edit), /\[Leadership Competencies\]\(#senior-leadership-competencies\)/);
  client.close(uri);
});

test('completion of page paths folder by folder, and of anchors with their headings', async () => {
  const text = '---\ntitle: x\n---\nSee [the team](/handbook/engineering/infrastructure/) and [mission](/handbook/engineering/infrastructure/engineering-productivity/#).\n';
  const uri = client.open('content/links.md', text);
  const paths = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'infrastructure/)', 'infrastructure/'.length) });
  assert.deepEqual(paths.items.map((i) => [i.label, i.detail]), [['engineering-productivity', 'Engineering Productivity team']]);
  const anchors = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '#)', 1) });
  assert.deepEqual(anchors.items.map((i) => i.label), ['mission', 'areas-of-responsibility', 'team-members']);
  client.close(uri);
});

test('hover on a link shows the page title, description, and the heading with its first lines', async () => {
  const text = read(SENIOR);
  const uri = client.open(SENIOR, text);
  const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'index.html#areas', 3) });
  const v = (h.contents as MarkupContent).value;
  assert.match(v, /^\*\*Engineering Productivity team\*\* · `content\/handbook\/engineering\/infrastructure\/engineering-productivity\/_index\.md`/);
  assert.match(v, /### Areas of Responsibility\n\n\* \*\*See it and find it\*\*/);
  client.close(uri);
});

test('renaming a heading rewrites the heading and every link to its anchor, in one edit', async () => {
  const team = read(TEAM);
  const teamUri = client.uri(TEAM);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: teamUri }, position: positionOf(team, '### Areas of Responsibility', 6), newName: 'Our responsibilities' });
  const docs = edit.documentChanges as TextDocumentEdit[];
  const byFile = new Map(docs.map((d) => [path.relative(root, URI.parse(d.textDocument.uri).fsPath), d.edits as TextEdit[]]));
  assert.deepEqual([...byFile.keys()].sort(), [SENIOR, TEAM].sort());
  assert.equal(applyTo(team, byFile.get(TEAM)!), team.replace('### Areas of Responsibility', '### Our responsibilities'));
  const senior = read(SENIOR);
  assert.equal(applyTo(senior, byFile.get(SENIOR)!), senior.replace('index.html#areas-of-responsibility', 'index.html#our-responsibilities'));
});

test('moving the team page in the explorer rewrites every link to it in one edit, keeping each spelling', async () => {
  const from = path.join(root, 'content/handbook/engineering/infrastructure/engineering-productivity');
  const to = path.join(root, 'content/handbook/engineering/productivity');
  const edit = await client.request<WorkspaceEdit>('workspace/willRenameFiles', { files: [{ oldUri: URI.file(from).toString(), newUri: URI.file(to).toString() }] });
  const docs = edit.documentChanges as TextDocumentEdit[];
  const results = new Map(docs.map((d) => {
    const rel = path.relative(root, URI.parse(d.textDocument.uri).fsPath);
    return [rel, applyTo(read(rel), d.edits as TextEdit[])];
  }));
  const NAV = 'assets/includes/engineering-careers/career-matrix-nav.md';
  assert.deepEqual([...results.keys()].sort(), [NAV, 'content/_index.md', 'content/handbook/_index.md', SENIOR].sort());
  assert.equal(results.get(NAV), read(NAV).replace('/handbook/engineering/infrastructure/engineering-productivity/', '/handbook/engineering/productivity/'));
  assert.equal(results.get('content/_index.md'), read('content/_index.md').replace('/handbook/engineering/infrastructure/engineering-productivity/', '/handbook/engineering/productivity/'));
  assert.equal(results.get('content/handbook/_index.md'), read('content/handbook/_index.md').replace('](engineering/infrastructure/engineering-productivity/)', '](engineering/productivity/)'));
  assert.equal(results.get(SENIOR), read(SENIOR).replace('/handbook/engineering/infrastructure/engineering-productivity/index.html#', '/handbook/engineering/productivity/index.html#'));
});

test('shortcodes: every name after {{%, parameters inside a call, the closing tag, hover and the typo fix', async () => {
  const text = '---\ntitle: x\n---\n{{% \n\n{{< box  >}}\nx\n{{< /\n\n{{% details sunmmary="Why" %}}\nbody\n{{% /details %}}\n';
  const uri = client.open('content/shortcodes.md', text);
  const names = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '{{% \n', 4), context: { triggerKind: 2, triggerCharacter: ' ' } });
  const labels = names.items.map((i) => i.label);
  for (const n of ['box', 'include', 'details', 'alert', 'youtube']) assert.ok(labels.includes(n), n);
  assert.equal(names.items[0]!.label, 'box', 'the site\'s own templates come first');
  assert.equal(names.items[0]!.insertTextFormat, 2);
  const params = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '{{< box  >}}', 8) });
  assert.deepEqual(params.items.map((i) => i.label), ['class']);
  const closing = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '{{< /\n', 5) });
  assert.deepEqual(closing.items.map((i) => (i.textEdit as TextEdit).newText), ['box >}}']);
  const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'box  >}}', 1) });
  assert.match((h.contents as MarkupContent).value, /^\*\*box\*\* — `layouts\/_shortcodes\/box\.html`\n\nA box around its content\./);
  const diags: Diagnostic[] = await client.diagnostics(uri);
  const typo = diags.find((d) => d.code === 'shortcode-param-unknown')!;
  assert.match(String(typo.message), /did you mean "summary"/);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
  assert.deepEqual(actions.map((a) => a.title), ['Change to "summary"', 'Ignore this problem here']);
  client.close(uri);
});

test('a ref that finds no page is an error with fixes; a good one completes, hovers and opens its page', async () => {
  const text = '---\ntitle: Refs\n---\nSee [the team]({{< relref "engineering-productivty" >}}) and {{< ref "/handbook/engineering/infrastructure/engineering-productivity#mission" >}}.\n{{< ref "engineering-p" >}}\n';
  const uri = client.open('content/handbook/refs.md', text);
  const diags = (await client.diagnostics(uri)).filter((d) => String(d.code).startsWith('ref-'));
  assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['ref-not-found', 1], ['ref-not-found', 1]]);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: [diags[0]] } });
  assert.equal(actions[0]!.title, 'Change to "engineering-productivity"');
  const items = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'engineering-p" >}}', 'engineering-p'.length) });
  assert.ok(items.items.some((i) => i.label === 'engineering-productivity'), items.items.map((i) => i.label).join(', '));
  const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'engineering-productivity#mission', 3) });
  assert.match((h.contents as MarkupContent).value, /\*\*Engineering Productivity team\*\*[\s\S]*## Mission/);
  const def = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'engineering-productivity#mission', 3) });
  assert.equal(URI.parse(def[0]!.uri).fsPath, path.join(root, TEAM));
  client.close(uri);
});
