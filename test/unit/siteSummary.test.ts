// The Check Whole Site message fits a notification: the counts that are not zero, by name, and the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteCheckSummary } from '../../client/src/summary';

const none = { errors: 0, warnings: 0, information: 0, hints: 0 };

test('the whole-site summary names only the counts that are not zero, in one short line', () => {
  assert.equal(siteCheckSummary({ ...none, errors: 1, warnings: 4, files: 2, checked: 7, cancelled: false }), 'Handbook: 1 error, 4 warnings in 2 of 7 files.');
  const handbook = siteCheckSummary({ ...none, warnings: 2413, information: 9, files: 1234, checked: 4230, cancelled: false });
  assert.equal(handbook, 'Handbook: 2,413 warnings, 9 information in 1,234 of 4,230 files.');
  assert.equal(siteCheckSummary({ ...none, hints: 1, files: 1, checked: 2, cancelled: false }), 'Handbook: 1 hint in 1 of 2 files.');
  assert.equal(siteCheckSummary({ ...none, information: 1, hints: 3, files: 2, checked: 2, cancelled: false }), 'Handbook: 1 information, 3 hints in 2 of 2 files.');
  // A toast shows about 90 characters on one line before it cuts the text off; every category at once,
  // at the real handbook's size, still fits.
  const all = siteCheckSummary({ errors: 12, warnings: 2309, information: 25, hints: 3, files: 1234, checked: 4231, cancelled: false });
  assert.ok(all.length <= 90, all);
  assert.equal(siteCheckSummary({ ...none, files: 0, checked: 1, cancelled: false }), 'Handbook: no problems in 1 file.');
  assert.equal(siteCheckSummary({ ...none, errors: 2, information: 1, files: 1, checked: 300, cancelled: true }), 'Handbook: cancelled after 300 files: 2 errors, 1 information so far.');
});
