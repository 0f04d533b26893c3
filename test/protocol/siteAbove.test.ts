// Clients that root the workspace low, or at nothing: the shipped server finds the Hugo site above the
// root or above the opened file, and says so when there is none — as a push-only client sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { clientCapabilities } from '../support/lspClient';
import { spawnServer, stopServer, until } from '../support/rawServer';

const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';

function copySite(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-above-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), path.join(root, 'site'), { recursive: true });
  fs.mkdirSync(path.join(root, 'plain'));
  fs.writeFileSync(path.join(root, 'plain', 'notes.md'), '# Notes\n[x](#nowhere)\n');
  return root;
}

/** Starts a push-only client (eglot 1.9, Neovim 0.7) rooted at `folder` (or at none), opens `file`. */
async function openWith(folder: string | null, file: string) {
  const s = spawnServer();
  const published = new Map<string, PublishDiagnosticsParams>();
  const messages: string[] = [];
  s.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p);
  });
  s.conn.onNotification('window/showMessage', (p: { message: string }) => {
    messages.push(p.message);
  });
  await s.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder ? URI.file(folder).toString() : null,
    workspaceFolders: folder ? [{ uri: URI.file(folder).toString(), name: path.basename(folder) }] : null,
    capabilities: clientCapabilities(false),
    clientInfo: { name: 'Eglot' },
  });
  s.conn.sendNotification('initialized', {});
  const uri = URI.file(file).toString();
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: fs.readFileSync(file, 'utf8') } });
  return { s, uri, published, messages };
}

for (const [name, folder] of [
  ['rooted at the opened file\'s folder, inside the site (eglot without version control)', (root: string) => path.dirname(path.join(root, 'site', SENIOR))],
  ['rooted at no folder (a single-file client)', () => null],
] as const) {
  test(`${name}: the site above is found and the page gets its cross-page diagnostics`, async () => {
    const root = copySite();
    const c = await openWith(folder(root), path.join(root, 'site', SENIOR));
    try {
      // The seed page's broken include and its three dead in-page anchors: all need the whole site.
      await until(() => (c.published.get(c.uri)?.diagnostics ?? []).some((d) => d.code === 'anchor-not-found'), 'the anchor diagnostics');
      await until(() => c.s.logs.some((l) => l.startsWith('Index ready')), 'index ready');
      const codes = () => (c.published.get(c.uri)?.diagnostics ?? []).map((d) => d.code).sort();
      await until(() => codes().join() === 'anchor-not-found,anchor-not-found,anchor-not-found,include-not-found', `the page's four problems, got ${codes().join()}`);
      assert.ok(c.s.logs.some((l) => l.includes(`${path.join(root, 'site')}`)), c.s.logs.join('\n'));
      assert.deepEqual(c.messages, []);
    } finally {
      await stopServer(c.s);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
}

test('no Hugo site anywhere: the log and a window message say so', async () => {
  const root = copySite();
  const c = await openWith(path.join(root, 'plain'), path.join(root, 'plain', 'notes.md'));
  try {
    await until(() => c.messages.length > 0, 'a window message');
    assert.match(c.messages[0]!, /no Hugo site found for .*notes\.md/);
    assert.ok(c.s.logs.some((l) => l.startsWith('No Hugo site in') && l.includes('plain')), c.s.logs.join('\n'));
  } finally {
    await stopServer(c.s);
    fs.rmSync(root, { recursive: true, force: true });
  }
});
