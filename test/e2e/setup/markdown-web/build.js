// VS Code's built-in Markdown extension (markdown-language-features) for the browser's web worker
// extension host, made from the workbench's own copy of it.
//
// The workbench from npm code-server ships that extension with its Node bundle only (dist/extension.js;
// its manifest's `browser` entry, dist/browser/extension.js, is not in the package), so in the web
// worker host there is no Markdown preview engine and no `markdown.api.render`. This script bundles the
// shipped Node build again for the browser: the same compiled code of the same VS Code version (its
// markdown-it, its plugin loading from other extensions' `markdown.markdownItPlugins`, its commands),
// with the few Node built-ins it names replaced by browser stand-ins (shims.js).
//
// Its language server (links, folding, symbols, file references) is the npm package
// vscode-markdown-languageserver, whose Node build the workbench ships as dist/serverWorkerMain.js;
// that package's browser build of the same version (installed by scripts/e2e-setup.sh into
// .e2e/markdown-web) is bundled in as text and started as a Web Worker, where the Node build would
// fork a process: shims.js's `fork` hands the client a process-like object that talks to the worker.
// The build refuses to run when the shipped server is not that package version's Node build.
//
//   node build.js <workbench lib/vscode folder> <folder with node_modules/vscode-markdown-languageserver>
//
// It writes the extension's missing browser entry, extensions/markdown-language-features/dist/browser/
// extension.js, in that folder: the web workbench serves its built-in extensions to the web worker from
// there (a copy loaded as a development extension is not used in place of a built-in one). Nothing else
// changes: in the Node extension host the extension runs its `main` as before, and it runs in the web
// worker only where a workspace asks (`remote.extensionKind`), as the web end-to-end run's does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const [vscodeDir, serverDir] = process.argv.slice(2);
if (!vscodeDir || !serverDir) {
  console.error('usage: node build.js <lib/vscode folder> <folder with node_modules/vscode-markdown-languageserver>');
  process.exit(2);
}
const source = path.join(vscodeDir, 'extensions', 'markdown-language-features');
const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
if (manifest.browser !== './dist/browser/extension') throw new Error(`unexpected browser entry ${manifest.browser}`);
const serverPackage = path.join(serverDir, 'node_modules', 'vscode-markdown-languageserver');
const serverVersion = JSON.parse(fs.readFileSync(path.join(serverPackage, 'package.json'), 'utf8')).version;
if (!fs.readFileSync(path.join(source, 'dist', 'serverWorkerMain.js')).equals(fs.readFileSync(path.join(serverPackage, 'dist', 'node', 'workerMain.js')))) {
  throw new Error(`the workbench's Markdown language server is not vscode-markdown-languageserver ${serverVersion}: update test/e2e/setup/markdown-web/package.json`);
}
const serverSource = fs.readFileSync(path.join(serverPackage, 'dist', 'browser', 'workerMain.js'), 'utf8');

const shims = path.join(__dirname, 'shims.js');
const nodeModules = path.resolve(__dirname, '..', '..', '..', '..', 'node_modules');
esbuild.buildSync({
  entryPoints: [path.join(source, 'dist', 'extension.js')],
  outfile: path.join(source, 'dist', 'browser', 'extension.js'),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  external: ['vscode'],
  inject: [path.join(__dirname, 'globals.js')],
  define: { MARKDOWN_SERVER_WORKER_SOURCE: JSON.stringify(serverSource) },
  alias: {
    path: require.resolve('path-browserify', { paths: [nodeModules] }),
    buffer: require.resolve('buffer/', { paths: [nodeModules] }),
    process: shims,
    os: shims,
    child_process: shims,
    util: shims,
    net: shims,
    https: shims,
    fs: shims,
    crypto: shims,
  },
  logLevel: 'warning',
});
console.log(`[e2e-setup] markdown-web: ${manifest.name} ${manifest.version} bundled for the web worker (language server: vscode-markdown-languageserver ${serverVersion}, browser build): ${path.join(source, 'dist', 'browser', 'extension.js')}`);
