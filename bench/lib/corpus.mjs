// The real handbook for the benchmark: unpacked into a temp dir at run time (never into the repo), the
// files the checker reads, and synthetic sites made of N copies of it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function unpack(tarball) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-bench-'));
  const r = spawnSync('tar', ['-C', dir, '-xzf', tarball]);
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  const site = path.join(dir, 'gitlab-handbook');
  if (!fs.existsSync(path.join(site, 'content'))) throw new Error('the tarball has no gitlab-handbook/content');
  return { dir, site };
}

/** Every file under `dir` whose name passes `keep`, sorted, as absolute paths. */
export function walk(dir, keep = () => true) {
  const out = [];
  const visit = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && keep(e.name)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}

export const isPage = (name) => /\.(md|markdown)$/i.test(name);

/** The pages (content/**.md) and include files (assets/includes/**) of a site. */
export function siteFiles(site) {
  return {
    pages: walk(path.join(site, 'content'), isPage),
    includes: walk(path.join(site, 'assets', 'includes')),
  };
}

/**
 * A site of `copies` times the corpus: the site itself, plus its whole content/ again under
 * content/copy2/ … content/copyN/ (hard links where the file system allows, else real copies). Links
 * are left as they are: site-root links in the copies point at the original pages, relative links stay
 * inside their copy, and every copy's pages are checked like the originals.
 */
export function scaledSite(baseSite, copies, parentDir) {
  const site = path.join(parentDir, `site-x${copies}`);
  if (fs.existsSync(site)) return site;
  copyTree(baseSite, site);
  for (let k = 2; k <= copies; k++) copyTree(path.join(baseSite, 'content'), path.join(site, 'content', `copy${k}`));
  return site;
}

function copyTree(from, to) {
  const r = spawnSync('cp', ['-al', from, to]);
  if (r.status !== 0) fs.cpSync(from, to, { recursive: true });
}

export function countFiles(site) {
  const { pages, includes } = siteFiles(site);
  return { pages: pages.length, includes: includes.length };
}
