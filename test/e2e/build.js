// Compiles the end-to-end runner and suite into out/test/e2e (one .js per .ts, CommonJS).
// The suite files are not bundled: VS Code's extension host loads index.js, which hands the
// *.test.js files to mocha; `vscode` and `mocha` resolve at run time.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const here = __dirname;
const repoRoot = path.resolve(here, '..', '..');
const outdir = path.join(repoRoot, 'out', 'test', 'e2e');

const entryPoints = [
  ...['runTest.ts', 'unzip.ts'].map((f) => path.join(here, f)),
  ...fs.readdirSync(path.join(here, 'suite')).filter((f) => f.endsWith('.ts')).map((f) => path.join(here, 'suite', f)),
];

fs.rmSync(outdir, { recursive: true, force: true });
esbuild
  .build({
    entryPoints,
    outbase: here,
    outdir,
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  })
  .then(() =>
    // The web run's test module (test/e2e/web/suite.ts): one CommonJS file for the web worker extension
    // host, mocha's browser build inside; the same check as the web bundles that no Node built-in is in.
    esbuild.build({
      entryPoints: [path.join(here, 'web', 'suite.ts')],
      outfile: path.join(outdir, 'web', 'suite.js'),
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'warning',
    }),
  )
  .catch(() => process.exit(1));
