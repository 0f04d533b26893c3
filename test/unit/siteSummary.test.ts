// The Check Whole Site message fits a notification: the counts that are not zero, and the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteCheckSummary } from '../../client/src/summary';

test('the whole-site summary names only the counts that are not zero, in one short line', () => {
  assert.equal(siteCheckSummary({ errors: 1, warnings: 4, infos: 0, files: 2, checked: 7, cancelled: false }), 'Handbook: 1 error, 4 warnings in 2 of 7 files.');
  const handbook = siteCheckSummary({ errors: 0, warnings: 2413, infos: 9, files: 1234, checked: 4230, cancelled: false });
  assert.equal(handbook, 'Handbook: 2,413 warnings, 9 infos in 1,234 of 4,230 files.');
  // A toast shows about 90 characters on one line before it cuts the text off.
  assert.ok(handbook.length <= 90, handbook);
  assert.equal(siteCheckSummary({ errors: 0, warnings: 0, infos: 0, files: 0, checked: 1, cancelled: false }), 'Handbook: no problems in 1 file.');
  assert.equal(siteCheckSummary({ errors: 2, warnings: 0, infos: 1, files: 1, checked: 300, cancelled: true }), 'Handbook: cancelled after 300 files: 2 errors, 1 info so far.');
});
