// Runs the shipped web worker bundle (dist/web/server.js) in a Node worker thread, as the browser runs
// it in a Web Worker: the bundle talks through the worker global's postMessage and onmessage, which
// this maps to the thread's port. Used by test/support/webServer.ts.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

globalThis.self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: () => {},
  set onmessage(listener) {
    parentPort.on('message', (data) => listener({ data }));
  },
};
require(workerData.bundle);
