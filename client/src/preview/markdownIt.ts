// The part of markdown-it's API the preview plugin uses, typed structurally: the plugin is handed
// VS Code's own markdown-it instance at run time and never imports the package itself.

export interface Token {
  type: string;
  tag: string;
  attrs: [string, string][] | null;
  map: [number, number] | null;
  nesting: number;
  level: number;
  children: Token[] | null;
  content: string;
  markup: string;
  info: string;
  meta: Record<string, unknown> | null;
  block: boolean;
  hidden: boolean;
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
  attrJoin(name: string, value: string): void;
}

export type Env = Record<string | symbol, unknown>;

export interface Renderer {
  rules: Record<string, RenderRule | undefined>;
  render(tokens: Token[], options: unknown, env: Env): string;
  renderAttrs(token: Token): string;
  renderToken(tokens: Token[], idx: number, options: unknown): string;
}

export type RenderRule = (tokens: Token[], idx: number, options: unknown, env: Env, self: Renderer) => string;

export interface StateBlock {
  src: string;
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  sCount: number[];
  blkIndent: number;
  line: number;
  level: number;
  env: Env;
  push(type: string, tag: string, nesting: number): Token;
}

export interface StateInline {
  src: string;
  pos: number;
  posMax: number;
  env: Env;
  push(type: string, tag: string, nesting: number): Token;
}

export interface StateCore {
  src: string;
  tokens: Token[];
  env: Env;
  /** markdown-it's token class, for tokens a rule adds. */
  Token: new (type: string, tag: string, nesting: number) => Token;
}

export type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
export type InlineRule = (state: StateInline, silent: boolean) => boolean;
export type CoreRule = (state: StateCore) => void;

export interface Ruler<R> {
  before(beforeName: string, ruleName: string, fn: R, options?: { alt?: string[] }): void;
  after(afterName: string, ruleName: string, fn: R, options?: { alt?: string[] }): void;
  push(ruleName: string, fn: R, options?: { alt?: string[] }): void;
}

export interface MarkdownIt {
  block: { ruler: Ruler<BlockRule> };
  inline: { ruler: Ruler<InlineRule> };
  core: { ruler: Ruler<CoreRule> };
  renderer: Renderer;
  utils: { escapeHtml(s: string): string };
  options: Record<string, unknown>;
  parse(src: string, env: Env): Token[];
  parseInline(src: string, env: Env): Token[];
  render(src: string, env?: Env): string;
}
