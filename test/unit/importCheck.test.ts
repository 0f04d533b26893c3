// The import check (`npm run check:imports`, run with the build in CI) holds the layers to one
// direction. Here it runs, with the project's own rules, on small trees that break them and on one
// that does not, so a rule that stops catching anything fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function check(files: Record<string, string>): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-check-'));
  try {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler', noEmit: true } }));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const r = spawnSync(process.execPath, [CLI, '--config', CONFIG, 'server/src', 'client/src'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CLIENT = { 'client/src/extension.ts': "import { parse } from '../../server/src/parse/a';\nexport const x = parse;\n" };

test('the import check passes a tree whose imports run down the layers', { timeout: 120_000 }, () => {
  const r = check({
    ...CLIENT,
    'server/src/parse/a.ts': "import { id } from '../util/b';\nexport const parse = id;\n",
    'server/src/util/b.ts': 'export const id = (x: string) => x;\n',
    'server/src/index/c.ts': "import type { parse } from '../parse/a';\nexport type P = typeof parse;\n",
    'server/src/features/d.ts': "import type { P } from '../index/c';\nexport type Q = P;\n",
    'server/src/server.ts': "import type { Q } from './features/d';\nexport type R = Q;\n",
  });
  assert.equal(r.status, 0, r.out);
});

test('the import check fails on an import cycle, type-only imports included, and names it', { timeout: 120_000 }, () => {
  const r = check({
    ...CLIENT,
    'server/src/parse/a.ts': "import { id } from '../util/b';\nexport const parse = id;\n",
    'server/src/util/b.ts': "import type { Other } from './c';\nexport const id = (x: string) => x;\nexport type B = Other;\n",
    'server/src/util/c.ts': "import type { B } from './b';\nexport type Other = string | B;\n",
  });
  assert.notEqual(r.status, 0, r.out);
  assert.match(r.out, /no-cycle: server\/src\/util\/[bc]\.ts/);
});

test('the import check fails on an import up the layers: the index importing a feature', { timeout: 120_000 }, () => {
  const r = check({
    ...CLIENT,
    'server/src/parse/a.ts': 'export const parse = (x: string) => x;\n',
    'server/src/features/terms.ts': 'export interface TermBindingSetting { files: string }\n',
    'server/src/index/workspace.ts': "import type { TermBindingSetting } from '../features/terms';\nexport type Options = { termBindings: TermBindingSetting[] };\n",
  });
  assert.notEqual(r.status, 0, r.out);
  assert.match(r.out, /index-imports-up: server\/src\/index\/workspace\.ts → server\/src\/features\/terms\.ts/);
});
