// Entry point of the index worker threads (dist/indexWorker.js), started by the server and the checker
// on large sites. Each builds the same site model from the folders and options it is given, reads and
// computes the facts of the files it is sent, and answers with them; the checker's workers then take
// in the other workers' facts and report on their own files. Nothing here writes anywhere.
import { parentPort, workerData } from 'node:worker_threads';
import { reportFile } from './features/report';
import { WorkspaceIndex, type FactsJob } from './index/workspace';
import { NodeFileSystem } from './util/fileSystem';
import type { WorkerReply, WorkerRequest } from './util/workerPool';

const port = parentPort;
if (port) {
  const { folders, options } = workerData as Pick<FactsJob, 'folders' | 'options'>;
  const warnings: string[] = [];
  const logger = { info: () => {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  const index = new WorkspaceIndex(new NodeFileSystem(), options, logger);
  index.setFolders(folders);
  const reply = (r: WorkerReply): void => port.postMessage(r);
  port.on('message', (m: WorkerRequest) => {
    try {
      switch (m.type) {
        case 'facts': {
          const results = index.computeDiskFacts(m.files, m.keep);
          reply({ type: 'facts', id: m.id, results, warnings: warnings.splice(0) });
          break;
        }
        case 'import':
          index.importFacts(m.batch, m.complete);
          break;
        case 'report': {
          const reports = index.batch(() => m.files.map((f) => reportFile(index, f, m.root)));
          reply({ type: 'report', id: m.id, reports, warnings: warnings.splice(0) });
          break;
        }
      }
    } catch (err) {
      reply({ type: 'error', id: m.type === 'import' ? -1 : m.id, message: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  });
}
