// The shipped web worker server (dist/web/server.js) fed by the web client's reader over a file system
// that adds a delay to every read: the open page's set-up and dependencies are read before the rest of
// the site, no diagnostic it shows while files arrive is one the site does not have, the last ones are
// the desktop index's, and no more than 8 reads are ever in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { diagnose } from '../../server/src/features/diagnostics';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { NodeFileSystem } from '../../server/src/util/nodeFileSystem';
import { LineMap } from '../../server/src/util/positions';
import { WebServer, type PublishedDiagnostics } from '../support/webServer';

const SITE = path.resolve(__dirname, '../fixtures/protocol-site');
const SEED = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const uri = (rel: string): string => URI.file(path.join(SITE, rel)).toString();

const keysOf = (d: PublishedDiagnostics['diagnostics']): string[] =>
  d.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.message}`).sort();

async function desktop(rel: string): Promise<string[]> {
  const index = new WorkspaceIndex(new NodeFileSystem(), DEFAULT_OPTIONS);
  index.setFolders([SITE]);
  await index.ensureIndexed();
  const file = path.join(SITE, rel);
  const map = new LineMap(index.textOf(file)!);
  return diagnose(index, file)
    .map((p) => {
      const s = map.positionAt(p.start);
      const e = map.positionAt(p.end);
      return `${p.code}@${s.line}:${s.character}-${e.line}:${e.character} ${p.message}`;
    })
    .sort();
}

test('web worker: the seed page\'s set-up and dependencies are read first, its diagnostics never claim early what the site does not have, and end as the desktop\'s', async () => {
  const server = new WebServer({ site: SITE, open: SEED, delayMs: 10 });
  try {
    await server.start();
    await server.whenIndexed();
    await server.feed.whenIdle();
    const expected = await desktop(SEED);
    // The last diagnostics pushed equal the desktop index's, and every earlier push is part of them.
    await waitUntil(() => server.published.length > 0 && JSON.stringify(keysOf(server.published.at(-1)!.diagnostics)) === JSON.stringify(expected));
    for (const p of server.published) {
      for (const k of keysOf(p.diagnostics)) assert.ok(expected.includes(k), `pushed at ${p.at.toFixed(0)} ms, not in the site's diagnostics: ${k}`);
    }
    // What the server asked for before the rest: the site's config, the page's include files, the team
    // page its responsibility table takes its terms from.
    for (const rel of [
      'config/_default/config.yaml',
      'assets/includes/engineering-careers/senior-leadership-competency.md',
      'assets/includes/engineering-careers/senior-technical-competency.md',
      'content/handbook/engineering/infrastructure/engineering-productivity/_index.md',
    ]) {
      assert.ok(server.wantedFirst.includes(uri(rel)), `${rel} was not asked for first; asked: ${server.wantedFirst.join(' ')}`);
    }
    // The read log: what was asked for first is what was read first.
    const first = new Set(server.wantedFirst);
    assert.deepEqual(new Set(server.slow.log.slice(0, first.size)), first, `read order: ${server.slow.log.join(' ')}`);
    assert.ok(server.slow.log.length > first.size, 'the rest of the site was never read');
    assert.ok(server.slow.peakInFlight <= 8, `${server.slow.peakInFlight} reads in flight`);
    assert.equal(new Set(server.slow.log).size, server.slow.log.length, 'a file was read twice');
  } finally {
    await server.stop();
  }
});

async function waitUntil(probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
