// The language server under an editor's load, over stdio, on the real handbook:
//   - initialize -> "Index ready in N ms" (window/logMessage), and RSS then;
//   - hover, completion, definition and code actions at 500 seeded random positions in real pages;
//   - didChange -> pulled diagnostics on the largest page;
//   - an edit to the most included include file -> pushed diagnostics of every open dependent page;
//   - RSS after 5,000 edits.
// Memory: the child's VmRSS from /proc/<pid>/status, and the V8 heap in use from the server's
// handbook/stats request where it has one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { BenchClient } from './lib/lspClient.mjs';
import { percentile, procStatus, rng } from './lib/measure.mjs';
import { siteFiles } from './lib/corpus.mjs';

const INCLUDE_CALL = /\{\{[<%]\s*include\s+"([^"]+)"/g;

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
function positionAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}
const rssMB = (pid) => {
  const s = procStatus(pid);
  return s ? { rss: s.rssKB / 1024, hwm: s.hwmKB / 1024 } : { rss: undefined, hwm: undefined };
};
const time = async (f) => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};
/** Heap used (MB) from the server's handbook/stats request; undefined when the server has none. */
const heapMB = async (client, collect = false) => {
  try {
    const r = await client.request('handbook/stats', { collect });
    if (collect && !r?.collected) return undefined;
    return r?.memory?.heapUsed !== undefined ? r.memory.heapUsed / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
};
const stats = (xs) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), max: percentile(xs, 100) });

/** Offsets worth asking about: inside link destinations, shortcode calls and headings. */
function interestingOffsets(text) {
  const out = [];
  const re = /\]\(([^)\s]+)|\{\{[<%][^}]*[%>]\}\}|^#{1,6} .+$/gm;
  let m;
  while ((m = re.exec(text)) !== null) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * @param {{ site: string, serverJs: string, startups?: number, positions?: number, typingEdits?: number,
 *   soakEdits?: number, soakBudgetMs?: number, includeEdits?: number, seed?: number, nodeArgs?: string[],
 *   log?: (s: string) => void }} o
 */
export async function benchServer(o) {
  const log = o.log ?? (() => {});
  const seed = o.seed ?? 20251209;
  const random = rng(seed);
  const { pages } = siteFiles(o.site);
  const result = { startup: [], seed };

  // 1. Start-up: initialize -> "Index ready", several fresh servers; the last one carries on.
  const startups = o.startups ?? 5;
  let client;
  for (let i = 0; i < startups; i++) {
    // --expose-gc changes nothing unless called: the soak calls it twice, to measure what is live.
    client = new BenchClient(o.serverJs, o.site, { pull: true, nodeArgs: ['--expose-gc', ...(o.nodeArgs ?? [])] });
    const ready = await client.initialize();
    const cpuMs = procStatus(client.pid)?.cpuMs;
    // Memory once the whole index is in (a two-pass server completes it after "Index ready").
    const complete = await client.complete();
    const mem = rssMB(client.pid);
    const completeCpuMs = procStatus(client.pid)?.cpuMs;
    result.startup.push({ ...ready, completeMs: complete.clientMs, rssMB: mem.rss, hwmMB: mem.hwm, cpuMs, completeCpuMs, heapMB: await heapMB(client) });
    log(`  server start ${i + 1}/${startups}: ready after ${ready.clientMs.toFixed(0)} ms (server says ${ready.serverMs} ms), complete after ${complete.clientMs.toFixed(0)} ms, RSS ${mem.rss?.toFixed(0)} MB`);
    if (i < startups - 1) await client.stop();
  }

  // 2. Requests at seeded random positions: half anywhere in the page, half inside a link, shortcode or heading.
  const positions = o.positions ?? 500;
  const perPage = 5;
  const chosen = new Set();
  while (chosen.size < Math.ceil(positions / perPage) && chosen.size < pages.length) chosen.add(pages[Math.floor(random() * pages.length)]);
  const lat = { open: [], hover: [], completion: [], definition: [], codeAction: [] };
  const nonEmpty = { hover: 0, completion: 0, definition: 0, codeAction: 0 };
  let asked = 0;
  for (const file of chosen) {
    const text = fs.readFileSync(file, 'utf8');
    const starts = lineStarts(text);
    const uri = client.open(file, text);
    const [openMs, report] = await time(() => client.request('textDocument/diagnostic', { textDocument: { uri } }));
    lat.open.push(openMs);
    const diagnostics = report?.items ?? [];
    const spots = interestingOffsets(text);
    for (let k = 0; k < perPage && asked < positions; k++, asked++) {
      let offset;
      if (k % 2 === 1 && spots.length) {
        const [a, b] = spots[Math.floor(random() * spots.length)];
        offset = a + Math.floor(random() * (b - a + 1));
      } else offset = Math.floor(random() * (text.length + 1));
      const position = positionAt(starts, Math.min(offset, text.length));
      const td = { textDocument: { uri }, position };
      let [ms, r] = await time(() => client.request('textDocument/hover', td));
      lat.hover.push(ms);
      if (r) nonEmpty.hover++;
      [ms, r] = await time(() => client.request('textDocument/completion', { ...td, context: { triggerKind: 1 } }));
      lat.completion.push(ms);
      if (r && (Array.isArray(r) ? r.length : r.items?.length)) nonEmpty.completion++;
      [ms, r] = await time(() => client.request('textDocument/definition', td));
      lat.definition.push(ms);
      if (r && (!Array.isArray(r) || r.length)) nonEmpty.definition++;
      // As VS Code asks: the cursor's range, with the diagnostics on its line as context.
      const onLine = diagnostics.filter((d) => d.range.start.line <= position.line && d.range.end.line >= position.line);
      [ms, r] = await time(() =>
        client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: onLine, only: undefined } }),
      );
      lat.codeAction.push(ms);
      if (r?.length) nonEmpty.codeAction++;
    }
  }
  result.requests = Object.fromEntries(Object.entries(lat).map(([k, v]) => [k, stats(v)]));
  result.requests.pagesOpened = chosen.size;
  result.requests.nonEmpty = nonEmpty;
  result.afterRequests = rssMB(client.pid);
  log(`  ${asked} positions in ${chosen.size} pages: hover p95 ${result.requests.hover.p95.toFixed(1)} ms, completion p95 ${result.requests.completion.p95.toFixed(1)} ms`);

  // 3. Typing in the largest page: insert a character, pull its diagnostics, time the round trip.
  const largest = pages.map((f) => [f, fs.statSync(f).size]).sort((a, b) => b[1] - a[1])[0][0];
  let text = fs.readFileSync(largest, 'utf8');
  const largeUri = client.open(largest, text);
  await client.request('textDocument/diagnostic', { textDocument: { uri: largeUri } });
  const typingEdits = o.typingEdits ?? 200;
  const editMs = [];
  let starts = lineStarts(text);
  // Types "x" at a random offset, then deletes it on the next edit, so the page stays the real page.
  let pending;
  const edit = () => {
    if (pending) {
      const p = pending;
      pending = undefined;
      client.change(largeUri, { start: p, end: { line: p.line, character: p.character + 1 } }, '');
    } else {
      const offset = Math.floor(random() * text.length);
      const p = positionAt(starts, offset);
      pending = p;
      client.change(largeUri, { start: p, end: p }, 'x');
    }
  };
  for (let i = 0; i < typingEdits; i++) {
    const [ms] = await time(() => {
      edit();
      return client.request('textDocument/diagnostic', { textDocument: { uri: largeUri } });
    });
    editMs.push(ms);
  }
  result.typing = { file: path.relative(o.site, largest), bytes: Buffer.byteLength(text), ...stats(editMs) };
  log(`  didChange -> diagnostics on ${result.typing.file}: p95 ${result.typing.p95.toFixed(1)} ms`);

  // 3b. The same page typed at a steady 30 keys a second, pulled as VS Code's client pulls (its
  // diagnosticPullOptions.onChange): a change cancels the pull in flight, and one pull for the newest
  // text follows when it ends. For each keystroke, the time until an answer that includes it.
  const pacedKeys = o.pacedKeys ?? 300;
  if (pacedKeys > 0) {
    const sentAt = [];
    const pacedMs = [];
    let covered = 0;
    let inflight;
    let again = false;
    const pull = () => {
      const upTo = sentAt.length;
      const source = new CancellationTokenSource();
      inflight = source;
      client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: largeUri } }, source.token).then(
        () => {
          const now = performance.now();
          for (; covered < upTo; covered++) pacedMs.push(now - sentAt[covered]);
        },
        () => undefined, // cancelled
      ).finally(() => {
        inflight = undefined;
        if (again) {
          again = false;
          pull();
        }
        client.wake();
      });
    };
    const start = performance.now();
    for (let i = 0; i < pacedKeys; i++) {
      edit();
      sentAt.push(performance.now());
      if (inflight) {
        inflight.cancel();
        again = true;
      } else pull();
      const next = start + ((i + 1) * 1000) / 30;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    await client.waitFor(() => covered === sentAt.length, 'answers for every paced keystroke', 60_000);
    result.typingPaced = { keysPerSecond: 30, keys: pacedKeys, ...stats(pacedMs) };
    log(`  typing at 30 keys/s, keystroke -> an answer with it: median ${result.typingPaced.p50?.toFixed(1)} ms, p95 ${result.typingPaced.p95?.toFixed(1)} ms`);
  }

  // 4. Soak: 5,000 more edits, pulling the page's diagnostics after each (as VS Code pulls: edits sent
  // without a pull between them would be taken in together, the newest text parsed once), RSS every 500.
  const soakEdits = o.soakEdits ?? 5000;
  const pullEvery = o.soakPullEvery ?? 1;
  const budget = o.soakBudgetMs ?? 300_000;
  const before = rssMB(client.pid);
  const heapBefore = await heapMB(client);
  // What is live, after a full collection (the server runs under --expose-gc for it): taken after the
  // RSS sample above, and again at the end, so it does not change what RSS shows on the way.
  const liveBefore = await heapMB(client, true);
  const series = [{ edits: 0, rss: before.rss, heap: heapBefore }];
  const soakStart = performance.now();
  let done = 0;
  for (; done < soakEdits; done++) {
    edit();
    if ((done + 1) % pullEvery === 0) await client.request('textDocument/diagnostic', { textDocument: { uri: largeUri } });
    if ((done + 1) % 500 === 0) {
      series.push({ edits: done + 1, rss: rssMB(client.pid).rss, heap: await heapMB(client) });
      if (performance.now() - soakStart > budget) {
        done++;
        break;
      }
    }
  }
  const after = rssMB(client.pid);
  const heapAfter = await heapMB(client);
  const liveAfter = await heapMB(client, true);
  result.soak = { pullEvery, edits: done, ms: performance.now() - soakStart, before: before.rss, after: after.rss, hwm: after.hwm, heapBefore, heapAfter, liveBefore, liveAfter, series };
  log(`  ${done} edits in ${(result.soak.ms / 1000).toFixed(0)} s: RSS ${before.rss?.toFixed(0)} -> ${after.rss?.toFixed(0)} MB`);
  await client.stop();

  // 5. Push mode: edit the most included include file with its dependent pages open.
  const counts = new Map();
  for (const f of pages) {
    const t = fs.readFileSync(f, 'utf8');
    const seen = new Set();
    for (const m of t.matchAll(INCLUDE_CALL)) seen.add(m[1].replace(/^\//, ''));
    for (const target of seen) counts.set(target, [...(counts.get(target) ?? []), f]);
  }
  const [target, dependents] = [...counts].sort((a, b) => b[1].length - a[1].length)[0];
  const includeFile = path.join(o.site, 'assets', target);
  const push = new BenchClient(o.serverJs, o.site, { pull: false, nodeArgs: o.nodeArgs });
  await push.initialize();
  const openDeps = dependents.slice(0, 40).map((f) => push.open(f, fs.readFileSync(f, 'utf8')));
  await push.waitFor(() => openDeps.every((u) => push.pushCount.get(u)), 'first diagnostics of every dependent', 60_000);
  let incText = fs.readFileSync(includeFile, 'utf8');
  const incUri = push.open(includeFile, incText);
  await push.waitFor(() => push.pushCount.get(incUri), 'diagnostics of the include file', 30_000);
  const includeMs = [];
  let timeouts = 0;
  const includeEdits = o.includeEdits ?? 30;
  for (let i = 0; i < includeEdits; i++) {
    const before = new Map(openDeps.map((u) => [u, push.pushCount.get(u) ?? 0]));
    // Alternately add and remove a line at the end of the include file.
    const lines = incText.split('\n');
    const endPos = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const t = performance.now();
    if (i % 2 === 0) {
      push.change(incUri, { start: endPos, end: endPos }, '\nbench edit');
      incText += '\nbench edit';
    } else {
      const start = { line: lines.length - 2, character: lines[lines.length - 2].length };
      push.change(incUri, { start, end: endPos }, '');
      incText = incText.slice(0, incText.length - '\nbench edit'.length);
    }
    try {
      await push.waitFor(() => openDeps.every((u) => (push.pushCount.get(u) ?? 0) > before.get(u)), 'every dependent refreshed', 10_000);
      includeMs.push(performance.now() - t);
    } catch {
      timeouts++;
    }
  }
  result.includeEdit = { file: path.relative(o.site, includeFile), dependents: dependents.length, open: openDeps.length, timeouts, ...stats(includeMs) };
  log(`  edit of ${result.includeEdit.file} -> ${openDeps.length} dependents refreshed: p95 ${result.includeEdit.p95?.toFixed(1)} ms (${timeouts} timeouts)`);
  await push.stop();
  return result;
}
