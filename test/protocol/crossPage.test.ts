// Cross-page updates through the shipped server: a change to one page reaches the open pages that
// link to it (and only those). Push clients (Neovim 0.7, eglot) get the other page's diagnostics
// republished; pulling clients (VS Code) are asked to pull again only when another open page's answer
// can change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../support/lspClient';
import { StatsRequest } from '../../server/src/protocol';

const A = 'content/handbook/a.md';
const B = 'content/handbook/b.md';
const C = 'content/handbook/c.md';
const aText = (heading: string, frontMatter = '') => `---\ntitle: Page A\n${frontMatter}---\n\n## ${heading}\n\nSome text.\n`;
const B_TEXT = '---\ntitle: Page B\n---\n\nSee [foo on A](/handbook/a/#foo) and [the new page](/handbook/new/).\n';

function makeSite(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-crosspage-'));
  fs.writeFileSync(path.join(root, 'hugo.toml'), 'title = "x"\n');
  fs.mkdirSync(path.join(root, 'content/handbook'), { recursive: true });
  fs.writeFileSync(path.join(root, A), aText('Foo'));
  fs.writeFileSync(path.join(root, B), B_TEXT);
  fs.writeFileSync(path.join(root, C), '---\ntitle: Page C\n---\n\nNo links here.\n');
  return root;
}

/** The codes (and the start of the message) of what was last pushed for a document. */
const pushed = (client: TestClient, uri: string): string[] =>
  (client.published.get(uri)?.diagnostics ?? []).map((d) => `${String(d.code)}: ${String(d.message).split('"')[1] ?? ''}`);

describe('cross-page updates to a push client', () => {
  let root: string;
  let client: TestClient;
  let aUri: string;
  let bUri: string;

  before(async () => {
    root = makeSite();
    client = await TestClient.start(root, { pull: false });
    aUri = client.open(A, aText('Foo'));
    bUri = client.open(B, B_TEXT);
    await client.waitFor(() => client.published.has(bUri) && client.published.has(aUri), 'first diagnostics');
    assert.deepEqual(pushed(client, bUri), ['link-not-found: /handbook/new/']);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Waits until B's pushed diagnostics are `expected` (each publish re-checks). */
  const bBecomes = (expected: string[], what: string) => client.waitFor(() => JSON.stringify(pushed(client, bUri)) === JSON.stringify(expected), what);

  test("renaming A's heading Foo to Bar in the editor gives B its anchor-not-found; renaming it back clears it", async () => {
    client.change(aUri, aText('Bar'));
    await bBecomes(['anchor-not-found: #foo', 'link-not-found: /handbook/new/'], 'B to get anchor-not-found');
    client.change(aUri, aText('Foo'));
    await bBecomes(['link-not-found: /handbook/new/'], 'B to lose anchor-not-found');
  });

  test("A's URL moving away (url front matter) breaks B's link; an alias at the old URL mends it", async () => {
    client.change(aUri, aText('Foo', 'url: /elsewhere/\n'));
    await bBecomes(['link-not-found: /handbook/a/', 'link-not-found: /handbook/new/'], 'B to get link-not-found for A');
    client.change(aUri, aText('Foo', 'url: /elsewhere/\naliases: [/handbook/a/]\n'));
    await bBecomes(['link-not-found: /handbook/new/'], 'B to find A through its alias');
    client.change(aUri, aText('Foo'));
    await bBecomes(['link-not-found: /handbook/new/'], 'B unchanged with A back at its URL');
  });

  test('a page created on disk mends the link to it; deleting it breaks the link again', async () => {
    const file = path.join(root, 'content/handbook/new.md');
    fs.writeFileSync(file, '---\ntitle: New\n---\n\n## Hello\n');
    client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('content/handbook/new.md'), type: 1 }] });
    await bBecomes([], 'B to find the new page');
    fs.rmSync(file);
    client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('content/handbook/new.md'), type: 3 }] });
    await bBecomes(['link-not-found: /handbook/new/'], 'B to lose the deleted page');
  });
});

describe('cross-page updates to a pulling client', () => {
  let root: string;
  let client: TestClient;
  let refreshes = 0;

  before(async () => {
    root = makeSite();
    client = await TestClient.start(root, { pull: true });
    client.conn.onRequest('workspace/diagnostic/refresh', () => {
      refreshes++;
      return null;
    });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Sends a change and a request after it; the server answers in order, so any refresh it sent for the change has arrived. */
  const changeAndSettle = async (uri: string, text: string): Promise<void> => {
    client.change(uri, text);
    await client.diagnostics(uri);
    await client.request(StatsRequest.method, {});
  };

  test('a keystroke that changes nothing another open page reads sends no refresh; a heading B links to does', async () => {
    const aUri = client.open(A, aText('Foo'));
    const bUri = client.open(B, B_TEXT);
    const cUri = client.open(C, '---\ntitle: Page C\n---\n\nNo links here.\n');
    await client.diagnostics(bUri);
    await client.request(StatsRequest.method, {});
    const before = refreshes;
    // Typing in the body of A, and anywhere in C (nothing links to C): nothing for B to pull.
    await changeAndSettle(aUri, aText('Foo').replace('Some text.', 'Some more text.'));
    await changeAndSettle(cUri, '---\ntitle: Page C\n---\n\nNo links here, still.\n');
    assert.equal(refreshes, before, 'no refresh for changes no other open page depends on');
    // A's heading, which B links to: B's answer changes, so the client is asked to pull again.
    await changeAndSettle(aUri, aText('Bar'));
    await client.waitFor(() => refreshes > before, 'a refresh after the heading B links to changed');
    const diags = await client.diagnostics(bUri);
    assert.deepEqual(diags.map((d) => d.code), ['anchor-not-found', 'link-not-found']);
  });
});
