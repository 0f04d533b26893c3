// The first index pass does not wait for the editor. The server asks the client for a progress token
// (window/workDoneProgress/create) to show "Indexing handbook"; a client whose extension host is busy at
// start-up answers late, and the index, the status and the opened page's diagnostics must not wait for
// that answer. When the answer comes after the pass, the progress is ended at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { StatusNotification, type IndexStatus } from '../../server/src/protocol';
import { clientCapabilities } from '../support/lspClient';
import { exitWhenDone, initialize, spawnServer, stopServer, until } from '../support/rawServer';

exitWhenDone();

const SITE = path.resolve(__dirname, '../fixtures/protocol-site');

test('indexing, status and diagnostics do not wait for the client to answer the progress request', async () => {
  let answer: (() => void) | undefined;
  let asked = 0;
  const s = spawnServer({
    progressCreate: () => {
      asked++;
      return new Promise<null>((resolve) => (answer = () => resolve(null)));
    },
  });
  const statuses: IndexStatus[] = [];
  const progress: { token: unknown; value: { kind: string } }[] = [];
  const published = new Map<string, PublishDiagnosticsParams>();
  s.conn.onNotification(StatusNotification, (p: IndexStatus) => {
    statuses.push(p);
  });
  s.conn.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => {
    progress.push(p);
  });
  s.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p);
  });
  try {
    await initialize(s, SITE, clientCapabilities(false));
    const uri = URI.file(path.join(SITE, 'content/_index.md')).toString();
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Home\n\n[gone](/handbook/no-such-page/)\n' } });
    await until(() => asked > 0, 'the progress request');
    // The progress request stays unanswered while all of this happens.
    await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'the index ready while the progress request is unanswered', 10_000);
    await until(() => statuses.some((st) => !st.indexing && st.sites.length === 1), 'the status "ready" while the progress request is unanswered', 10_000);
    await until(() => published.get(uri)?.diagnostics.some((d) => d.code === 'link-not-found') ?? false, "the opened page's link-not-found while the progress request is unanswered", 10_000);
    assert.equal(progress.length, 0, 'no progress is reported on a token the client has not created yet');
    // The late answer: the progress the client has just created is ended, not left spinning.
    answer!();
    await until(() => progress.some((p) => p.value.kind === 'end'), 'the progress ended after the late answer');
    assert.ok(!progress.some((p) => p.value.kind === 'report'), 'no reports after the pass has ended');
  } finally {
    answer?.();
    await stopServer(s);
  }
});
