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

export const GENERATED_SITES: SiteSource[] = [
  {
    name: 'generated-headings',
    files: {
      'hugo.yaml': HANDBOOK_CONFIG,
      'content/_index.md': page('Home', HEADING_TEXTS.map((t) => `## ${t}\n\nText.\n`).join('\n')),
    },
  },
];
