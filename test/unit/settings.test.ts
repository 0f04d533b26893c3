// The settings the checker reads from a settings.json are the ones the extension contributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { handbookSection, SETTING_NAMES } from '../../server/src/settings';

test('the setting names are those of package.json contributes.configuration', () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  assert.deepEqual([...SETTING_NAMES].sort(), Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^handbook\./, '')).sort());
});

test('dotted keys and nested objects give the section workspace/configuration gives', () => {
  const unknown: string[] = [];
  const section = handbookSection(
    {
      'handbook.diagnostics.severity': { 'link-not-found': 'error' },
      handbook: { links: { exclude: ['^/x/'] }, maxFileSize: 10 },
      'handbook.nope': 1,
      'editor.tabSize': 2,
    },
    unknown,
  );
  assert.deepEqual(JSON.parse(JSON.stringify(section)), { diagnostics: { severity: { 'link-not-found': 'error' } }, links: { exclude: ['^/x/'] }, maxFileSize: 10 });
  assert.deepEqual(unknown, ['handbook.nope']);
});
