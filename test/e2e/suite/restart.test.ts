// When the language server dies, the client restarts it (vscode-languageclient's default, up to 4
// times in 3 minutes) and says so in a warning; the features come back.
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { openSeedPage, positionOf, report, seeInWorkbench, seeNotification, waitFor } from './helpers';

/** The language servers this extension host started (`dist/server.js --node-ipc --clientProcessId=<us>`). */
function serverPids(): number[] {
  const ps = cp.execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((line) => /dist[\\/]server\.js/.test(line) && line.includes(`--clientProcessId=${process.pid}`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('server crash', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = (await openSeedPage()).document;
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('restarts the killed server with a visible warning, and hovers work again', async () => {
    const [pid, ...others] = await waitFor('the language server process', () => serverPids().length > 0 && serverPids());
    assert.deepEqual(others, [], 'more than one language server runs for this window');
    process.kill(pid!, 'SIGKILL');
    const [restarted] = await waitFor('a new language server process', () => serverPids().some((p) => p !== pid) && serverPids());
    report(`  server ${pid} killed, ${restarted} started`);
    await seeNotification('The Hugo Handbook language server stopped unexpectedly and was restarted.', 'server-restarted');

    const position = positionOf(doc, 'includes/engineering-careers/senior-technical-competency.md', 10);
    await waitFor('a hover from the restarted server', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      return hovers.flatMap((h) => h.contents).some((c) => (typeof c === 'string' ? c : c.value).includes('Writes maintainable'));
    });
    await seeInWorkbench('the status bar item after the restart', { selector: '.statusbar-item', text: 'Handbook: e2e-site' });
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
