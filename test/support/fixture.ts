// Tests are data: a fixture string with `//- /path` file headers and one `$0` cursor marker.
//
//   //- /site/hugo.toml
//   title = "x"
//   //- /site/content/page.md
//   {{% include "includes/$0" %}}
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import type { FeatureSettings } from '../../server/src/features/settings';
import { MemoryFileSystem } from './memoryFs';

export interface Fixture {
  fs: MemoryFileSystem;
  index: WorkspaceIndex<FeatureSettings>;
  /** Where `$0` was, if anywhere. */
  cursor: { file: string; offset: number } | undefined;
  files: Record<string, string>;
}

export function parseFixture(text: string): { files: Record<string, string>; cursor: Fixture['cursor'] } {
  const files: Record<string, string> = {};
  let cursor: Fixture['cursor'];
  const parts = text.split(/^\/\/- (\S+)[ \t]*\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const file = parts[i]!;
    let content = parts[i + 1] ?? '';
    const at = content.indexOf('$0');
    if (at !== -1) {
      cursor = { file, offset: at };
      content = content.slice(0, at) + content.slice(at + 2);
    }
    files[file] = content;
  }
  return { files, cursor };
}

/** Builds an indexed in-memory workspace rooted at `/`. */
export async function fixture(text: string, options = DEFAULT_OPTIONS, settings: FeatureSettings = {}): Promise<Fixture> {
  const { files, cursor } = parseFixture(text);
  const fs = new MemoryFileSystem(files);
  const index = new WorkspaceIndex(fs, options, undefined, settings);
  index.setFolders(['/']);
  await index.ensureIndexed();
  return { fs, index, cursor, files };
}

/** The text a range of a fixture file covers. */
export function slice(f: Fixture, file: string, start: number, end: number): string {
  return (f.fs.readFile(file) ?? '').slice(start, end);
}

/** The seed page's site, as a fixture prefix: config, includes, the team page. */
export const SEED_SITE = `//- /site/config/_default/config.yaml
title: Handbook
//- /site/assets/includes/engineering-careers/senior-leadership-competency.md
#### Senior Leadership Competencies

- Mentors team members.
//- /site/assets/includes/engineering-careers/senior-technical-competency.md
#### Senior Technical Competencies

- Solves complex problems.
//- /site/assets/includes/engineering-careers/values-competency.md
#### Values Alignment

- Lives the values.
//- /site/assets/includes/engineering-careers/career-matrix-nav.md
---

[Engineering](/handbook/engineering/careers/matrix/) |
//- /site/assets/includes/marketing/cs_career_matrix_nav.md
[CS](/handbook/marketing/)
`;
