// The web worker has no Node built-ins: the web build of the server (the whole engine) bundles without
// one, and the build fails, naming the module, when anything pulls one in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { web } = require(path.join(REPO, 'esbuild.js')) as { web: esbuild.BuildOptions };

test('the web worker server and the web client bundle without a Node built-in', async () => {
  for (const entry of ['server/src/browserMain.ts', 'client/src/browser.ts']) {
    const r = await esbuild.build({ ...web, entryPoints: [path.join(REPO, entry)], write: false, logLevel: 'silent', external: ['vscode'], format: 'cjs' });
    assert.deepEqual(r.errors, [], entry);
  }
});

test('the web build fails on a Node built-in, naming it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-webbuild-'));
  try {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(entry, "import * as fs from 'node:fs';\nimport * as os from 'os';\nexport const x = [fs, os];\n");
    await assert.rejects(
      esbuild.build({ ...web, entryPoints: [entry], write: false, logLevel: 'silent' }),
      (err: Error) => /Node built-in "node:fs"/.test(err.message) && /Node built-in "os"/.test(err.message),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
