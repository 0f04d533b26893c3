// Edits that arrive faster than the server handles them: when the editor's changes queue up (a busy
// machine, fast typing on a large page), the server takes in the newest text once, not each one in
// turn, and its answers are those of the newest text. For a pulling client (VS Code) and a push client
// (Neovim 0.7, eglot) alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { StatsRequest } from '../../server/src/protocol';
import { clientCapabilities } from '../support/lspClient';
import { exitWhenDone, initialize, spawnServer, stopServer, until, type RawServer } from '../support/rawServer';

exitWhenDone();

const SITE = path.resolve(__dirname, '../fixtures/protocol-site');
const URI_OF_PAGE = URI.file(path.join(SITE, 'content/_index.md')).toString();
const EDITS = 40;

/** The text after `n` keystrokes: a link typed a character at a time, complete (and broken) at the end. */
function textAfter(n: number): string {
  const link = '[gone](/handbook/no-such-page/)';
  return `---\ntitle: Sample Handbook\n---\n\nWelcome.\n\n${link.slice(0, Math.round((n / EDITS) * link.length))}\n`;
}

/** The changes as one write: they reach the server together, as a queue of them does. */
function writeBurst(s: RawServer): void {
  const frames = [];
  for (let v = 2; v <= EDITS + 1; v++) {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: URI_OF_PAGE, version: v }, contentChanges: [{ text: textAfter(v - 1) }] } });
    frames.push(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  s.proc.stdin!.write(frames.join(''));
}

const broken = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'link-not-found');

for (const pull of [true, false]) {
  test(`${pull ? 'pulling' : 'push'} client: ${EDITS} queued edits are taken in together, and the answer is the newest text's`, async () => {
    const s = spawnServer();
    const published: PublishDiagnosticsParams[] = [];
    s.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === URI_OF_PAGE) published.push(p);
    });
    try {
      await initialize(s, SITE, clientCapabilities(pull));
      await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready');
      s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI_OF_PAGE, languageId: 'markdown', version: 1, text: textAfter(0) } });
      const before = (await s.conn.sendRequest(StatsRequest, {})).documentUpdates;
      writeBurst(s);
      if (pull) {
        const report = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI_OF_PAGE } })) as { items: Diagnostic[] };
        assert.equal(broken(report.items).length, 1, "the newest text's broken link is reported");
      } else {
        await until(() => published.some((p) => p.version === EDITS + 1), 'the diagnostics of the newest version');
        assert.equal(broken(published.find((p) => p.version === EDITS + 1)!.diagnostics).length, 1, "the newest text's broken link is reported");
        assert.ok(published.length < EDITS / 4, `diagnostics published ${published.length} times for ${EDITS} queued edits`);
      }
      const updates = (await s.conn.sendRequest(StatsRequest, {})).documentUpdates - before;
      assert.ok(updates >= 1 && updates <= 5, `the index took in the page's text ${updates} times for ${EDITS} queued edits`);
    } finally {
      await stopServer(s);
    }
  });
}
