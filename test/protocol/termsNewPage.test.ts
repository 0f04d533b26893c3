// A page opened after the index was built (new, not yet on disk, as a user creates one) whose table
// takes its terms from the team page: an edit of the team page reaches it too — for a push client
// (eglot, Neovim), which gets nothing unless the server publishes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../support/lspClient';

const TEAM = 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md';
const NEW = 'content/handbook/engineering/infrastructure/engineering-productivity/career.md';
let root: string;
let client: TestClient;
before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-newpage-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
  client = await TestClient.start(root, { pull: false });
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('a new page bound to the team page gets term-unknown when the team page renames its term, and loses it when renamed back', async () => {
  const page = '---\ntitle: Career\n---\nThe terms are defined on the [team page](/handbook/engineering/infrastructure/engineering-productivity/#areas-of-responsibility).\n\n| Responsibility | Description |\n| --- | --- |\n| Dogfood use | Uses the product. |\n';
  fs.writeFileSync(path.join(root, NEW), page);
  const uri = client.open(NEW, page);
  assert.deepEqual(await client.diagnostics(uri), []);
  const team = fs.readFileSync(path.join(root, TEAM), 'utf8');
  const teamUri = client.open(TEAM, team);
  await client.diagnostics(teamUri);
  const codes = () => client.published.get(uri)?.diagnostics.map((d) => d.code).join() ?? '(none)';
  client.change(teamUri, team.replace('**Dogfood use**', '**Dogfood usage**'));
  await client.waitFor(() => codes() === 'term-unknown', 'term-unknown on the new page').catch(() => assert.fail(`the new page has ${codes()}`));
  client.change(teamUri, team);
  await client.waitFor(() => codes() === '', 'the new page to clear').catch(() => assert.fail(`the new page has ${codes()}`));
});
