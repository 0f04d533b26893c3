// Completion. Include paths complete folder by folder inside the quotes of `{{% include "…" %}}`.
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import { fileUnderMount, linksStayInside, resolveInclude } from '../site/includes';
import { includeAt, previewOf } from './includeAt';
import { termCompletions } from './terms';
import { linkCompletions } from './links';
import { frontMatterCompletions } from './frontMatter';
import { shortcodeCompletions } from './shortcodes';
import { refCompletions } from './refs';

export interface CompletionEntry {
  label: string;
  kind: 'file' | 'folder' | 'term' | 'anchor' | 'shortcode' | 'param' | 'closing' | 'key';
  /** newText is a snippet with $1/$0 placeholders. */
  snippet?: boolean;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces [start, end) of the document. */
  start: number;
  end: number;
  newText: string;
  sortText?: string;
  /** Ask the editor to open completion again after inserting (folders). */
  retrigger?: boolean;
}

export interface CompletionResult {
  items: CompletionEntry[];
  isIncomplete: boolean;
}

const MAX_PREVIEW_BYTES = 64_000;

export function complete(index: SiteView, file: string, offset: number): CompletionResult {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return { items: [], isIncomplete: false };
  const inc = includeAt(parsed, offset);
  if (!inc) {
    const keys = frontMatterCompletions(index, file, offset);
    if (keys) {
      return { items: keys.map((k) => ({ label: k.label, kind: 'key' as const, detail: 'front matter', documentation: k.documentation, start: k.start, end: k.end, newText: k.snippet, snippet: true })), isIncomplete: false };
    }
    const refs = refCompletions(index, file, offset);
    if (refs) {
      return { items: refs.map((r) => ({ label: r.label, kind: r.kind, detail: r.detail, documentation: r.documentation, start: r.start, end: r.end, newText: r.newText, sortText: r.sortText, retrigger: r.retrigger })), isIncomplete: false };
    }
    const shortcodes = shortcodeCompletions(index, file, offset);
    if (shortcodes) {
      return {
        items: shortcodes.map((c) => ({ label: c.label, kind: c.kind, detail: c.detail, documentation: c.documentation, start: c.start, end: c.end, newText: c.snippet, snippet: true, sortText: c.sortText })),
        isIncomplete: false,
      };
    }
    const links = linkCompletions(index, file, offset);
    if (links) {
      return {
        items: links.map((l) => ({ label: l.label, kind: l.kind, detail: l.detail, documentation: l.documentation, start: l.start, end: l.end, newText: l.newText, sortText: l.sortText, retrigger: l.retrigger })),
        isIncomplete: false,
      };
    }
    const terms = termCompletions(index, file, offset).map((t): CompletionEntry => ({
      label: t.label,
      kind: 'term',
      detail: t.used ? 'already in this table' : 'responsibility term',
      documentation: t.documentation,
      start: t.start,
      end: t.end,
      newText: t.label,
      sortText: t.sortText,
    }));
    terms.sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    return { items: terms, isIncomplete: false };
  }
  const typed = parsed.text.slice(inc.start, offset);
  const slash = typed.lastIndexOf('/');
  const folder = slash === -1 ? '' : typed.slice(0, slash + 1);
  if (folder.includes('..') || folder.startsWith('/') || folder.includes('\\') || folder.startsWith('~')) {
    return { items: [], isIncomplete: false };
  }
  const start = inc.start + folder.length;
  const nextSlash = parsed.text.indexOf('/', offset);
  const end = nextSlash !== -1 && nextSlash < inc.end ? nextSlash : inc.end;

  const seen = new Set<string>();
  const items: CompletionEntry[] = [];
  for (const mount of site.includeRoots) {
    // A mount at assets/includes offers "includes/" at the top level.
    if (mount.target && !`${folder}`.startsWith(mount.target + '/')) {
      if ((mount.target + '/').startsWith(folder)) {
        const next = mount.target.slice(folder.length).split('/')[0]!;
        if (next && !seen.has(next + '/')) {
          seen.add(next + '/');
          items.push({ label: next, kind: 'folder', start, end, newText: `${next}/`, sortText: `0${next}`, retrigger: true });
        }
      }
      continue;
    }
    const dir = folder === '' ? mount.source : fileUnderMount(mount, folder.slice(0, -1));
    if (!dir) continue;
    for (const e of index.fs.readDirectory(dir)) {
      if (e.name.startsWith('.')) continue;
      // A symbolic link out of the include folder: include would refuse it (include-outside-site).
      if (!linksStayInside(index.fs, mount.source, path.join(dir, e.name))) continue;
      const key = e.isDirectory ? `${e.name}/` : e.name;
      if (seen.has(key)) continue;
      seen.add(key);
      if (e.isDirectory) {
        items.push({ label: e.name, kind: 'folder', detail: 'folder', start, end, newText: `${e.name}/`, sortText: `0${e.name}`, retrigger: true });
      } else if (e.isFile) {
        const rel = folder + e.name;
        const entry: CompletionEntry = { label: e.name, kind: 'file', detail: rel, start, end, newText: e.name, sortText: `1${e.name}` };
        const r = resolveInclude(index.fs, site, rel);
        if (r.kind === 'found') {
          const st = index.fs.stat(r.file);
          const text = st && st.size <= MAX_PREVIEW_BYTES ? index.textOf(r.file) : undefined;
          const where = relativePosix(site.root, r.file);
          const users = index.includersOf(r.file).length;
          entry.documentation = `\`${where}\` · included by ${users} ${users === 1 ? 'page' : 'pages'}${text ? `\n\n---\n\n${previewOf(text, 8)}` : ''}`;
        }
        items.push(entry);
      }
    }
  }
  items.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { items, isIncomplete: false };
}
