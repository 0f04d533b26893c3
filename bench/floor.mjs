// The floor: the least any checker of this site must do. Read every page (content/**.md) and every
// include file (assets/includes/**) once, and run one regex scan over each for link destinations and
// shortcode calls. No parsing, no index, no output beyond a count.
//   node bench/floor.mjs SITE_DIR
import * as fs from 'node:fs';
import * as path from 'node:path';

const site = path.resolve(process.argv[2] ?? '.');
const SCAN = /\]\(([^)\s]*)|\{\{[<%]\s*\/?\s*([\w/.-]+)/g;

let files = 0;
let bytes = 0;
let matches = 0;
const scanDir = (dir, keep) => {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) scanDir(p, keep);
    else if (e.isFile() && keep(e.name)) {
      const text = fs.readFileSync(p, 'utf8');
      files++;
      bytes += text.length;
      SCAN.lastIndex = 0;
      while (SCAN.exec(text) !== null) matches++;
    }
  }
};
scanDir(path.join(site, 'content'), (n) => /\.(md|markdown)$/i.test(n));
scanDir(path.join(site, 'assets', 'includes'), () => true);
process.stdout.write(JSON.stringify({ files, bytes, matches }) + '\n');
