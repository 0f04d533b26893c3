// A team page opened with text that is not the disk's (unsaved edits an editor restores, a buffer
// changed before it was saved) defines its terms by that text: the career pages that use them are
// checked again at once, and again when it closes and the disk's terms are back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../support/lspClient';

const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const TEAM = 'content/handbook/engineering/infrastructure/engineering-productivity/_index.md';

let root: string;
let client: TestClient;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-terms-open-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
  // Pushed diagnostics: what the server sends is all the editor shows (Neovim, Emacs).
  client = await TestClient.start(root, { pull: false });
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('opening the team page with unsaved text that renames a term re-checks the open career page, and closing it checks it again', async () => {
  const seed = fs.readFileSync(path.join(root, SENIOR), 'utf8');
  const seedUri = client.open(SENIOR, seed);
  const termCodes = () => (client.published.get(seedUri)?.diagnostics ?? []).map((d) => String(d.code)).filter((c) => c.startsWith('term'));
  await client.waitFor(() => client.published.has(seedUri), 'the career page to be checked');
  assert.deepEqual(termCodes(), []);
  const disk = fs.readFileSync(path.join(root, TEAM), 'utf8');
  assert.ok(disk.includes('**Dogfood use**'));
  const teamUri = client.open(TEAM, disk.replace('**Dogfood use**', '**Dogfood usage**'));
  await client.waitFor(() => termCodes().includes('term-unknown'), 'the career page to show term-unknown for "Dogfood use"');
  client.close(teamUri);
  await client.waitFor(() => termCodes().length === 0, 'the term warning to clear once the disk\'s terms are back');
});
