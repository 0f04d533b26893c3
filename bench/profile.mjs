#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof): the functions with the most self time and the most
// total (inclusive) time, with their file and line, so a slow row of the table can be traced to code.
//   node --cpu-prof --cpu-prof-dir="$PROF" dist/cli.js --format json SITE > /dev/null
//   node bench/profile.mjs "$PROF"/*.cpuprofile [--top=25]
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundle positions -> source files, through the bundle's .map when it has one next to it (npm run build
// writes them; a --production build has none and keeps minified names).
const maps = new Map();
function original(frame) {
  if (!frame.url.startsWith('file:')) return undefined;
  const js = fileURLToPath(frame.url);
  if (!maps.has(js)) {
    let map;
    try {
      if (fs.statSync(js + '.map').mtimeMs >= fs.statSync(js).mtimeMs - 5000) map = new SourceMap(JSON.parse(fs.readFileSync(js + '.map', 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(js, map);
  }
  const e = maps.get(js)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!e?.originalSource) return undefined;
  const src = e.originalSource.replace(/^.*?\/(node_modules|server|client)\//, '$1/');
  return `${src}:${e.originalLine + 1}`;
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
// --focus=NAME: also break the total time of functions named NAME down by the callees below them.
const focus = process.argv.find((a) => a.startsWith('--focus='))?.slice(8);
if (!files.length) {
  console.error('usage: node bench/profile.mjs FILE.cpuprofile [--top=N]');
  process.exit(2);
}

for (const file of files) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per sample: the deltas, attributed to the sampled node.
  const selfUs = new Map();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'}  ${original(f) ?? `${f.url ? path.basename(f.url) : ''}:${f.lineNumber + 1}`}`;
  };
  const self = new Map();
  const incl = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + us);
    }
  }
  const show = (title, m) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  console.log(`${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled`);
  show('self time', self);
  show('total time (inclusive)', incl);
  if (focus) {
    // Per direct callee of every node named `focus` (recursion folded): inclusive time.
    const inclNode = new Map();
    const sum = (id) => {
      if (inclNode.has(id)) return inclNode.get(id);
      const n = byId.get(id);
      let t = selfUs.get(id) ?? 0;
      for (const c of n.children ?? []) t += sum(c);
      inclNode.set(id, t);
      return t;
    };
    const callees = new Map();
    let focusUs = 0;
    let focusSelf = 0;
    for (const n of prof.nodes) {
      if (n.callFrame.functionName !== focus) continue;
      // Skip nested occurrences: count a frame only when no ancestor is also `focus`.
      let nested = false;
      for (let cur = parent.get(n.id); cur !== undefined; cur = parent.get(cur)) if (byId.get(cur).callFrame.functionName === focus) nested = true;
      if (nested) continue;
      focusUs += sum(n.id);
      focusSelf += selfUs.get(n.id) ?? 0;
      for (const c of n.children ?? []) callees.set(key(byId.get(c)), (callees.get(key(byId.get(c))) ?? 0) + sum(c));
    }
    callees.set('(self)', focusSelf);
    console.log(`\n${focus}: ${(focusUs / 1000).toFixed(0)} ms inclusive, by callee`);
    for (const [k, us] of [...callees].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${k}`);
    }
  }
}
