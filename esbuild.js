// Builds the shipped bundles: the VS Code client, the language server and the checker for Node, and the
// client and the language server for VS Code for the web (dist/web/, a web worker: no Node built-ins).
// Usage: node esbuild.js [--watch] [--production]
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // remark/unified are ESM-only; esbuild turns them into CommonJS inside the bundle.
  mainFields: ['module', 'main'],
  // The engine's path module (server/src/util/path.ts) is Node's own in Node.
  alias: { 'path-browserify': 'path' },
};

/**
 * The browser bundles must not pull in a Node built-in (there is none in a web worker): the build
 * fails, naming the module and who imported it, instead of shipping a bundle that breaks at run time.
 */
const builtins = new Set(require('node:module').builtinModules);
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0];
      if (!args.path.startsWith('node:') && !builtins.has(args.path) && !builtins.has(bare)) return undefined;
      return { errors: [{ text: `the web build imports the Node built-in "${args.path}" (from ${args.importer}); the engine must not use Node built-ins` }] };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  mainFields: ['browser', 'module', 'main'],
  plugins: [noNodeBuiltins],
};

const builds = [
  { ...common, entryPoints: ['client/src/node.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // VS Code for the web: the extension host loads the client as CommonJS; the server runs in a web
  // worker started from a blob, which loads it as a classic script (iife).
  { ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/client.js', format: 'cjs', external: ['vscode'] },
  { ...web, entryPoints: ['server/src/browserMain.ts'], outfile: 'dist/web/server.js', format: 'iife' },
];

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

// The web build's options, for the test that holds the engine to them (test/unit/webBuild.test.ts).
module.exports = { web };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
