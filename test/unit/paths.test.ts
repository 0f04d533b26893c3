import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { isInside, relativePosix } from '../../server/src/util/paths';

/** The definition the fast path must agree with: containment by `path.relative`. */
function byRelative(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

test('isInside: the cases a site has', () => {
  assert.equal(isInside('/site', '/site'), true);
  assert.equal(isInside('/site', '/site/content/a.md'), true);
  assert.equal(isInside('/site', '/site-other/a.md'), false, 'a sibling that shares the prefix is outside');
  assert.equal(isInside('/site/content', '/site'), false);
  assert.equal(isInside('/', '/anything'), true);
  assert.equal(isInside('/site', '/site/..hidden.md'), true, 'a name that starts with two dots is inside');
  assert.equal(isInside('/site', '/site/../etc/passwd'), false, 'a path that climbs out is outside');
  assert.equal(isInside('/site/', '/site'), true);
  assert.equal(isInside('/site', '/site/./a.md'), true);
  assert.equal(isInside('/site', 'relative/a.md'), byRelative('/site', 'relative/a.md'));
});

test('isInside agrees with path.relative on generated paths', () => {
  const segment = fc.constantFrom('site', 'site-other', 'content', '.', '..', '..x', 'a.md', '', 's');
  const p = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 5 }), fc.boolean()).map(([abs, segs, trailing]) => (abs ? '/' : '') + segs.join('/') + (trailing ? '/' : ''));
  fc.assert(
    fc.property(p, p, (parent, child) => {
      assert.equal(isInside(parent, child), byRelative(parent, child), `${parent} ⊇ ${child}`);
    }),
    { numRuns: 5000 },
  );
});

test('site-relative paths use / and climb with ..', () => {
  assert.equal(relativePosix('/site', '/site/content/handbook/_index.md'), 'content/handbook/_index.md');
  assert.equal(relativePosix('/site/assets', '/site/content/a.md'), '../content/a.md');
  assert.equal(relativePosix('/site', '/site'), '');
});
