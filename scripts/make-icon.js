#!/usr/bin/env node
// Draws the extension icon, images/icon.png (128x128): a rounded square with a white "H" between
// shortcode braces. Pure Node (zlib) so it needs no image tools; run it again after changing it.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const SS = 4; // supersampling per axis, for smooth edges

function roundedSquare(x, y, inset, radius) {
  const lo = inset;
  const hi = SIZE - inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function rect(x, y, x0, y0, x1, y1) {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

// A curly brace of stroke width w on the vertical line x = cx, from y0 to y1: "{" for dir 1, "}" for -1.
function brace(x, y, cx, y0, y1, dir, w) {
  const mid = (y0 + y1) / 2;
  const t = Math.abs(y - mid) / ((y1 - y0) / 2); // 0 at the middle, 1 at the ends
  if (t > 1) return false;
  const tip = t < 0.14 ? -7 * (1 - t / 0.14) ** 2 : 0; // the point in the middle
  const curl = t > 0.8 ? 8 * ((t - 0.8) / 0.2) ** 2 : 0; // the ends turn inward
  return Math.abs(x - (cx + dir * (tip + curl))) <= w / 2;
}

function inkAt(x, y) {
  if (!roundedSquare(x, y, 4, 22)) return null;
  // Background: a vertical gradient from Hugo-like pink to a deep magenta.
  const t = y / SIZE;
  const bg = [Math.round(255 - 60 * t), Math.round(64 - 30 * t), Math.round(129 + 10 * t)];
  const white =
    rect(x, y, 44, 36, 55, 92) || // H, left stem
    rect(x, y, 73, 36, 84, 92) || // H, right stem
    rect(x, y, 44, 59, 84, 69) || // H, bar
    brace(x, y, 26, 34, 94, 1, 6) ||
    brace(x, y, 102, 34, 94, -1, 6);
  return white ? [255, 255, 255] : bg;
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = inkAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    if (a > 0) {
      raw[o] = Math.round(r / a);
      raw[o + 1] = Math.round(g / a);
      raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, '..', 'images', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`wrote ${path.relative(process.cwd(), out)} (${png.length} bytes)`);
