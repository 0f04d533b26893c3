// The real GitLab handbook from ../shared/corpus, unpacked once per machine into the temp folder and
// shared by every test file that reads it (node's test runner runs files in parallel: the unpack goes to
// a private folder first, then is renamed into place, so no file ever sees half a tree).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const TARBALL = path.resolve(__dirname, '../../../shared/corpus/gitlab-handbook.tar.gz');

/** The unpacked site root (…/gitlab-handbook). Throws with a clear reason when the corpus is missing. */
export function corpusSite(): string {
  const st = fs.statSync(TARBALL, { throwIfNoEntry: false });
  if (!st) throw new Error(`the corpus must be beside the repository at ${TARBALL}`);
  const dir = path.join(os.tmpdir(), `handbook-corpus-${st.size}-${Math.round(st.mtimeMs)}`);
  const site = path.join(dir, 'gitlab-handbook');
  if (fs.existsSync(path.join(site, 'content'))) return site;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-corpus-unpacking-'));
  const r = spawnSync('tar', ['-C', tmp, '-xzf', TARBALL]);
  if (r.status !== 0) throw new Error(`tar failed: ${String(r.stderr)}`);
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // Another test file won the race: use its copy.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return site;
}
