// Hover. On an include path: what the file says (its first lines), where it lives, who includes it.
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import { includeAt, previewOf } from './includeAt';
import { acronymHover } from './glossary';
import { linkHover } from './links';
import { refHover } from './refs';
import { shortcodeHover } from './shortcodes';
import { termHover } from './terms';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

export function hover(index: SiteView, file: string, offset: number): HoverResult | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return undefined;
  const inc = includeAt(parsed, offset);
  if (!inc) return refHover(index, file, offset) ?? shortcodeHover(index, file, offset) ?? linkHover(index, file, offset) ?? termHover(index, file, offset) ?? acronymHover(index, file, offset);
  const r = index.resolveInclude(site, inc.path);
  const range = { start: inc.start, end: inc.end };
  switch (r.kind) {
    case 'found': {
      const where = relativePosix(site.root, r.file);
      const users = index.includersOf(r.file).length;
      const text = index.textOf(r.file);
      const preview = text === undefined ? '*(the file could not be read)*' : previewOf(text) || '*(empty file)*';
      return { ...range, contents: `**Include** \`${where}\` · included by ${users} ${users === 1 ? 'page' : 'pages'}\n\n---\n\n${preview}` };
    }
    // A path that names no file, or one that is refused, has its diagnostic, which the editor shows
    // on hover: saying it again in other words would only repeat it.
    case 'missing':
    case 'outside':
    case 'empty':
      return undefined;
  }
}
