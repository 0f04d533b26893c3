#!/usr/bin/env node
// A longer fuzz campaign than CI's: the same property tests (parsers, engine, protocol edit sequences)
// with every case count multiplied, then the soak with more edits.
//   node scripts/fuzz-long.mjs                       scale 20 (about 200,000 cases), soak 200,000 edits
//   HANDBOOK_FUZZ_SCALE=100 node scripts/fuzz-long.mjs
//   HANDBOOK_FUZZ_SEED=123 node scripts/fuzz-long.mjs   replay a failure fast-check reported
//   HANDBOOK_SOAK_EDITS=0 node scripts/fuzz-long.mjs    skip the soak
// Builds first (the protocol tests run the shipped dist/server.js). Ends with "N passed, N failed".
import { spawn } from 'node:child_process';

const scale = process.env.HANDBOOK_FUZZ_SCALE ?? '20';
const soakEdits = process.env.HANDBOOK_SOAK_EDITS ?? '200000';
const env = { ...process.env, HANDBOOK_FUZZ_SCALE: scale, HANDBOOK_SOAK_EDITS: soakEdits };

const files = ['test/unit/fuzzParsers.test.ts', 'test/unit/fuzzEngine.test.ts', 'test/protocol/robustnessFuzz.test.ts'];
if (soakEdits !== '0') files.push('test/protocol/soak.test.ts');

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

console.log(`fuzz campaign: scale ${scale}, soak ${soakEdits} edits${process.env.HANDBOOK_FUZZ_SEED ? `, seed ${process.env.HANDBOOK_FUZZ_SEED}` : ''}`);
const build = await run('npm', ['run', '--silent', 'build']);
if (build.code !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const started = Date.now();
const { code, out } = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
const count = (re) => Number([...out.matchAll(re)].at(-1)?.[1] ?? 0);
const passed = count(/^ℹ pass (\d+)$/gm);
const failed = Math.max(count(/^ℹ fail (\d+)$/gm), code !== 0 ? 1 : 0);
console.log(`\nfuzz campaign done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
