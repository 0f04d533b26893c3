// The extension's commands and status bar item, as a user meets them: the command palette entries,
// the status bar item that lists the detected sites, and "Handbook: Check Whole Site".
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, SEED_PAGE, codeOf, filesInTabs, openSeedPage, report, revert, screenshot, seeInWorkbench, seeNotification, siteUri, waitFor } from './helpers';

const COMMANDS = {
  'handbook.checkSite': 'Check Whole Site',
  'handbook.showOutput': 'Show Output',
  'handbook.restartServer': 'Restart Server',
  'handbook.showSites': 'Show Detected Sites',
};

describe('commands', () => {
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
    await openSeedPage();
  });
  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('contributes its four commands to the command palette, under "Handbook"', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; title: string; category?: string }[] } };
    const contributed = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
    assert.deepEqual(contributed, Object.fromEntries(Object.entries(COMMANDS).map(([id, title]) => [id, `Handbook: ${title}`])));
    const registered = await vscode.commands.getCommands(true);
    for (const id of Object.keys(COMMANDS)) assert.ok(registered.includes(id), `${id} is contributed but not registered`);
  });

  it('the status bar item opens the quick pick of detected sites', async function () {
    const item = { selector: '.statusbar-item', text: 'Handbook: e2e-site' };
    const underLauncher = await seeInWorkbench('the status bar item "Handbook: e2e-site"', item);
    if (!underLauncher) {
      // A desktop VS Code ($VSCODE_PATH): the API can neither see nor click the status bar, so nothing
      // here can be checked. A skip, counted in the summary line ("…, 1 skipped"), not a pass.
      report('  (no launcher: the status bar item cannot be seen or clicked through the API)');
      this.skip();
    }
    await seeInWorkbench('the quick pick of detected sites', { click: item, selector: '.quick-input-widget .monaco-list-row', text: 'pages' });
    await screenshot('sites-quick-pick', '.quick-input-widget .monaco-list-row', 'pages');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('"Check Whole Site" shows the diagnostics of files no editor has open, once', async () => {
    const closed = siteUri(...SEED_PAGE.slice(0, -1), 'intermediate.md');
    const seed = siteUri(...SEED_PAGE);
    assert.ok(!filesInTabs().includes(closed.toString()), 'intermediate.md is open in an editor');
    assert.ok(filesInTabs().includes(seed.toString()), 'the seed page is not open in an editor');
    const termUnknown = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(closed).filter((d) => codeOf(d) === 'term-unknown');
    const includeNotFound = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(seed).filter((d) => codeOf(d) === 'include-not-found');
    assert.deepEqual(termUnknown(), [], 'a closed file has diagnostics before the check');
    await waitFor('the pulled include-not-found on the open seed page', () => includeNotFound().length === 1);

    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('handbook.checkSite');
    const found = await waitFor('term-unknown on the closed page', () => termUnknown().length > 0 && termUnknown(), 10_000).catch(async (err: Error) => {
      // Say what the user was told instead.
      const failed = await seeNotification('Handbook: the whole-site check failed').catch(() => false);
      throw new Error(failed ? `${err.message}; the command showed "Handbook: the whole-site check failed: ..." (the whole-site check request failed)` : err.message);
    });
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /"Dogfod use" is not a term defined on Engineering Productivity/);
    assert.equal(found[0]!.source, 'handbook');
    // The open seed page keeps only its pulled diagnostics: no second copy from the whole-site check.
    assert.equal(includeNotFound().length, 1, 'the open page\'s diagnostic is shown twice');
    // The include's relative link to a Staff page that this small site lacks is the fifth warning, found from
    // the page that includes it (Hugo renders it there).
    await seeNotification('Handbook: 1 error, 5 warnings in 3 of 7 files.');

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems-whole-site', '.markers-panel .monaco-list-row', 'Dogfod use');

    // Again: the collection is replaced, not added to.
    await vscode.commands.executeCommand('handbook.checkSite');
    assert.equal(termUnknown().length, 1);
    assert.equal(includeNotFound().length, 1);

    // Opening the file hands it over to the pulled diagnostics, which follow the edits: a second typo
    // makes two term-unknown, not three (the whole-site copy is gone).
    const editor = await vscode.window.showTextDocument(closed, { preview: false });
    const at = editor.document.positionAt(editor.document.getText().indexOf('| Engineering support') + 2);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 'Engineering'.length)), 'Enginering')));
    // Had the whole-site copy stayed, "Dogfod use" would be there twice and this would never hold.
    const texts = (): string => termUnknown().map((d) => editor.document.getText(d.range)).join(' | ');
    await waitFor('exactly "Dogfod use | Enginering support" as term-unknown', () => texts() === 'Dogfod use | Enginering support').catch((err: Error) => {
      throw new Error(`${err.message}; got ${texts()}`);
    });
    await revert(editor.document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
