// Protocol robustness of the shipped server: requests before initialize, for unknown, closed and
// non-file documents, out-of-order versions, $/cancelRequest on the whole-site operations, a client
// that never answers workspace/configuration, shutdown then exit, and a kill in the middle of requests.
// Each is answered correctly or with a proper LSP error; the server never crashes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { initialize, release, spawnServer, stopServer, until, type RawServer, exitWhenDone } from '../support/rawServer';

exitWhenDone();

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 60_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const tmpDirs: string[] = [];

function copySite(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-robust-'));
  tmpDirs.push(dir);
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** The fixture site plus `pages` generated pages that link to each other (some links broken). */
function bigSite(pages: number): string {
  const dir = copySite();
  for (let i = 0; i < pages; i++) {
    const links = Array.from({ length: 12 }, (_, k) => `[p${k}](/generated/p${(i * 7 + k * 13) % (pages + 40)}/#section-${k % 3})`).join(' ');
    fs.mkdirSync(path.join(dir, 'content/generated'), { recursive: true });
    fs.writeFileSync(path.join(dir, `content/generated/p${i}.md`), `---\ntitle: Page ${i}\n---\n# Page ${i}\n\n## Section 0\n\n${links}\n\n## Section 1\n\nText {{< alert >}}x{{< /alert >}}\n`);
  }
  return dir;
}

after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

const errorCode = async (p: Promise<unknown>): Promise<number | 'ok'> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof ResponseError, String(e));
    return e.code;
  }
};

test('before initialize: requests get ServerNotInitialized (-32002), notifications are dropped, then initialize works', { timeout: TIMEOUT }, async () => {
  const root = copySite();
  const s = spawnServer();
  try {
    const uri = URI.file(path.join(root, SENIOR)).toString();
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '{{% include "includes/nope.md" %}}' } });
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/diagnostic', { textDocument: { uri } }],
      ['workspace/symbol', { query: '' }],
      ['handbook/checkSite', {}],
      ['handbook/stats', {}],
      ['shutdown', undefined],
      ['no/such/method', {}],
    ] as const) {
      assert.equal(await errorCode(s.conn.sendRequest(method, params)), -32002, method);
    }
    await initialize(s, root);
    await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready');
    // The didOpen before initialize was dropped: the page is read from disk, the disk's include is found.
    const d = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string; message: string }[] };
    assert.ok(d.items.some((x) => x.message.includes('ep-career-nav.md')), 'the disk text is checked');
    assert.ok(!d.items.some((x) => x.message.includes('nope.md')), 'the dropped editor text is not');
    assert.equal(await errorCode(s.conn.sendRequest('no/such/method', {})), -32601);
    assert.equal(s.proc.exitCode, null);
  } finally {
    await stopServer(s);
  }
});

// Timeouts on suites, not their tests: Node 20 leaves a nested test's own timeout timer running after it ends.
describe('one server, many awkward requests', { timeout: TIMEOUT }, () => {
  let root: string;
  let s: RawServer;
  before(async () => {
    root = copySite();
    s = spawnServer();
    await initialize(s, root);
    await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready');
  });
  after(() => stopServer(s));

  const uriOf = (rel: string) => URI.file(path.join(root, rel)).toString();
  const at = (uri: string, line = 0, character = 0) => ({ textDocument: { uri }, position: { line, character }, context: { includeDeclaration: true, diagnostics: [] }, range: { start: { line, character }, end: { line, character } } });
  const METHODS = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/documentSymbol', 'textDocument/documentLink', 'textDocument/foldingRange', 'textDocument/codeAction', 'textDocument/prepareRename', 'textDocument/diagnostic'];

  test('unknown, closed, non-file and malformed documents: empty answers or an error response, never a crash', async () => {
    const closed = uriOf('content/closed.md');
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: closed, languageId: 'markdown', version: 1, text: '# Closed\n[x](/nowhere/)\n' } });
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: closed } });
    const uris = [uriOf('content/no-such-page.md'), closed, uriOf('no-such-folder/x.md'), 'untitled:Untitled-1', 'git:/x/y.md?%7B%7D', 'file:///', 'file:///etc/passwd', 'vscode-notebook-cell:/x.ipynb#W0sZmlsZQ%3D%3D', 'http://example.test/x.md', '%%%', ''];
    for (const uri of uris) {
      for (const method of METHODS) {
        const r = await errorCode(s.conn.sendRequest(method, at(uri, 3, 99)));
        assert.ok(r === 'ok' || r === -32603 || r === -32602, `${method} on ${JSON.stringify(uri)}: ${r}`);
      }
      await errorCode(s.conn.sendRequest('textDocument/rename', { ...at(uri), newName: 'x' }));
    }
    // An untitled document is served from its text, and nothing is read for it from disk.
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-2', languageId: 'markdown', version: 1, text: '{{< alert' } });
    const d = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'untitled:Untitled-2' } })) as { items: { code: string }[] };
    assert.deepEqual(d.items.map((x) => x.code), ['shortcode-unterminated']);
    assert.equal(s.proc.exitCode, null);
  });

  test('versions out of order, changes to documents never opened, ranges past the end: the last change received wins', async () => {
    const uri = uriOf('content/versions.md');
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('content/never-opened.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('content/never-opened.md') } });
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 10, text: '---\ntitle: v\n---\nv10\n' } });
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: '---\ntitle: v\n---\n{{% include "includes/a.md" %}}\n' }] });
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 120, character: 5 } }, text: '\n{{% include "includes/b.md" %}}' }] });
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 3, character: 500 }, end: { line: 1, character: 0 } }, text: '' }] });
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '---\ntitle: v\n---\n{{% include "includes/c.md" %}}\n' } });
    const d = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string; message: string }[] };
    assert.deepEqual(d.items.map((x) => x.message.match(/"(includes\/.\.md)"/)?.[1]), ['includes/c.md']);
  });

  test('no client-side content: a request for a document whose file is deleted after it was indexed', async () => {
    const rel = 'content/deleted.md';
    fs.writeFileSync(path.join(root, rel), '# Deleted soon\n');
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(rel), type: 1 }] });
    fs.rmSync(path.join(root, rel));
    for (const method of METHODS) assert.notEqual(await errorCode(s.conn.sendRequest(method, at(uriOf(rel)))), -32603, method);
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(rel), type: 3 }] });
    assert.equal(s.proc.exitCode, null);
  });
});

describe('cancellation of the whole-site operations', { timeout: TIMEOUT }, () => {
  let root: string;
  before(() => {
    root = bigSite(2000);
  });

  test('handbook/checkSite: a $/cancelRequest stops the run part way', async () => {
    const s = spawnServer();
    try {
      await initialize(s, root);
      await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready', 60_000);
      // The whole run, for scale.
      const started = Date.now();
      const full = (await s.conn.sendRequest('handbook/checkSite', {})) as { cancelled: boolean; filesChecked: number };
      const fullMs = Date.now() - started;
      assert.equal(full.cancelled, false);
      assert.ok(full.filesChecked > 2000);
      const source = new CancellationTokenSource();
      const answer = s.conn.sendRequest('handbook/checkSite', {}, source.token) as Promise<{ cancelled: boolean; filesChecked: number }>;
      await new Promise((r) => setTimeout(r, Math.min(100, fullMs / 4)));
      source.cancel();
      const r = await answer.then(
        (x) => x,
        (e: unknown) => (e instanceof ResponseError ? { cancelled: true, filesChecked: -1, code: e.code } : Promise.reject(e)),
      );
      assert.equal(r.cancelled, true, JSON.stringify(r));
      // Not a clock (a busy machine makes any bound flaky): the run stopped before its end, with fewer
      // files checked than a whole run (none: cancelled before it began).
      assert.ok(r.filesChecked < full.filesChecked, `${r.filesChecked} of ${full.filesChecked} files checked after the cancel (a whole run takes ${fullMs} ms)`);
      // And the server goes on answering.
      assert.equal(((await s.conn.sendRequest('handbook/stats')) as { indexed: boolean }).indexed, true);
    } finally {
      await stopServer(s);
    }
  });

  test('workspace/symbol while the index is still being built: a cancel is answered with RequestCancelled (-32800), not results', async () => {
    const s = spawnServer();
    try {
      await initialize(s, root);
      const source = new CancellationTokenSource();
      const answer = errorCode(s.conn.sendRequest('workspace/symbol', { query: 'Page' }, source.token));
      source.cancel();
      // The request waits for the index; the cancel ends the wait (a finished search would answer symbols).
      assert.equal(await answer, -32800);
      const all = (await s.conn.sendRequest('workspace/symbol', { query: 'Page 1999' })) as { name: string }[];
      assert.ok(all.some((x) => x.name === 'Page 1999'));
    } finally {
      await stopServer(s);
    }
  });
});

test('a client that never answers workspace/configuration: the server indexes and answers all the same', { timeout: TIMEOUT }, async () => {
  const root = copySite();
  const s = spawnServer({ configuration: 'never' });
  try {
    await initialize(s, root);
    await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready without settings');
    const uri = URI.file(path.join(root, SENIOR)).toString();
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: fs.readFileSync(path.join(root, SENIOR), 'utf8') } });
    const d = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string }[] };
    // Checks that need the whole index (anchors) ran.
    assert.ok(d.items.some((x) => x.code === 'anchor-not-found'), JSON.stringify(d.items.map((x) => x.code)));
    assert.ok(((await s.conn.sendRequest('workspace/symbol', { query: 'Senior' })) as unknown[]).length > 0);
  } finally {
    await stopServer(s);
  }
});

test('shutdown then exit ends with code 0; exit without shutdown with 1; requests after shutdown get an error', { timeout: TIMEOUT }, async () => {
  const root = copySite();
  const a = spawnServer();
  await initialize(a, root);
  await until(() => a.logs.some((l) => l.startsWith('Index ready')), 'index ready');
  assert.equal(await a.conn.sendRequest('shutdown'), null);
  assert.equal(await errorCode(a.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI.file(path.join(root, SENIOR)).toString() }, position: { line: 0, character: 0 } })), -32600);
  assert.equal(await errorCode(a.conn.sendRequest('shutdown')), -32600);
  a.conn.sendNotification('exit');
  assert.deepEqual(await a.exited, { code: 0, signal: null });
  release(a);

  const b = spawnServer();
  await initialize(b, root);
  b.conn.sendNotification('exit');
  assert.equal((await b.exited).code, 1);
  release(b);
});

test('a server killed in the middle of requests leaves the site as it was, and the next one starts clean', { timeout: TIMEOUT }, async () => {
  const root = copySite();
  const snapshot = (): string[] => {
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(`${path.relative(root, p)} ${fs.statSync(p).mtimeMs} ${createHash('sha1').update(fs.readFileSync(p)).digest('hex')}`);
      }
    };
    walk(root);
    return out;
  };
  const before = snapshot();
  const seniorUri = URI.file(path.join(root, SENIOR)).toString();
  const text = fs.readFileSync(path.join(root, SENIOR), 'utf8');
  for (const delayMs of [0, 5, 40]) {
    const s = spawnServer();
    await initialize(s, root);
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: seniorUri, languageId: 'markdown', version: 1, text } });
    const inFlight = [
      s.conn.sendRequest('handbook/checkSite', {}),
      s.conn.sendRequest('textDocument/rename', { textDocument: { uri: seniorUri }, position: { line: 5, character: 5 }, newName: 'Renamed' }),
      s.conn.sendRequest('workspace/willRenameFiles', { files: [{ oldUri: seniorUri, newUri: seniorUri.replace('senior.md', 'moved.md') }] }),
      s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: seniorUri } }),
    ].map((p) => p.catch(() => undefined));
    await new Promise((r) => setTimeout(r, delayMs));
    s.proc.kill('SIGKILL');
    await s.exited;
    release(s); // rejects what the dead server will never answer
    await Promise.all(inFlight);
  }
  assert.deepEqual(snapshot(), before);
  const s = spawnServer();
  try {
    await initialize(s, root);
    await until(() => s.logs.some((l) => l.startsWith('Index ready')), 'index ready after the kills');
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: seniorUri, languageId: 'markdown', version: 1, text } });
    const d = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: seniorUri } })) as { items: { code: string }[] };
    assert.ok(d.items.some((x) => x.code === 'include-not-found'));
  } finally {
    await stopServer(s);
  }
});
