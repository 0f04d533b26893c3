// A small handbook in a temporary git repository, as a merge request sees it: a base commit on main,
// then a branch that breaks one link, moves a page other pages link to, and fixes an old problem.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Handbook Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Handbook Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
};

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: ENV, encoding: 'utf8' }).trim();
}

export function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

/** The base commit's site. Old problems: an include error, a dead link in tools.md, a dead anchor in values.md. */
export const BASE_FILES: Record<string, string> = {
  'hugo.toml': 'title = "Team handbook"\n',
  'content/_index.md': '---\ntitle: Home\n---\n# Home\n\nRead our [values](/handbook/values/) and meet the [team](/handbook/team/).\n',
  'content/handbook/_index.md': '---\ntitle: Handbook\n---\n# Handbook\n',
  'content/handbook/values.md':
    '---\ntitle: Values\n---\n# Values\n\n## Collaboration\n\nWe help each other. See [results](#results-first).\n\n## Iteration\n\nSmall steps.\n',
  'content/handbook/team.md':
    '---\ntitle: Team\n---\n# Team\n\nWe work by our [collaboration value](/handbook/values/#collaboration).\n\n{{% include "includes/team-table.md" %}}\n',
  'content/handbook/hiring.md': '---\ntitle: Hiring\n---\n# Hiring\n\nCandidates read the [values](/handbook/values/) first.\n',
  'content/handbook/tools.md': '---\ntitle: Tools\n---\n# Tools\n\nThe [old tool list](/handbook/tool-list/) moved.\n',
};

/**
 * A repository at `dir` with the base commit on `main` and the merge request's branch `mr` checked
 * out: hiring.md's link broken (a typo), values.md moved to company/values.md (home and team link to
 * its old URL; its own dead anchor is an old problem), tools.md's dead link fixed. Returns the base commit.
 */
export function makeMergeRequest(dir: string, extra: Record<string, string> = {}): string {
  for (const [rel, text] of Object.entries(BASE_FILES)) write(dir, rel, text);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Handbook');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'mr');
  write(dir, 'content/handbook/hiring.md', BASE_FILES['content/handbook/hiring.md']!.replace('/handbook/values/', '/handbook/valeus/'));
  fs.mkdirSync(path.join(dir, 'content/handbook/company'));
  git(dir, 'mv', 'content/handbook/values.md', 'content/handbook/company/values.md');
  write(dir, 'content/handbook/tools.md', BASE_FILES['content/handbook/tools.md']!.replace('The [old tool list](/handbook/tool-list/) moved.', 'Ask the [team](/handbook/team/).'));
  for (const [rel, text] of Object.entries(extra)) write(dir, rel, text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Move values under company');
  return base;
}

/** The new problems of the branch, as `file: code: message` (the order the checker prints). */
export const NEW_PROBLEMS = [
  'content/_index.md:6:19: warning: No page or file at "/handbook/values/". [link-not-found]',
  'content/handbook/hiring.md:6:30: warning: No page or file at "/handbook/valeus/". [link-not-found]',
  'content/handbook/team.md:6:38: warning: No page or file at "/handbook/values/". [link-not-found]',
];
