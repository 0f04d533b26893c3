// A markdown-it plugin that draws a Hugo handbook page as the handbook will show it, for VS Code's own
// Markdown preview (and any other markdown-it). Pure: what it needs from the engine — included texts,
// link targets, term definitions — comes from a `PreviewSource`, and what it does not know yet it asks
// for through `want` and draws as "loading" until the preview is refreshed.
//
// What is decided when, because VS Code parses once per document version (caching the tokens) but
// renders with the document known only then:
// - parse time (independent of the page's context): front matter, shortcode calls as tokens, `{#id}`
//   taken off headings, paired shortcodes matched, term cells marked, the comment form in code;
// - render time (with the context): includes expanded (parsed and rendered in place, recursively, with
//   a cycle guard), heading ids numbered across the page and its includes, links rewritten to the
//   workspace file they reach, term definitions as tooltips.
// Every piece of HTML written here is built from escaped text; included text goes through the same
// markdown-it, so the preview's own rules (HTML allowed or not, its security settings) apply to it.
import { INCLUDE_SHORTCODES } from '../../../server/src/parse/document';
import { parseFrontMatter, stringField } from '../../../server/src/parse/frontMatter';
import { ATTRIBUTE_ITEM, BLOCK_ATTRIBUTES, headingAttributes, HeadingIds } from '../../../server/src/parse/headings';
import { positionalArgs, scanShortcodes, type ShortcodeCall } from '../../../server/src/parse/shortcodes';
import { termKey } from '../../../server/src/parse/terms';
import type { BlockRule, CoreRule, Env, InlineRule, MarkdownIt, Renderer, StateCore, Token } from './markdownIt';

export interface IncludeEntry {
  /** The included file's path relative to the site root (assets/includes/x.md). */
  name?: string;
  text?: string;
  /** The diagnostic's code and message, when the include cannot be drawn. */
  error?: { code: string; message: string };
}

export interface LinkEntry {
  /** The href that opens the file it reaches (relative to the page's folder), with its fragment. */
  href?: string;
  /** A tooltip: where it leads. */
  title?: string;
  missing?: boolean;
}

/** What the engine knows for one page, keyed by what the page says. */
export interface PreviewData {
  /** The page's path relative to the site root. */
  page?: string;
  /** The site sets `enableEmoji` (heading ids leave `:name:` out). */
  emoji?: boolean;
  includes: Record<string, IncludeEntry>;
  links: Record<string, LinkEntry>;
  /** termKey(term) -> definition. */
  terms: Record<string, { term: string; definition: string }>;
}

export interface PagePreview {
  data: PreviewData;
  /** Called for every include path or link the data does not cover yet. */
  want(kind: 'include' | 'link', key: string): void;
}

/** The data of the page being rendered (from the render's env), or undefined when no page is known. */
export type PreviewSource = (env: Env) => PagePreview | undefined;

/** Includes nested deeper than this are not drawn (a cycle is caught earlier; this is a hard stop). */
export const MAX_INCLUDE_DEPTH = 16;

const RENDER_STATE = Symbol('handbook preview render state');
const INCLUDE_PARSE = Symbol('handbook preview include parse');

interface RenderState {
  ids: HeadingIds;
  /** Site-relative names of the files being drawn, the page first. */
  stack: string[];
  page: PagePreview | undefined;
  /** Tab panes drawn so far: each pane's radio group has its own name. */
  tabpanes: number;
}

/** Shortcodes that embed something from another site: drawn as a titled link, never fetched. */
const EMBEDS: Record<string, { title: string; url: (call: ShortcodeCall) => string | undefined }> = {
  youtube: { title: 'YouTube video', url: (c) => withId(c, (id) => `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`) },
  vimeo: { title: 'Vimeo video', url: (c) => withId(c, (id) => `https://vimeo.com/${encodeURIComponent(id)}`) },
  x: { title: 'Post on X', url: (c) => userAndId(c, (u, id) => `https://x.com/${encodeURIComponent(u)}/status/${encodeURIComponent(id)}`) },
  twitter: { title: 'Post on X', url: (c) => userAndId(c, (u, id) => `https://x.com/${encodeURIComponent(u)}/status/${encodeURIComponent(id)}`) },
  instagram: { title: 'Instagram post', url: (c) => withId(c, (id) => `https://www.instagram.com/p/${encodeURIComponent(id)}/`) },
  gist: { title: 'GitHub gist', url: (c) => userAndId(c, (u, id) => `https://gist.github.com/${encodeURIComponent(u)}/${encodeURIComponent(id)}`) },
  iframe: { title: 'Embedded page', url: (c) => arg(c, 'src') },
  tableau: { title: 'Tableau dashboard', url: (c) => arg(c, 'src') },
  'include-remote': { title: 'Remote file, included when the site is built', url: (c) => arg(c, 'url', 0) },
  'include-readme': { title: 'Team member README, included when the site is built', url: (c) => withName(c, 'username', (u) => `https://gitlab.com/${encodeURIComponent(u)}/${encodeURIComponent(u)}`) },
};

/**
 * A tab pane draws up to this many tabs as switchable tabs (media/preview.css has a rule for each);
 * one with more shows every tab under its header.
 */
export const MAX_TABS = 20;

const ALERT_COLOURS = new Set(['primary', 'secondary', 'info', 'success', 'warning', 'danger', 'light', 'dark']);

function arg(call: ShortcodeCall, name: string, position?: number): string | undefined {
  const named = call.args.find((a) => a.name === name)?.value;
  if (named !== undefined) return named;
  return position === undefined ? undefined : positionalArgs(call)[position]?.value;
}
function withId(call: ShortcodeCall, make: (id: string) => string): string | undefined {
  const id = arg(call, 'id', 0);
  return id ? make(id) : undefined;
}
function withName(call: ShortcodeCall, name: string, make: (v: string) => string): string | undefined {
  const v = arg(call, name, 0);
  return v ? make(v) : undefined;
}
function userAndId(call: ShortcodeCall, make: (user: string, id: string) => string): string | undefined {
  const user = arg(call, 'user', 0);
  const id = arg(call, 'id', 1);
  return user && id ? make(user, id) : undefined;
}

// The literal call Hugo prints for the comment form ({{%/* x */%}} is shown as {{% x %}}).
export function literalOfCommentForm(text: string): string {
  return text.replace(/\{\{([<%])\/\*([\s\S]*?)\*\/([>%])\}\}/g, '{{$1$2$3}}');
}

interface ShortcodeMeta {
  name: string;
  call: ShortcodeCall;
  /** The call as written, for tooltips. */
  source: string;
  closing: boolean;
}

function shortcodeMeta(token: Token): ShortcodeMeta {
  return token.meta as unknown as ShortcodeMeta;
}

/** Installs the plugin; returns `md` (the shape VS Code's `extendMarkdownIt` wants). */
export function handbookPreview(md: MarkdownIt, source: PreviewSource): MarkdownIt {
  const esc = (s: string): string => md.utils.escapeHtml(s);
  const terminates = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };

  md.block.ruler.before('table', 'handbook_front_matter', frontMatterRule, terminates);
  md.block.ruler.before('table', 'handbook_shortcode', blockShortcodeRule, terminates);
  md.inline.ruler.after('text', 'handbook_shortcode', inlineShortcodeRule);
  md.core.ruler.after('block', 'handbook_structure', structureRule);
  md.core.ruler.after('handbook_structure', 'handbook_block_attributes', blockAttributesRule);
  md.core.ruler.after('inline', 'handbook_cells', cellsRule);

  const stateOf = (env: Env): RenderState => {
    let s = env[RENDER_STATE] as RenderState | undefined;
    if (!s) {
      const page = source(env);
      s = { ids: new HeadingIds({ emoji: page?.data.emoji }), stack: [page?.data.page ?? ''], page, tabpanes: 0 };
      env[RENDER_STATE] = s;
    }
    return s;
  };

  const rules = md.renderer.rules;
  rules.handbook_front_matter = (tokens, idx) => {
    const meta = tokens[idx]!.meta as { title?: string; description?: string; errors: string[] };
    let html = '<header class="handbook-page-header">';
    if (meta.title) html += `<h1 class="handbook-page-title">${esc(meta.title)}</h1>`;
    if (meta.description) html += `<p class="handbook-page-description">${esc(meta.description)}</p>`;
    html += '</header>\n';
    for (const e of meta.errors) html += errorBox('frontmatter-invalid', `Invalid front matter: ${e}`);
    return html;
  };

  const errorBox = (code: string, message: string, attrs = ''): string =>
    `<div class="handbook-preview-error" role="alert"${attrs}><span class="handbook-preview-error-code">${esc(code)}</span> ${esc(message)}</div>\n`;

  /** The included text's HTML, or an error box; `inline` for a call inside a line of text. */
  const renderInclude = (token: Token, options: unknown, env: Env, self: Renderer, inline: boolean): string => {
    const meta = shortcodeMeta(token);
    const raw = positionalArgs(meta.call)[0]?.value.trim() ?? '';
    const state = stateOf(env);
    const attrs = inline ? '' : self.renderAttrs(token);
    const note = (text: string): string => (inline ? `<span class="handbook-preview-note">${esc(text)}</span>` : `<div class="handbook-preview-note"${attrs}>${esc(text)}</div>\n`);
    if (!state.page) return note(`include "${raw}": open the page in an editor to see it here`);
    const entry = own(state.page.data.includes, raw);
    if (!entry) {
      state.page.want('include', raw);
      return note(`Loading include "${raw}"…`);
    }
    const box = (code: string, message: string): string => (inline ? `<span class="handbook-preview-error" role="alert">${esc(message)}</span>` : errorBox(code, message, attrs));
    if (entry.error) return box(entry.error.code, entry.error.message);
    if (entry.text === undefined || entry.name === undefined) return box('include-not-found', `Include "${raw}" could not be read.`);
    const at = state.stack.indexOf(entry.name);
    if (at !== -1) {
      // As the diagnostics word it: the chain from the file making this call back to itself.
      const from = state.stack[state.stack.length - 1]!;
      return box('include-cycle', `Include cycle: ${[from, ...state.stack.slice(at)].join(' -> ')}.`);
    }
    if (state.stack.length > MAX_INCLUDE_DEPTH) return box('include-depth', `Include "${raw}" is nested more than ${MAX_INCLUDE_DEPTH} deep; not drawn.`);
    const parseEnv: Env = { [INCLUDE_PARSE]: true };
    const tokens = inline ? md.parseInline(entry.text, parseEnv) : md.parse(entry.text, parseEnv);
    // The included file's lines are not the page's: scroll sync keeps to the include call's line.
    for (const t of tokens) {
      t.map = null;
      if (t.attrs) t.attrs = t.attrs.filter(([k]) => k !== 'data-line');
      const cls = t.attrGet('class');
      if (cls?.includes('code-line')) t.attrSet('class', cls.replace(/\bcode-line\b/, '').trim());
    }
    state.stack.push(entry.name);
    let html: string;
    try {
      html = self.render(tokens, options, env);
    } finally {
      state.stack.pop();
    }
    if (inline) return `<span class="handbook-include" data-include="${esc(raw)}">${html}</span>`;
    setClass(token, 'handbook-include');
    token.attrSet('data-include', raw);
    return `<div${self.renderAttrs(token)}>\n${html}</div>\n`;
  };

  rules.handbook_include = (tokens, idx, options, env, self) => renderInclude(tokens[idx]!, options, env, self, false);

  const marker = (meta: ShortcodeMeta): string =>
    `<span class="handbook-shortcode" title="${esc(`${meta.source} — drawn by Hugo when the site is built`)}">${esc(meta.closing ? `/${meta.name}` : meta.name)}</span>`;

  rules.handbook_shortcode = (tokens, idx, _options, _env, self) => {
    const token = tokens[idx]!;
    const meta = shortcodeMeta(token);
    const embed = EMBEDS[meta.name];
    if (embed && !meta.closing) {
      setClass(token, 'handbook-embed');
      const title = arg(meta.call, 'title');
      const url = embed.url(meta.call);
      const link = url && /^https?:\/\//i.test(url) ? `<a href="${esc(url)}">${esc(url)}</a>` : '<span class="handbook-preview-note">no address given</span>';
      return `<div${self.renderAttrs(token)}><div class="handbook-embed-title">${esc(title ? `${embed.title}: ${title}` : embed.title)}</div>${link}<div class="handbook-preview-note">Not loaded in the preview.</div></div>\n`;
    }
    if (meta.name === 'a' && !meta.closing) {
      const id = arg(meta.call, 'id', 0);
      if (id) return `<a id="${esc(id)}" class="handbook-anchor"></a>\n`;
    }
    setClass(token, 'handbook-shortcode-line');
    return `<div${self.renderAttrs(token)}>${marker(meta)}</div>\n`;
  };

  rules.handbook_shortcode_open = (tokens, idx, _options, env, self) => {
    const token = tokens[idx]!;
    const meta = shortcodeMeta(token);
    const { call } = meta;
    switch (meta.name) {
      case 'alert':
      case 'pageinfo': {
        const given = (arg(call, 'color') ?? 'primary').toLowerCase();
        const colour = ALERT_COLOURS.has(given) ? given : 'primary';
        setClass(token, `handbook-alert handbook-alert-${colour}`);
        token.attrSet('role', 'alert');
        const title = arg(call, 'title');
        return `<div${self.renderAttrs(token)}>${title ? `<div class="handbook-alert-title">${esc(title)}</div>` : ''}\n`;
      }
      case 'note':
        setClass(token, 'handbook-alert handbook-alert-info handbook-note');
        token.attrSet('role', 'note');
        return `<div${self.renderAttrs(token)}><div class="handbook-alert-title">Note</div>\n`;
      case 'details': {
        setClass(token, 'handbook-details');
        const open = arg(call, 'open');
        if (open === 'true' || open === '') token.attrSet('open', '');
        return `<details${self.renderAttrs(token)}><summary>${esc(arg(call, 'summary') ?? arg(call, 'title') ?? 'Details')}</summary>\n`;
      }
      case 'panel':
      case 'card': {
        const headerBg = (arg(call, 'header-bg') ?? '').toLowerCase();
        setClass(token, `handbook-panel${ALERT_COLOURS.has(headerBg) ? ` handbook-panel-${headerBg}` : ''}`);
        const header = arg(call, 'header') ?? arg(call, 'title');
        return `<div${self.renderAttrs(token)}>${header ? `<div class="handbook-panel-header">${esc(header)}</div>` : ''}<div class="handbook-panel-body">\n`;
      }
      case 'tabpane': {
        // Tabs with no script (the preview runs none from a page): a radio button per tab, its label
        // the tab's header, and the panel of the checked one shown (media/preview.css). All are
        // siblings, so the stylesheet's `:checked ~` rules reach the panels.
        setClass(token, 'handbook-tabpane');
        const tabs = childTabs(tokens, idx);
        for (const j of tabs) tokens[j]!.meta = { ...tokens[j]!.meta, handbookTab: undefined };
        if (tabs.length === 0 || tabs.length > MAX_TABS) return `<div${self.renderAttrs(token)}>\n`;
        const state = stateOf(env);
        const pane = `handbook-tabpane-${++state.tabpanes}`;
        let radios = '';
        let labels = '';
        tabs.forEach((j, k) => {
          const n = k + 1;
          tokens[j]!.meta = { ...tokens[j]!.meta, handbookTab: n };
          radios += `<input type="radio" class="handbook-tab-radio handbook-tab-radio-${n}" name="${pane}" id="${pane}-${n}"${n === 1 ? ' checked' : ''}>`;
          labels += `<label class="handbook-tab-label handbook-tab-label-${n}" for="${pane}-${n}">${esc(tabHeader(shortcodeMeta(tokens[j]!).call))}</label>`;
        });
        return `<div${self.renderAttrs(token)}>\n${radios}${labels}\n`;
      }
      case 'tab': {
        const n = token.meta?.handbookTab as number | undefined;
        if (n !== undefined) {
          setClass(token, `handbook-tab handbook-tab-${n}`);
          return `<div${self.renderAttrs(token)}>\n`;
        }
        setClass(token, 'handbook-tab');
        return `<div${self.renderAttrs(token)}><div class="handbook-tab-header">${esc(tabHeader(call))}</div>\n`;
      }
      default: {
        const embed = EMBEDS[meta.name];
        setClass(token, embed ? 'handbook-embed' : 'handbook-shortcode-block');
        const head = embed ? `<div class="handbook-embed-title">${esc(embed.title)}</div>${link(embed.url(call))}` : marker(meta);
        return `<div${self.renderAttrs(token)}>${head}\n`;
      }
    }
  };
  const link = (url: string | undefined): string => (url && /^https?:\/\//i.test(url) ? `<a href="${esc(url)}">${esc(url)}</a>` : '');

  rules.handbook_shortcode_close = (tokens, idx) => {
    const { name } = shortcodeMeta(tokens[idx]!);
    if (name === 'details') return '</details>\n';
    if (name === 'panel' || name === 'card') return '</div></div>\n';
    return '</div>\n';
  };

  rules.handbook_shortcode_inline = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const meta = shortcodeMeta(token);
    if (!meta.closing && INCLUDE_SHORTCODES.has(meta.name)) return renderInclude(token, options, env, self, true);
    if (!meta.closing && meta.name === 'label') {
      const name = arg(meta.call, 'name', 0) ?? '';
      const colour = arg(meta.call, 'color') ?? '';
      const light = arg(meta.call, 'light') === 'true';
      const style = /^#[0-9a-f]{3,8}$/i.test(colour) ? ` style="background-color:${colour};color:${light ? '#333' : '#fff'}"` : '';
      return `<span class="handbook-label"${style}>${esc(name)}</span>`;
    }
    if (!meta.closing && meta.name === 'a') {
      const id = arg(meta.call, 'id', 0);
      if (id) return `<a id="${esc(id)}" class="handbook-anchor"></a>`;
    }
    const embed = EMBEDS[meta.name];
    if (embed && !meta.closing) {
      const url = embed.url(meta.call);
      return `<span class="handbook-embed">${esc(embed.title)}${url && /^https?:\/\//i.test(url) ? `: <a href="${esc(url)}">${esc(url)}</a>` : ''}</span>`;
    }
    return marker(meta);
  };

  // Hugo runs shortcodes inside raw HTML too: each call in an HTML block is drawn as it would be in text.
  const htmlBlock = rules.html_block;
  rules.html_block = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const original = (token.meta?.handbookHtml as string | undefined) ?? token.content;
    const calls = original.includes('{{') ? scanShortcodes(original).filter((c) => c.terminated && c.name !== '') : [];
    if (calls.length > 0) {
      token.meta = { ...token.meta, handbookHtml: original };
      const Make = token.constructor as new (type: string, tag: string, nesting: number) => Token;
      let out = '';
      let at = 0;
      for (const call of calls) {
        out += original.slice(at, call.start);
        const source = original.slice(call.start, call.end);
        const piece = new Make('handbook_shortcode_inline', '', 0);
        piece.meta = { name: call.name, call, source, closing: call.closing } satisfies ShortcodeMeta as unknown as Record<string, unknown>;
        if (call.inert) out += esc(literalOfCommentForm(source));
        else if (!call.closing && INCLUDE_SHORTCODES.has(call.name)) out += renderInclude(piece, options, env, self, false);
        else out += rules.handbook_shortcode_inline!([piece], 0, options, env, self);
        at = call.end;
      }
      token.content = out + original.slice(at);
    }
    try {
      return htmlBlock ? htmlBlock(tokens, idx, options, env, self) : token.content;
    } finally {
      token.content = original;
    }
  };

  // Heading ids as Hugo gives them, numbered across the page and what it includes, in reading order.
  const headingOpen = rules.heading_open;
  rules.heading_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const custom = token.meta?.handbookCustomId as string | undefined;
    const ids = stateOf(env).ids;
    // An id set by hand is taken: a later heading with the same slug gets -1 (goldmark's rule).
    if (custom !== undefined) ids.reserve(custom);
    token.attrSet('id', custom ?? ids.id(tokens[idx + 1]?.content ?? ''));
    return headingOpen ? headingOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };

  // Site-root and relative links: to the workspace file they reach, so that clicking opens it.
  const linkOpen = rules.link_open;
  rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    token.meta ??= {};
    // Tokens are cached per document version and rendered again: the original href is kept.
    const href = (token.meta.handbookHref as string | undefined) ?? token.attrGet('href') ?? '';
    token.meta.handbookHref = href;
    const page = stateOf(env).page;
    if (page && href !== '' && !href.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) {
      const entry = own(page.data.links, href);
      if (!entry) page.want('link', href);
      else if (entry.href) {
        token.attrSet('href', entry.href);
        token.attrSet('data-href', entry.href);
        if (entry.title && !token.attrGet('title')) token.attrSet('title', entry.title);
      } else if (entry.missing) {
        setClass(token, 'handbook-link-missing');
        if (!token.attrGet('title')) token.attrSet('title', 'No page or file of the site at this link');
      }
    }
    return linkOpen ? linkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };

  // Terms of responsibility tables carry their definition.
  const tdOpen = rules.td_open;
  rules.td_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const key = token.meta?.handbookTermKey as string | undefined;
    const terms = stateOf(env).page?.data.terms;
    const term = key === undefined || !terms ? undefined : own(terms, key);
    if (term) {
      setClass(token, 'handbook-term');
      token.attrSet('title', term.definition || term.term);
    }
    return tdOpen ? tdOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };

  return md;
}

/** A map's own entry: an include path or link may be "constructor" or "__proto__". */
function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

const tabHeader = (call: ShortcodeCall): string => arg(call, 'header', 0) ?? 'Tab';

/** The indexes of the `tab` calls directly inside the tab pane opened at tokens[at] (calls are paired by then). */
function childTabs(tokens: Token[], at: number): number[] {
  const tabs: number[] = [];
  let depth = 0;
  for (let i = at + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'handbook_shortcode_open') {
      if (depth === 0 && shortcodeMeta(t).name === 'tab') tabs.push(i);
      depth++;
    } else if (t.type === 'handbook_shortcode_close') {
      if (depth === 0) break;
      depth--;
    }
  }
  return tabs;
}

/** Adds a class once (tokens are rendered again from VS Code's cache). */
function setClass(token: Token, classes: string): void {
  const have = new Set((token.attrGet('class') ?? '').split(/\s+/).filter(Boolean));
  for (const c of classes.split(/\s+/)) have.add(c);
  token.attrSet('class', [...have].join(' '));
}

// ---- parse-time rules --------------------------------------------------------------------------

/** Front matter at the top of a page (not of an included file): the page's title and description. */
const frontMatterRule: BlockRule = (state, startLine, _endLine, silent) => {
  if (startLine !== 0 || state.blkIndent !== 0 || state.level !== 0 || state.env[INCLUDE_PARSE]) return false;
  const first = state.src.charCodeAt(state.bMarks[0]! + state.tShift[0]!);
  if (first !== 0x2d && first !== 0x2b && first !== 0x7b && first !== 0xfeff) return false;
  const fm = parseFrontMatter(state.src);
  if (!fm) return false;
  if (silent) return true;
  let line = 0;
  while (line < state.bMarks.length - 1 && state.bMarks[line]! < fm.end) line++;
  const token = state.push('handbook_front_matter', '', 0);
  token.block = true;
  token.map = [0, line];
  token.meta = { title: stringField(fm, 'title'), description: stringField(fm, 'description'), errors: fm.errors.map((e) => e.message) };
  state.line = line;
  return true;
};

/** A shortcode call that is a line (or lines) of its own: a block. */
const blockShortcodeRule: BlockRule = (state, startLine, endLine, silent) => {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  const src = state.src;
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  const d = src[pos + 2];
  if (d !== '<' && d !== '%') return false;
  // A call's arguments may run over a few lines.
  const lastLine = Math.min(endLine - 1, startLine + 20);
  const call = scanShortcodes(src, pos, state.eMarks[lastLine])[0];
  if (!call || call.start !== pos || !call.terminated || call.inert || call.name === '') return false;
  let line = startLine;
  while (line < lastLine && state.eMarks[line]! < call.end) line++;
  if (src.slice(call.end, state.eMarks[line]).trim() !== '') return false;
  if (silent) return true;
  const meta: ShortcodeMeta = { name: call.name, call, source: src.slice(call.start, call.end), closing: call.closing };
  let type = 'handbook_shortcode';
  if (call.closing) type = 'handbook_shortcode_close';
  else if (INCLUDE_SHORTCODES.has(call.name)) type = 'handbook_include';
  else if (!call.selfClosing && closesLater(state.env, src, call)) type = 'handbook_shortcode_open';
  // Nesting 0: a paired shortcode need not close in the Markdown block it opened in.
  const token = state.push(type, '', 0);
  token.block = true;
  token.map = [startLine, line + 1];
  token.meta = meta as unknown as Record<string, unknown>;
  state.line = line + 1;
  return true;
};

const CLOSINGS = Symbol('handbook preview closing tags');
const CLOSING_TAG = /\{\{[<%]-?\s*\/\s*([A-Za-z0-9_\-./]+)\s*-?[>%]\}\}/g;

/** True when a closing tag of the call's shortcode follows it (every closing tag found in one scan per parse). */
function closesLater(env: Env, src: string, call: ShortcodeCall): boolean {
  let memo = env[CLOSINGS] as { src: string; last: Map<string, number> } | undefined;
  if (memo?.src !== src) {
    const last = new Map<string, number>();
    for (const m of src.matchAll(CLOSING_TAG)) last.set(m[1]!, m.index);
    memo = { src, last };
    env[CLOSINGS] = memo;
  }
  return (memo.last.get(call.name) ?? -1) >= call.end;
}

/** A shortcode call inside a line of text, and the comment form as the literal call. */
const inlineShortcodeRule: InlineRule = (state, silent) => {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  const d = src[pos + 2];
  if (d !== '<' && d !== '%') return false;
  // One call, not every call to the end of the paragraph (a line of many labels stays linear).
  const call = scanShortcodes(src, pos, Math.min(state.posMax, pos + 4000))[0];
  if (!call || call.start !== pos || !call.terminated) return false;
  if (!silent) {
    const text = src.slice(call.start, call.end);
    if (call.inert) {
      const token = state.push('text', '', 0);
      token.content = literalOfCommentForm(text);
    } else {
      const token = state.push('handbook_shortcode_inline', '', 0);
      token.meta = { name: call.name, call, source: text, closing: call.closing } satisfies ShortcodeMeta as unknown as Record<string, unknown>;
    }
  }
  state.pos = call.end;
  return true;
};

/** After the block pass: `{#id}` off headings, paired shortcodes matched, comment shortcodes dropped. */
const structureRule: CoreRule = (state) => {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open') {
      const inline = tokens[i + 1];
      const attrs = inline ? headingAttributes(inline.content) : undefined;
      if (inline && attrs && attrs.text !== inline.content) {
        // The attribute list is goldmark's, not text: `## Title {#id .class}`.
        inline.content = attrs.text.trimEnd();
        if (attrs.id !== undefined) t.meta = { ...t.meta, handbookCustomId: attrs.id };
      }
    }
  }
  // Each closing tag closes the innermost open call of its name; what stays unmatched is a marker.
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'handbook_shortcode_open') open.push(i);
    else if (t.type === 'handbook_shortcode_close') {
      const name = shortcodeMeta(t).name;
      const at = open.map((j) => shortcodeMeta(tokens[j]!).name).lastIndexOf(name);
      if (at === -1) {
        t.type = 'handbook_shortcode';
        continue;
      }
      // Calls opened inside this one and never closed are markers.
      for (const j of open.splice(at).slice(1)) tokens[j]!.type = 'handbook_shortcode';
    }
  }
  for (const j of open) tokens[j]!.type = 'handbook_shortcode';
  // {{< comment >}}…{{< /comment >}}: Hugo renders nothing of it.
  const kept: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    const isComment = (t.type === 'handbook_shortcode_open' || t.type === 'handbook_shortcode_close') && shortcodeMeta(t).name === 'comment';
    if (isComment && t.type === 'handbook_shortcode_open') depth++;
    if (depth === 0 && !isComment) kept.push(t);
    if (isComment && t.type === 'handbook_shortcode_close') depth--;
  }
  if (kept.length !== tokens.length) state.tokens.splice(0, tokens.length, ...kept);
};

// A goldmark block attribute list (`parser.attribute.block`, which the handbook turns on): `{#id .class
// key=value}` alone on the line after a block gives that block those attributes. The engine's grammar
// (server/src/parse/headings.ts), whose ids are the page's anchors: names as goldmark reads them
// (`{.shadow.medium.center}` is one class, on the handbook's pictures).
const ATTR_ITEMS = new RegExp(ATTRIBUTE_ITEM, 'g');
/** Attributes a block attribute list may set in the preview: no event handlers, no inline style. */
const SAFE_ATTRIBUTE = /^(?:id|class|title|lang|dir|role|data-[\w.:-]+)$/i;

interface BlockAttributes {
  id?: string;
  classes: string[];
  other: [string, string][];
}

/** The attributes of an attribute list line, or undefined when the line is no attribute list. */
export function blockAttributes(line: string): BlockAttributes | undefined {
  const list = BLOCK_ATTRIBUTES.exec(line)?.[1];
  if (list === undefined) return undefined;
  const out: BlockAttributes = { classes: [], other: [] };
  for (const [item] of list.matchAll(ATTR_ITEMS)) {
    if (item[0] === '#') out.id = item.slice(1);
    else if (item[0] === '.') out.classes.push(item.slice(1));
    else {
      const eq = item.indexOf('=');
      const name = item.slice(0, eq).trim();
      const value = item.slice(eq + 1).trim().replace(/^(["'])([\s\S]*)\1$/, '$2');
      if (name === 'id') out.id = value;
      else if (name === 'class') out.classes.push(...value.split(/\s+/).filter(Boolean));
      else if (SAFE_ATTRIBUTE.test(name)) out.other.push([name, value]);
    }
  }
  return out;
}

function applyAttributes(token: Token, attrs: BlockAttributes, withId: boolean): void {
  if (withId && attrs.id !== undefined) token.attrSet('id', attrs.id);
  if (attrs.classes.length > 0) setClass(token, attrs.classes.join(' '));
  for (const [name, value] of attrs.other) token.attrSet(name, value);
}

/**
 * An attribute line in a list item that more items follow ends the list there, as goldmark reads it:
 * the list (which took the attributes) closes after that item and the next items start a new list of
 * the same kind (an ordered one at the next item's number).
 */
function endListAfter(state: StateCore, list: number, item: number): void {
  const tokens = state.tokens;
  const open = tokens[list]!;
  let close = item + 1;
  while (close < tokens.length && !(tokens[close]!.type === 'list_item_close' && tokens[close]!.level === tokens[item]!.level)) close++;
  const next = tokens[close + 1];
  if (!next || next.type !== 'list_item_open' || next.level !== tokens[item]!.level) return;
  const kind = open.type.replace(/_open$/, '');
  const end = new state.Token(`${kind}_close`, open.tag, -1);
  const again = new state.Token(open.type, open.tag, 1);
  for (const t of [end, again]) {
    t.level = open.level;
    t.block = true;
    t.markup = open.markup;
  }
  if (kind === 'ordered_list') {
    const n = Number.parseInt(next.info, 10);
    if (Number.isFinite(n) && n !== 1) again.attrSet('start', String(n));
  }
  tokens.splice(close + 1, 0, end, again);
}

/** The index of the last token of `type` at or before `from`, or -1. */
function lastOfType(tokens: Token[], type: string, from: number): number {
  for (let i = from; i >= 0; i--) if (tokens[i]!.type === type) return i;
  return -1;
}

/** The index of the token that opens the block holding tokens[at], or -1 at the top. */
function parentOf(tokens: Token[], at: number): number {
  const level = tokens[at]!.level;
  for (let i = at - 1; i >= 0; i--) if (tokens[i]!.nesting === 1 && tokens[i]!.level === level - 1) return i;
  return -1;
}

/**
 * After the block pass: block attribute lists applied and taken out of the text. markdown-it reads the
 * line as the last line of the paragraph above (in a quote or a list item too, where it belongs to the
 * quote or the list, as in Hugo), or as a table's last row; alone after a blank line or a code block it
 * sets nothing and shows nothing; after a heading it gives its class (Hugo keeps the heading's own id).
 */
const blockAttributesRule: CoreRule = (state) => {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open') {
      const nl = t.content.lastIndexOf('\n');
      const attrs = blockAttributes(t.content.slice(nl + 1));
      if (!attrs) continue;
      if (nl === -1) {
        // Right under a heading (heading_open, inline, heading_close, then this paragraph).
        const heading = tokens[i - 2]?.type === 'heading_close' ? tokens[i - 4] : undefined;
        const line = tokens[i - 1]!.map?.[0];
        if (heading?.type === 'heading_open' && line !== undefined && heading.map?.[1] === line) applyAttributes(heading, attrs, false);
        tokens.splice(i - 1, 3);
        i -= 2;
        continue;
      }
      t.content = t.content.slice(0, nl);
      let target = i - 1;
      let item = -1;
      for (;;) {
        const parent = parentOf(tokens, target);
        const type = parent === -1 ? '' : tokens[parent]!.type;
        if (type === 'blockquote_open') target = parent;
        else if (type === 'list_item_open' && parentOf(tokens, parent) !== -1) {
          item = parent;
          target = parentOf(tokens, parent);
        } else break;
      }
      applyAttributes(tokens[target]!, attrs, true);
      if (item !== -1) endListAfter(state, target, item);
    } else if (t.type === 'tbody_close' && tokens[i - 1]?.type === 'tr_close') {
      // The table's last row: one cell with the attribute list, the others empty.
      // Searched back from here: this runs for every table of the page on every parse, which VS Code's
      // Markdown support makes on each edit of an open page (in the extension host, for the outline).
      const rowOpen = lastOfType(tokens, 'tr_open', i - 1);
      if (rowOpen === -1) continue;
      const row = tokens.slice(rowOpen, i);
      const cells = row.filter((x) => x.type === 'inline');
      const attrs = cells.length > 0 && cells.slice(1).every((c) => c.content.trim() === '') ? blockAttributes(cells[0]!.content) : undefined;
      if (!attrs) continue;
      const table = lastOfType(tokens, 'table_open', rowOpen);
      if (table === -1) continue;
      applyAttributes(tokens[table]!, attrs, true);
      tokens.splice(rowOpen, row.length);
      i = rowOpen;
    }
  }
};

/** After the inline pass: first-column cells of table bodies marked as possible terms; comment form in code. */
const cellsRule: CoreRule = (state) => {
  let inBody = false;
  let column = 0;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'tbody_open') inBody = true;
    else if (t.type === 'tbody_close') inBody = false;
    else if (t.type === 'tr_open') column = 0;
    else if (t.type === 'td_open' && inBody && column++ === 0) {
      const content = tokens[i + 1]?.type === 'inline' ? tokens[i + 1]!.content : '';
      if (content.trim() !== '') t.meta = { ...t.meta, handbookTermKey: termKey(content) };
    } else if ((t.type === 'fence' || t.type === 'code_block') && t.content.includes('{{')) {
      t.content = literalOfCommentForm(t.content);
    } else if (t.type === 'inline') {
      for (const c of t.children ?? []) if (c.type === 'code_inline' && c.content.includes('{{')) c.content = literalOfCommentForm(c.content);
    }
  }
};

