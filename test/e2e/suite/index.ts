// The extension test module VS Code loads (--extensionTestsPath): runs every *.test.js beside it
// with mocha inside the extension host, and ends with the summary line "N passed, N failed".
// VS Code reports success when run() resolves and failure when it rejects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { report } from './helpers';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The spec reporter writes through Base.consoleLog; send it where report() writes.
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => report(format(...args));
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const { passes, failures, pending } = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    } catch (err) {
      reject(err);
    }
  });
  report(`${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
  if (failures > 0) throw new Error(`${failures} end-to-end test(s) failed`);
  if (passes === 0) throw new Error('no end-to-end test ran');
}
