// The import rules of the engine and the client, checked by `npm run check:imports` (part of the build
// and type check suite). Data flows one way, so imports do too:
//
//   protocol/             the wire: the handbook's own requests and notifications, declared once for
//                         client, servers and tests: imports nothing of the engine
//   util/                 file systems, paths, positions, strings: imports nothing of the engine
//   parse/                pure parsers on offsets: util/
//   site/                 the Hugo site model (root, config, mounts, URLs, includes, glossaries): util/
//   shortcodes/           the shortcode catalogue, template discovery and call checks: util/, parse/, site/
//   index/                the workspace index and its graphs: the layers above, never features/
//   features/             one file per feature, on the index's read-only view: everything above
//   server/src/*.ts       front ends and what they share (server.ts, cli.ts, main.ts, browserMain.ts,
//                         settings.ts), and lsp/ (the LSP edge of server.ts): anything in server/src
//   client/src/           the VS Code client: never the server's front ends or its index
//
// No file takes part in an import cycle (type-only imports count: they tie the layers as tightly).
/** @type {import('dependency-cruiser').IConfiguration} */
const lower = {
  protocol: ['util', 'parse', 'site', 'shortcodes', 'index', 'features', 'lsp'],
  util: ['parse', 'site', 'shortcodes', 'index', 'features', 'lsp'],
  parse: ['site', 'shortcodes', 'index', 'features', 'lsp'],
  site: ['parse', 'shortcodes', 'index', 'features', 'lsp'],
  shortcodes: ['index', 'features', 'lsp'],
  index: ['features', 'lsp'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle ties its files into one: none is allowed, in the server or the client.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(lower).map(([layer, above]) => ({
      name: `${layer}-imports-up`,
      severity: 'error',
      comment: `server/src/${layer}/ sits below ${above.join(', ')} and the front ends: it may not import them.`,
      from: { path: `^server/src/${layer}/` },
      to: { path: [`^server/src/(${above.join('|')})/`, '^server/src/[^/]+\\.ts$', '^client/'] },
    })),
    {
      name: 'features-import-front-ends',
      severity: 'error',
      comment: 'Features are a library the front ends call: they may not import server/src/*.ts (server, checker, settings), the LSP edge or the client.',
      from: { path: '^server/src/features/' },
      to: { path: ['^server/src/[^/]+\\.ts$', '^server/src/lsp/', '^client/'] },
    },
    {
      name: 'client-imports-server-internals',
      severity: 'error',
      comment: 'The client shares types and pure code with the server, never its front ends or its index.',
      from: { path: '^client/src/' },
      to: { path: ['^server/src/(main|server|cli|browserMain)\\.ts$', '^server/src/(index|lsp)/'] },
    },
    {
      name: 'server-imports-client',
      severity: 'error',
      comment: 'The server runs without the client: nothing in server/src imports client/src.',
      from: { path: '^server/src/' },
      to: { path: '^client/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Only the engine's and the client's own files: packages and Node built-ins are not layers.
    includeOnly: '^(server|client)/src/',
  },
};
