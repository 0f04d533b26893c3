// The packaged extension activates by itself on a Hugo site and starts its language server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, report, siteRoot, waitFor } from './helpers';

describe('activation', () => {
  it('is the packaged extension, not the source folder', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
    report(`  extension loaded from ${ext.extensionPath}`);
    const manifest = ext.packageJSON as { main?: string; version?: string };
    assert.equal(manifest.main, './dist/client.js');
    // vsce stores README.md as readme.md and LICENSE as LICENSE.txt.
    for (const shipped of ['dist/client.js', 'dist/server.js', 'readme.md', 'LICENSE.txt', 'images/icon.png']) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, shipped)), `${shipped} is not in the .vsix`);
    }
    // The .vsix holds the bundles only; sources staying out is what .vscodeignore is for.
    for (const notShipped of ['client', 'server', 'node_modules', 'test']) {
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, notShipped)), `${notShipped}/ was packaged`);
    }
  });

  it('activates on the Hugo site without being asked (workspaceContains)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.ok(siteRoot().length > 0);
    await waitFor('the extension to activate', () => ext.isActive, 45_000);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['handbook.restartServer', 'handbook.showOutput', 'handbook.showSites']) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  });
});
