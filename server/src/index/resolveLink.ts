// Where a Markdown link lands, the way the site serves it: site-root links against the content tree
// (every spelling of a page URL, aliases and `url` front matter), then the static folders; relative
// links read both relative to the file's folder (as Hugo's GetPage does) and to the page's URL (as a
// browser does) — good if either lands. External links are never fetched.
import * as path from '../util/path';
import { componentPath, isInside, type Site } from '../site/site';
import { fileUnderMount } from '../site/includes';
import { normalizeUrlPath, splitDestination } from '../site/urls';
import type { WorkspaceIndex } from './workspace';

export type LinkTarget =
  | { kind: 'page'; file: string; fragment: string | undefined }
  | { kind: 'file'; file: string; fragment: string | undefined }
  | { kind: 'missing'; fragment: string | undefined }
  | { kind: 'external' };

export function resolveLink(index: WorkspaceIndex, from: string, destination: string): LinkTarget {
  const site = index.siteOf(from);
  const d = splitDestination(destination);
  if (d.external || !site) return { kind: 'external' };
  if (d.path === '') return { kind: 'page', file: from, fragment: d.fragment };
  if (d.path.startsWith('/')) return siteRoot(index, site, d.path, d.fragment);
  // Relative to the file's folder, inside the content tree.
  const content = componentPath(site.mounts.content, from);
  if (content) {
    const folder = path.posix.dirname(content.rel);
    const byFile = siteRoot(index, site, '/' + path.posix.join(folder, d.path), d.fragment);
    if (byFile.kind !== 'missing') return byFile;
  }
  // Relative to the page's URL.
  const url = index.urlOf(from);
  if (url) {
    const byUrl = siteRoot(index, site, path.posix.join(url, d.path), d.fragment);
    if (byUrl.kind !== 'missing') return byUrl;
  }
  // A plain file beside this one (an image next to an include, say).
  const beside = path.join(path.dirname(from), ...d.path.split('/'));
  if (isInside(site.root, beside) && index.fs.stat(beside)?.isFile) return { kind: 'file', file: beside, fragment: d.fragment };
  return { kind: 'missing', fragment: d.fragment };
}

function siteRoot(index: WorkspaceIndex, site: Site, p: string, fragment: string | undefined): LinkTarget {
  const page = index.pageAt(site, normalizeUrlPath(p));
  if (page) return { kind: 'page', file: page, fragment };
  let rel = p.replace(/^\/+/, '');
  try {
    rel = decodeURI(rel);
  } catch {
    // as written
  }
  if (rel === '' || rel.split('/').includes('..')) return { kind: 'missing', fragment };
  for (const component of [site.mounts.static, site.mounts.content]) {
    for (const m of component) {
      const f = fileUnderMount(m, rel);
      if (f && index.fs.stat(f)?.isFile) return { kind: 'file', file: f, fragment };
    }
  }
  return { kind: 'missing', fragment };
}
