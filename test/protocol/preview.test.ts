// The preview-context request (PreviewContextRequest) over the shipped server: what the Markdown preview draws the seed page with.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PreviewContextRequest, type PreviewContext } from '../../server/src/protocol';
import { TestClient } from '../support/lspClient';

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const TECHNICAL = 'assets/includes/engineering-careers/senior-technical-competency.md';

describe('the preview context over the protocol', () => {
  let root: string;
  let client: TestClient;
  let seedUri: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-protocol-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    client = await TestClient.start(root, { pull: true });
    seedUri = client.open(SENIOR, fs.readFileSync(path.join(root, SENIOR), 'utf8'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const ask = (params: object) => client.conn.sendRequest<PreviewContext>(PreviewContextRequest.method, { uri: seedUri, ...params });

  test('answers the seed page\'s includes with their text, and the missing one with the diagnostic\'s message', async () => {
    const answer = await ask({});
    const diagnostic = (await client.diagnostics(seedUri)).find((d) => d.code === 'include-not-found');
    assert.deepEqual(answer.includes['includes/engineering-careers/ep-career-nav.md'], { error: { code: 'include-not-found', message: diagnostic!.message } });
    const technical = answer.includes['includes/engineering-careers/senior-technical-competency.md']!;
    assert.equal(technical.name, TECHNICAL);
    assert.match(technical.text!, /Solves complex technical problems/);
    assert.ok(answer.dependsOn.includes(technical.file!), 'the included file is not a dependency');
    assert.match(answer.terms['dogfood use']!.definition, /Dogfood/);
  });

  test('an included file open in an editor is answered with the editor\'s text', async () => {
    const uri = client.open(TECHNICAL, '##### Engineering\n\n* Typed in the editor, not saved.\n');
    const answer = await ask({});
    assert.match(answer.includes['includes/engineering-careers/senior-technical-competency.md']!.text!, /Typed in the editor, not saved/);
    client.close(uri);
  });

  test('answers the paths and links it is asked for, and refuses a path out of the site without reading it', async () => {
    const answer = await ask({ includes: ['includes/engineering-careers/team-contact.md', '../../../../etc/passwd'], links: ['/handbook/', '/handbook/nowhere/'] });
    assert.ok(answer.includes['includes/engineering-careers/team-contact.md']!.text);
    assert.equal(answer.includes['../../../../etc/passwd']!.error!.code, 'include-outside-site');
    assert.equal(answer.includes['../../../../etc/passwd']!.text, undefined);
    assert.equal(answer.links['/handbook/']!.name, 'content/handbook/_index.md');
    assert.deepEqual(answer.links['/handbook/nowhere/'], { missing: true });
  });

  test('bad params get an error, not a crash', async () => {
    await assert.rejects(client.conn.sendRequest(PreviewContextRequest.method, { nope: 1 }), /needs \{ uri \}/);
    const answer = await client.conn.sendRequest<PreviewContext>(PreviewContextRequest.method, { uri: seedUri, includes: [1, null, 'x'], links: 'no' });
    assert.ok(answer.includes.x?.error);
  });
});
