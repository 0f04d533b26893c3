// Test sites written from code: one kind of case in many variants. Each site is a map of files.
import type { SiteSource } from './oracle';

/** The handbook's Markdown settings, as in its config/_default/config.yaml. */
export const HANDBOOK_CONFIG = `baseURL: /
disableKinds: [taxonomy, term, RSS, sitemap, 404]
enableEmoji: true
markup:
  goldmark:
    parser:
      attribute:
        block: true
    renderer:
      unsafe: true
`;

const page = (title: string, body: string): string => `---\ntitle: ${JSON.stringify(title)}\n---\n\n${body}\n`;

/** Heading texts whose ids are easy to get wrong: punctuation, code, emoji, entities, duplicates. */
const HEADING_TEXTS = [
  'Plain words',
  'Plain words',
  'Mixed CASE and  double  spaces',
  'Punctuation: a, b; c! (d) [e] "f" \'g\'',
  'Under_score and snake_case_name',
  '_Emphasised_ and **bold** and *it*',
  'A `code span` inside',
  '`code` first',
  'Ends with `code`',
  'Link [text](/x/) inside',
  'Ampersand & and &amp; entity',
  'Dash - and -- double',
  'Numbers 1.2.3 and 100%',
  'Unicode café über naïve',
  'Emoji 🎉 party',
  '🚀 Leading emoji',
  'Emoji :tada: shortcode',
  '`code` and 🎉 emoji',
  '🎉 `code`',
  ':rocket: `deploy` now',
  'Trailing hashes ##',
  'Slash/and\\backslash',
  'Question? Yes!',
  'Dots... and…ellipsis',
  'HTML <span>inline</span> tag',
  '<a name="inline-anchor"></a>Anchor before text',
];

/**
 * Broken front matter, one site each (Hugo stops the build at the first): where Hugo says the error is.
 * Hugo 0.111 numbers YAML errors within the front matter; see knownDifferences.ts.
 */
const FRONT_MATTER_CASES: Record<string, string> = {
  'yaml-unterminated-double': '---\ntitle: "Unterminated\ndescription: x\nweight: 3\n---\n\nbody\n',
  'yaml-unterminated-single': "---\ntitle: x\ndescription: 'Unterminated\nweight: 3\n---\n\nbody\n",
  'yaml-bad-indent': '---\ntitle: x\n  bad: indent\nweight: 3\n---\n\nbody\n',
  'yaml-tab': '---\ntitle: x\n\tweight: 3\n---\n\nbody\n',
  'toml-two-values': '+++\ntitle = "x"\nweight = 3 4\ndescription = "y"\n+++\n\nbody\n',
  'toml-unterminated': '+++\ntitle = "x\nweight = 3\n+++\n\nbody\n',
  'toml-no-value': '+++\ntitle = "x"\nweight =\n+++\n\nbody\n',
  'json-double-comma': '{\n  "title": "x",\n  "weight": 3,,\n  "d": 1\n}\n\nbody\n',
  'json-missing-colon': '{\n  "title": "x",\n  "weight" 3\n}\n\nbody\n',
};

/** Every way of spelling a link to a page, a section, a bundle, a static file and an alias, site-root and relative. */
const TARGET_PATHS = ['/a/', '/a/b/', '/a/c/', '/', '/old-b/', '/images/x.png'];
const SPELLINGS = (t: string): string[] =>
  t.endsWith('.png')
    ? [t, t.toUpperCase(), `${t}#h`, t.replace('/images/', '../images/'), t.replace('/images/', '../../images/')]
    : t === '/'
      ? ['/', '/index.html', '/_index.md', '../', '../../', '#', '/#h', '/#home-heading']
      : [
          t,
          t.slice(0, -1),
          `${t}index.html`,
          `${t.slice(0, -1)}.md`,
          `${t}_index.md`,
          `${t}index.md`,
          `${t.slice(0, -1)}.html`,
          t.toUpperCase(),
          `${t}#h`,
          `${t.slice(0, -1)}#h`,
          `${t}#nope`,
          `${t.slice(0, -1)}.md#h`,
        ];
const RELATIVE = ['b.md', './b.md', 'b', 'b/', '../b/', '../a/b.md', './c/', 'c/index.md', 'c', '../', '../_index.md', '_index.md', './', 'b.md#h', 'b#nope', '../../', 'from.md', '#h', '../from/#h'];
const linkLines = (dests: string[]): string => dests.map((d, i) => `[l${i}](${d})`).join(' ');

export const GENERATED_SITES: SiteSource[] = [
  {
    name: 'generated-links',
    files: {
      'hugo.yaml': HANDBOOK_CONFIG,
      'content/_index.md': page('Home', '## Home heading\n\n## H\n'),
      'content/a/_index.md': page('A', '## H\n'),
      'content/a/b.md': `---\ntitle: B\naliases: [/old-b/]\n---\n\n## H\n`,
      'content/a/c/index.md': page('C', '## H\n'),
      'content/a/from.md': page('From', `## H\n\n${linkLines(TARGET_PATHS.flatMap(SPELLINGS))}\n\n${linkLines(RELATIVE)}\n`),
      'content/a/deep/d.md': page('D', `${linkLines(RELATIVE)}\n`),
      'static/images/x.png': 'PNG',
    },
  },
  ...Object.entries(FRONT_MATTER_CASES).map(([name, text]) => ({
    name: `front-matter-${name}`,
    files: { 'hugo.yaml': HANDBOOK_CONFIG, 'content/p.md': text },
    // The build stops: nothing is published, only the error is compared.
    skip: ['pages', 'aliases', 'links', 'heading ids', 'element ids'] as SiteSource['skip'],
  })),
  {
    name: 'generated-headings',
    files: {
      'hugo.yaml': HANDBOOK_CONFIG,
      'content/_index.md': page('Home', HEADING_TEXTS.map((t) => `## ${t}\n\nText.\n`).join('\n')),
    },
  },
];
