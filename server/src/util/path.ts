// The engine's path functions. The engine runs in Node (the server, the checker) and in a web worker
// (VS Code for the web), where Node's `path` does not exist: it imports this module, never `node:path`.
// In the browser bundle this is path-browserify (Node's POSIX path module, ported); the Node bundles
// alias path-browserify to Node's own `path` (esbuild.js), so desktop behaviour, Windows paths
// included, is unchanged.
import * as pathImpl from 'path-browserify';

export const { join, dirname, basename, extname, relative, resolve, isAbsolute, normalize, sep, posix } = pathImpl;
