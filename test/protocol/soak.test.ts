// A long session, compressed: 20,000 edits typed into real handbook pages (from ../shared/corpus) over
// the protocol, as incremental didChange events, with hovers, completions and pulled diagnostics in
// between. The server's heap (its StatsRequest answer) and RSS (/proc/<pid>/status) must come back to a bounded
// size — no per-keystroke growth — and its answers must stay right: the same hover all along, and once
// every page is typed back to its original text, the same diagnostics as at the start.
//   HANDBOOK_SOAK_EDITS=200000 for a longer run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { corpusFiles } from '../support/fuzz';
import { initialize, rssKb, spawnServer, stopServer, until, type RawServer, exitWhenDone } from '../support/rawServer';
import { StatsRequest, type Stats as ServerStats } from '../../server/src/protocol';

exitWhenDone();

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const EDITS = Number(process.env['HANDBOOK_SOAK_EDITS'] ?? '20000');
const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const CORPUS = [
  'content/handbook/engineering/careers/matrix/quality/software-engineer-in-test/senior.md',
  'content/handbook/company/culture/all-remote/remote-work-starter-guide.md',
  'content/handbook/sales/field-operations/customer-success-operations/gainsight/gainsight-user-management.md',
  'content/handbook/product-development/how-we-work/product-development-flow/feature-flag-lifecycle/_index.md',
  'data/misused_terms.yml',
  'data/support_glossary.yml',
];

let root: string;
let server: RawServer;

/** A Node server's stats: its memory is always there. */
type Stats = ServerStats & { memory: NodeJS.MemoryUsage };

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-soak-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  const corpus = corpusFiles(CORPUS);
  assert.equal(corpus.size, CORPUS.length, `the corpus must be beside the repository (../shared/corpus)`);
  for (const [rel, text] of corpus) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  server = spawnServer();
  await initialize(server, root);
  await until(() => server.logs.some((l) => l.startsWith('Index ready')), 'index ready');
});

after(async () => {
  await stopServer(server);
  fs.rmSync(root, { recursive: true, force: true });
});

/** Text a writer types: words, punctuation, Markdown and shortcode marks, an emoji now and then. */
const TYPED = ['the ', 'team ', 'GitLabber ', 'MR ', '**', '[', '](/handbook/', ')', '{{< ', 'alert ', '>}}', '\n', '- ', '# ', '|', '😀', 'é', '"', '#'];

test(`${EDITS} edits with hovers and completions: bounded memory, answers that stay right`, { timeout: Math.max(120_000, EDITS * 20) }, async (t) => {
  // The pages an author types in: the fixture's career page and three real ones (1, 9 and 15 KB).
  const pages = [SENIOR, ...CORPUS.filter((p) => p.endsWith('.md') && !p.includes('feature-flag'))];
  const docs = pages.map((rel) => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const uri = URI.file(path.join(root, rel)).toString();
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return { rel, uri, original: text, doc: TextDocument.create(uri, 'markdown', 1, text) };
  });
  const pull = async (uri: string) => ((await server.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
  const initial = await Promise.all(docs.map((d) => pull(d.uri)));
  const seniorText = docs[0]!.original;
  const includeLine = seniorText.split('\n').findIndex((l) => l.includes('senior-technical-competency.md'));
  const hoverSenior = async () => {
    const h = (await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: docs[0]!.uri }, position: { line: includeLine, character: 20 } })) as Hover | null;
    assert.match((h?.contents as MarkupContent | undefined)?.value ?? '', /Solves complex technical problems/, 'the include hover stays right');
  };
  await hoverSenior();

  let rng = 12345;
  const random = (n: number) => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng % n;
  };
  const stats = async () => (await server.conn.sendRequest(StatsRequest, undefined)) as Stats;
  const samples: { edits: number; heapMb: number; rssMb: number }[] = [];
  const sample = async (edits: number) => {
    const s = await stats();
    samples.push({ edits, heapMb: s.memory.heapUsed / 1e6, rssMb: rssKb(server.proc.pid!) / 1e3 });
  };

  // Typing: a burst of edits at a cursor in one page (a page grows, then is typed back), then another.
  const started = Date.now();
  let edits = 0;
  let burst = 0;
  while (edits < EDITS) {
    const page = docs[burst++ % docs.length]!;
    let cursor = random(page.doc.getText().length + 1);
    const inserted: number[] = [];
    for (let k = 0; k < 100 && edits < EDITS; k++, edits++) {
      let change;
      if (k < 60 || inserted.length === 0) {
        const s = TYPED[random(TYPED.length)]!;
        change = { range: { start: page.doc.positionAt(cursor), end: page.doc.positionAt(cursor) }, text: s };
        cursor += s.length;
        inserted.push(s.length);
      } else {
        // Backspace over what this burst typed, so the page returns to what it was.
        const n = inserted.pop()!;
        change = { range: { start: page.doc.positionAt(cursor - n), end: page.doc.positionAt(cursor) }, text: '' };
        cursor -= n;
      }
      page.doc = TextDocument.update(page.doc, [change], page.doc.version + 1);
      server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: page.uri, version: page.doc.version }, contentChanges: [change] });
      if (k % 25 === 24) {
        const position = page.doc.positionAt(cursor);
        await server.conn.sendRequest('textDocument/completion', { textDocument: { uri: page.uri }, position });
        await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: page.uri }, position });
      }
    }
    // Whatever is left of the burst is deleted in one go, as a select-and-delete.
    while (inserted.length) {
      const n = inserted.pop()!;
      const change = { range: { start: page.doc.positionAt(cursor - n), end: page.doc.positionAt(cursor) }, text: '' };
      cursor -= n;
      page.doc = TextDocument.update(page.doc, [change], page.doc.version + 1);
      server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: page.uri, version: page.doc.version }, contentChanges: [change] });
    }
    assert.equal(page.doc.getText(), page.original);
    if (burst % 10 === 0) {
      await pull(page.uri);
      await hoverSenior();
    }
    if (burst % 20 === 0) await sample(edits);
  }
  await sample(edits);
  const took = Date.now() - started;

  // Every page is back to its text: the same diagnostics as at the start, and the same hover.
  assert.deepEqual(await Promise.all(docs.map((d) => pull(d.uri))), initial);
  await hoverSenior();
  const warm = samples[Math.min(2, samples.length - 1)]!;
  const last = samples[samples.length - 1]!;
  const maxHeap = Math.max(...samples.map((s) => s.heapMb));
  t.diagnostic(`${edits} edits in ${(took / 1000).toFixed(1)} s; heap ${warm.heapMb.toFixed(0)} -> ${last.heapMb.toFixed(0)} MB (max ${maxHeap.toFixed(0)}), RSS ${warm.rssMb.toFixed(0)} -> ${last.rssMb.toFixed(0)} MB; ${server.refreshes()} diagnostic refreshes asked`);
  // Bounded: the heap comes back near where it was once warm, and RSS stays far from a leak's.
  assert.ok(last.heapMb < warm.heapMb + 40, `heap grew from ${warm.heapMb.toFixed(0)} to ${last.heapMb.toFixed(0)} MB`);
  assert.ok(maxHeap < 250, `heap peaked at ${maxHeap.toFixed(0)} MB`);
  assert.ok(last.rssMb < 400, `RSS ${last.rssMb.toFixed(0)} MB`);
  assert.equal(server.proc.exitCode, null);
});
