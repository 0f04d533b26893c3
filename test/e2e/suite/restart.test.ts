// When the language server dies, the client restarts it (vscode-languageclient's default, up to 4
// times in 3 minutes) and says so in a warning; the features come back.
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { openSeedPage, positionOf, report, revert, seeInWorkbench, seeNotification, waitFor } from './helpers';

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
  after(async () => {
    await revert(doc);
  });

  it('restarts the killed server with a visible warning, and hovers work again', async () => {
    const [pid, ...others] = await waitFor('the language server process', () => serverPids().length > 0 && serverPids());
    assert.deepEqual(others, [], 'more than one language server runs for this window');
    process.kill(pid!, 'SIGKILL');
    // Requests right after the kill write to the dead server's pipe (EPIPE): the client must restart
    // it all the same, and not report the write error as well.
    const position = positionOf(doc, 'includes/engineering-careers/senior-technical-competency.md', 10);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    for (let i = 0; i < 5; i++) {
      void vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), ' '));
    }
    const [restarted] = await waitFor('a new language server process', () => serverPids().some((p) => p !== pid) && serverPids());
    report(`  server ${pid} killed, ${restarted} started`);
    await seeNotification('The Hugo Handbook language server stopped unexpectedly and was restarted.', 'server-restarted');
    await vscode.commands.executeCommand('notifications.showList');
    await seeInWorkbench('no "connection to server is erroring" error', { selector: '.notifications-center .monaco-list-row', text: 'connection to server is erroring', absent: true });
    await vscode.commands.executeCommand('notifications.hideList');

    await waitFor('a hover from the restarted server', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      return hovers.flatMap((h) => h.contents).some((c) => (typeof c === 'string' ? c : c.value).includes('Writes maintainable'));
    });
    await seeInWorkbench('the status bar item after the restart', { selector: '.statusbar-item', text: 'Handbook: e2e-site' });
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
