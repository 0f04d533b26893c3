// What the server holds while an author types: its live heap (after a full collection, the server run
// under --expose-gc and asked for its stats (StatsRequest) with { collect: true }) must not grow with the number of
// edits. Typing into headings of a large page makes a new heading text each time: a memo keyed by the
// text once kept every version of the page alive through it (V8 substrings share their parent).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { exitWhenDone, initialize, spawnServer, stopServer, until, type RawServer } from '../support/rawServer';
import { StatsRequest, type Stats } from '../../server/src/protocol';

exitWhenDone();

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const PAGE = 'content/handbook/large-page.md';
let root: string;
let server: RawServer;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-memory-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  server = spawnServer({ nodeArgs: ['--expose-gc'] });
  await initialize(server, root);
  await until(() => server.logs.some((l) => l.startsWith('Indexed ')), 'index complete');
});

after(async () => {
  await stopServer(server);
  fs.rmSync(root, { recursive: true, force: true });
});

test('typing into the headings of a 150 KB page: the live heap does not grow with the edits', { timeout: 120_000 }, async (t) => {
  const sections = Array.from({ length: 600 }, (_, i) => `## Section ${i} about the handbook\n\n${'Some prose about the process, with a [link](/handbook/) in it. '.repeat(4)}\n`);
  const text = `---\ntitle: Large page\n---\n\n${sections.join('\n')}`;
  const uri = URI.file(path.join(root, PAGE)).toString();
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const pull = () => server.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const live = async () => {
    const s = (await server.conn.sendRequest(StatsRequest, { collect: true })) as Stats & { memory: NodeJS.MemoryUsage };
    assert.equal(s.collected, true, 'the server runs a full collection when asked and able to');
    return s.memory.heapUsed / 2 ** 20;
  };
  await pull();
  const headingLines = text.split('\n').flatMap((l, i) => (l.startsWith('## ') ? [i] : []));
  let version = 1;
  const type = async (edits: number) => {
    for (let k = 0; k < edits; k++) {
      // A character typed at the end of a heading: every edit makes a heading text never seen before.
      const line = headingLines[k % headingLines.length]!;
      const character = text.split('\n')[line]!.length;
      server.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
      });
      // A pull after each edit, as VS Code pulls: edits sent without one would be taken in together
      // (the server parses the newest text once), and far fewer heading texts would be made.
      await pull();
    }
    await pull();
  };
  await type(100);
  const warm = await live();
  await type(600);
  const end = await live();
  t.diagnostic(`live heap ${warm.toFixed(1)} MB after 100 edits, ${end.toFixed(1)} MB after 700`);
  // 600 versions of the page are 90 MB; what one version's parse holds is far below 10 MB.
  assert.ok(end - warm < 10, `the live heap grew from ${warm.toFixed(1)} to ${end.toFixed(1)} MB over 600 edits`);
});

test('a closed page costs the index its facts, not its text: 4 MB of pages add far less than 4 MB to the live heap', { timeout: 120_000 }, async () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-memory-closed-'));
  fs.cpSync(FIXTURE, site, { recursive: true });
  const liveHeapOf = async (dir: string): Promise<number> => {
    const s = spawnServer({ nodeArgs: ['--expose-gc'] });
    try {
      await initialize(s, dir);
      await until(() => s.logs.some((l) => l.startsWith('Indexed ')), 'index complete');
      const stats = (await s.conn.sendRequest(StatsRequest, { collect: true })) as Stats & { memory: NodeJS.MemoryUsage };
      return stats.memory.heapUsed / 2 ** 20;
    } finally {
      await stopServer(s);
    }
  };
  try {
    const without = await liveHeapOf(site);
    // 40 pages of 100 KB, each with a title, headings and links the index keeps.
    for (let i = 0; i < 40; i++) {
      const body = Array.from({ length: 100 }, (_, k) => `## Heading ${k} of page ${i}\n\nSee [the handbook](/handbook/). ${'Prose about how the team works, and more words. '.repeat(20)}\n`).join('\n');
      fs.writeFileSync(path.join(site, 'content', `big-${i}.md`), `---\ntitle: Big page ${i}\n---\n\n${body}`);
    }
    const withPages = await liveHeapOf(site);
    // Their facts (4,000 headings with ids, 4,000 links, the link graph's keys) are about 2 MB; kept
    // text would add the whole 4 MB on top (the bug this guards against added 5.5 MB).
    assert.ok(withPages - without < 3, `40 closed pages of 100 KB took the live heap from ${without.toFixed(1)} to ${withPages.toFixed(1)} MB`);
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
});
