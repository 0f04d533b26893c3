// Moving a page keeps the links to it working: the server's workspace/willRenameFiles participant
// rewrites every link, in each link's own style, when the move goes through VS Code's refactoring
// path (the Explorer, or workspace.applyEdit with a renameFile edit). workspace.fs.rename is a plain
// file-system call: VS Code runs no rename participants for it, so links are left as they were.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { SEED_PAGE, codeOf, filesInTabs, openSeedPage, positionOf, report, revert, siteUri, waitFor } from './helpers';

const OLD_LINK = '(/handbook/engineering/infrastructure/engineering-productivity/index.html#areas-of-responsibility)';
const NEW_LINK = '(/handbook/engineering/infrastructure/engineering-productivity-team/index.html#areas-of-responsibility)';

describe('moving the team page', () => {
  const teamPage = siteUri('content', 'handbook', 'engineering', 'infrastructure', 'engineering-productivity', '_index.md');
  const moved = siteUri('content', 'handbook', 'engineering', 'infrastructure', 'engineering-productivity-team.md');
  const otherCareerPage = siteUri(...SEED_PAGE.slice(0, -1), 'intermediate.md');
  let doc: vscode.TextDocument;
  const willRename: string[] = [];
  let listener: vscode.Disposable;
  let tabsBefore: string[] = [];

  // What the workbench's file watcher reports (the same events the client forwards to the server).
  const fileEvents: string[] = [];
  let watcher: vscode.FileSystemWatcher;
  const started = Date.now();
  const note = (kind: string) => (uri: vscode.Uri): void => void fileEvents.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${kind} ${vscode.workspace.asRelativePath(uri)}`);

  before(async () => {
    watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    watcher.onDidCreate(note('created'));
    watcher.onDidDelete(note('deleted'));
    doc = (await openSeedPage()).document;
    tabsBefore = filesInTabs();
    listener = vscode.workspace.onWillRenameFiles((e) => willRename.push(...e.files.map((f) => `${vscode.workspace.asRelativePath(f.oldUri)} -> ${vscode.workspace.asRelativePath(f.newUri)}`)));
  });

  afterEach(function () {
    // Moves reach the server as file events; when a test here fails, say which ones VS Code saw.
    if (this.currentTest?.state === 'failed') report(`  file events seen so far: ${fileEvents.join(', ') || 'none'}`);
  });

  after(async () => {
    watcher.dispose();
    listener.dispose();
    if (!fs.existsSync(teamPage.fsPath) && fs.existsSync(moved.fsPath)) {
      const back = new vscode.WorkspaceEdit();
      back.renameFile(moved, teamPage);
      await vscode.workspace.applyEdit(back);
    }
    // Moving back restored the links' text; put every touched page back as it is on disk.
    for (const d of vscode.workspace.textDocuments.filter((t) => t.isDirty)) {
      const disk = fs.readFileSync(d.uri.fsPath, 'utf8');
      if (d.getText() === disk) {
        await d.save();
        continue;
      }
      const line = (t: string): string | undefined => t.split('\n').find((l) => l.includes('[team page]'));
      report(`  (${vscode.workspace.asRelativePath(d.uri)} differs from the disk after moving back: ${JSON.stringify(line(d.getText()))} vs ${JSON.stringify(line(disk))}; reverted)`);
      await revert(d);
    }
    // Close the editors this suite opened (VS Code shows a page that a participant's edit changed).
    const extra = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && !tabsBefore.includes(t.input.uri.toString()));
    await vscode.window.tabGroups.close(extra);
  });

  const linkNotFound = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'link-not-found');
  const termHover = async (): Promise<boolean> => {
    const position = positionOf(doc, '| Dogfood use', 4);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    return hovers.flatMap((h) => h.contents).some((c) => (typeof c === 'string' ? c : c.value).includes('own features for the engineering workflows'));
  };

  it('workspace.fs.rename runs no rename participants: the link is left as it was, and reported broken', async () => {
    await waitFor('the term hover before the move', termHover);
    willRename.length = 0;
    await vscode.workspace.fs.rename(teamPage, moved);
    try {
      assert.ok(fs.existsSync(moved.fsPath));
      assert.deepEqual(willRename, [], 'onWillRenameFiles fired for workspace.fs.rename');
      assert.ok(doc.getText().includes(OLD_LINK));
      assert.ok(!doc.isDirty);
      // The server sees the file events: the link now names no page.
      const [broken] = await waitFor('link-not-found on the team page link', () => linkNotFound().length > 0 && linkNotFound());
      report(`  ${broken!.message}`);
    } finally {
      await vscode.workspace.fs.rename(moved, teamPage);
    }
    // Settled again before the next test: the link resolves and the table is bound.
    await waitFor('the link to resolve again', () => linkNotFound().length === 0);
    await waitFor('the term hover after moving back', termHover);
  });

  it('a renameFile WorkspaceEdit (workspace.applyEdit) rewrites the links on both career pages', async () => {
    willRename.length = 0;
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(teamPage, moved);
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    report(`  onWillRenameFiles: ${willRename.join(', ')}`);
    assert.ok(fs.existsSync(moved.fsPath) && !fs.existsSync(teamPage.fsPath), 'the file was not moved');
    assert.equal(willRename.length, 1);

    await waitFor('the seed page link to follow the move', () => doc.getText().includes(NEW_LINK)).catch((err: Error) => {
      const line = doc.getText().split('\n').find((l) => l.includes('[team page]'));
      throw new Error(`${err.message}; the link line is ${JSON.stringify(line)}`);
    });
    assert.ok(!doc.getText().includes(OLD_LINK));
    const other = vscode.workspace.textDocuments.find((t) => t.uri.toString() === otherCareerPage.toString());
    assert.ok(other, 'the closed career page was not edited');
    assert.ok(other.getText().includes(NEW_LINK), 'the closed career page\'s link was not rewritten');

    // The table is still bound through the rewritten link: the term hover comes from the moved page.
    await waitFor('the term hover after the move', termHover);
    assert.deepEqual(linkNotFound(), []);
  });
});
