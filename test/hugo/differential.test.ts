// The differential test: real Hugo builds each test site, our engine checks it, and every case must
// agree (or be a listed difference between Hugo 0.111 and the handbook's Hugo). See README.md here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { GENERATED_SITES } from './generated';
import { KNOWN_DIFFERENCES } from './knownDifferences';
import { buildWithHugo, CATEGORIES, checkWithEngine, compareSite, HUGO_DIR, hugoVersion, materialise, verdict, type Case, type SiteSource } from './oracle';

const handMade: SiteSource[] = fs
  .readdirSync(path.join(HUGO_DIR, 'sites'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({ name: e.name, dir: path.join(HUGO_DIR, 'sites', e.name) }));

test('every case of every test site agrees with what Hugo builds', async (t) => {
  const version = hugoVersion();
  assert.ok(version, 'hugo is not installed (the test runner installs Debian\'s hugo when it runs as root)');
  t.diagnostic(version);
  const cases: Case[] = [];
  for (const site of [...handMade, ...GENERATED_SITES]) {
    const src = materialise(site);
    try {
      const build = buildWithHugo(src);
      const view = await checkWithEngine(src);
      cases.push(...compareSite(site, build, view));
    } finally {
      fs.rmSync(path.dirname(src), { recursive: true, force: true });
    }
  }
  const { tally, disagreements, unused } = verdict(cases, KNOWN_DIFFERENCES);
  for (const c of CATEGORIES) {
    const n = tally.get(c)!;
    const line = `${c}: ${n.compared} compared, ${n.agree} agree${n.known ? ` (${n.known} of them listed version differences)` : ''}`;
    t.diagnostic(line);
    console.log(`hugo differential: ${line}`);
  }
  const report = disagreements.map((d) => `  ${d.site} · ${d.category} · ${d.key}: Hugo ${d.hugo}, engine ${d.engine}`);
  for (const u of unused) report.push(`  listed difference "${u.name}" did not happen (${u.site} · ${u.category} · ${u.key})`);
  assert.equal(report.length, 0, `${disagreements.length} disagreements with Hugo:\n${report.join('\n')}`);
});
