// Bad input never crashes the server: each case gets a clear diagnostic or is skipped with a logged
// reason, and the server keeps answering.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lspClient';
import { CheckSiteRequest, type CheckSiteResult } from '../../server/src/protocol';

let root: string;
let client: TestClient;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-bad-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
  // On disk before the server starts: the index must skip these with a logged reason.
  fs.writeFileSync(path.join(root, 'content/huge.md'), '---\ntitle: Huge\n---\n' + 'lorem ipsum dolor sit amet\n'.repeat(200_000));
  fs.writeFileSync(path.join(root, 'content/binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  client = await TestClient.start(root, { pull: true });
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function stillAnswers(): Promise<void> {
  const uri = client.uri('content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md');
  const text = fs.readFileSync(new URL(uri), 'utf8');
  client.open('content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md', text);
  const line = text.split('\n').findIndex((l) => l.includes('senior-technical-competency.md'));
  const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } });
  assert.match((h.contents as MarkupContent).value, /Solves complex technical problems/);
}

const codes = async (rel: string, text: string): Promise<string[]> => (await client.diagnostics(client.open(rel, text))).map((d) => String(d.code));

test('huge and binary files on disk are skipped with a logged reason', () => {
  assert.ok(client.logs.some((l) => /Skipped .*huge\.md: the file is \d+ bytes, over the limit/.test(l)), client.logs.join('\n'));
  assert.ok(client.logs.some((l) => /Skipped .*binary\.md: the file is binary/.test(l)));
});

test('a huge file opened in the editor gets one information diagnostic', async () => {
  assert.deepEqual(await codes('content/huge.md', 'x'.repeat(5_000_001)), ['file-skipped']);
  await stillAnswers();
});

test('unterminated shortcodes, an include with no argument, broken front matter', async () => {
  assert.deepEqual(await codes('content/a.md', '---\ntitle: ok\n---\n{{% include "includes/engineering-careers/values-competency.md"\n\ntext {{< alert'), ['shortcode-unterminated', 'shortcode-unterminated']);
  assert.deepEqual(await codes('content/b.md', '---\ntitle: ok\n---\n{{% include %}}\n'), ['include-empty-path']);
  assert.deepEqual(await codes('content/c.md', '---\ntitle: "unclosed\n  x: [\n---\nbody\n'), ['frontmatter-invalid']);
  assert.deepEqual(await codes('content/d.md', '---\ntitle: never closed\nbody\n'), ['frontmatter-invalid']);
  await stillAnswers();
});

test('CRLF and a byte order mark: positions stay right', async () => {
  const text = '\ufeff---\r\ntitle: x\r\n---\r\n\r\n{{% include "includes/nope.md" %}}\r\n';
  const diags = await client.diagnostics(client.open('content/crlf.md', text));
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['include-not-found', 4, 13]]);
  await stillAnswers();
});

test('binary text in the editor is skipped, requests on it answer empty', async () => {
  const uri = client.open('content/bin2.md', 'PNG\0\0\0IHDR{{% include "../../x" %}}');
  assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['file-skipped']);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } }), null);
  await stillAnswers();
});

test('requests for unknown documents and positions out of range answer empty', async () => {
  const ghost = client.uri('content/does-not-exist.md');
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 3, character: 1 } }), null);
  const uri = client.open('content/e.md', '{{% include "includes/engineering-careers/values-competency.md" %}}');
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 99 } }), null);
  await stillAnswers();
});

test('the whole-site check answers a request sent with no params, as the VS Code client sends it', async () => {
  const r = await client.request<CheckSiteResult>(CheckSiteRequest.method, undefined);
  assert.equal(r.cancelled, false);
  assert.ok(r.filesChecked >= 10, String(r.filesChecked));
  assert.ok(r.files.some((f) => f.uri.endsWith('senior.md') && f.diagnostics.some((d) => d.code === 'include-not-found')));
});
