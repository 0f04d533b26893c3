// The scale plot as a hand-written SVG: the checker's wall time and peak RSS against pages, each beside
// the straight line through the origin and the 1× point (what linear growth would give).

const W = 880;
const H = 380;
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** A round step for about four to five ticks up to `max`. */
function xStep(max) {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [5, 2, 1].map((m) => m * p).find((s) => s <= raw) ?? p;
}

/**
 * One panel: series of [x, y] points (y undefined = over the limit, drawn as an arrow at the top).
 * @param {{x0: number, title: string, unit: string, xs: number[], series: {name: string, color: string, points: [number, number|undefined][], dashed?: boolean}[]}} p
 */
function panel({ x0, title, unit, series, xMax, limitY }) {
  const left = x0 + 62;
  const top = 48;
  const width = W / 2 - 90;
  const height = H - 120;
  const ys = series.flatMap((s) => s.points.map((pt) => pt[1]).filter((y) => y !== undefined));
  const yMax = niceMax(Math.max(...ys, limitY ?? 0) * 1.05);
  const X = (x) => left + (x / xMax) * width;
  const Y = (y) => top + height - (y / yMax) * height;
  let out = `<text x="${left + width / 2}" y="28" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>\n`;
  for (let i = 0; i <= 5; i++) {
    const y = (yMax * i) / 5;
    out += `<line x1="${left}" x2="${left + width}" y1="${Y(y)}" y2="${Y(y)}" stroke="#e3e3e3"/>`;
    out += `<text x="${left - 8}" y="${Y(y) + 4}" text-anchor="end" font-size="11">${+y.toPrecision(3)}</text>\n`;
  }
  const step = xStep(xMax);
  for (let x = 0; x <= xMax + 1e-9; x += step) {
    out += `<line x1="${X(x)}" x2="${X(x)}" y1="${top}" y2="${top + height}" stroke="#f0f0f0"/>`;
    out += `<text x="${X(x)}" y="${top + height + 16}" text-anchor="middle" font-size="11">${Math.round(x).toLocaleString('en-US')}</text>\n`;
  }
  out += `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + height}" stroke="#555"/><line x1="${left}" x2="${left + width}" y1="${top + height}" y2="${top + height}" stroke="#555"/>\n`;
  out += `<text x="${left + width / 2}" y="${top + height + 36}" text-anchor="middle" font-size="12">pages checked</text>\n`;
  out += `<text transform="translate(${x0 + 16} ${top + height / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(unit)}</text>\n`;
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => p[1] !== undefined);
    if (pts.length > 1) {
      out += `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.map((p) => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(' ')}"/>\n`;
    }
    if (!s.dashed) {
      for (const p of s.points) {
        if (p[1] === undefined) out += `<text x="${X(p[0])}" y="${top + 10}" text-anchor="middle" font-size="12" fill="${s.color}">▲ over limit</text>\n`;
        else out += `<circle cx="${X(p[0]).toFixed(1)}" cy="${Y(p[1]).toFixed(1)}" r="4" fill="${s.color}"/>\n`;
      }
    }
    const ly = top + 12 + i * 16;
    out += `<line x1="${left + 10}" x2="${left + 34}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`;
    out += `<text x="${left + 40}" y="${ly + 4}" font-size="11">${esc(s.name)}</text>\n`;
  });
  return out;
}

/**
 * @param {{pages: number, wallMs: number|undefined, cpuMs?: number, rssMB: number|undefined, floorMs?: number}[]} points by copies, first = 1×
 * @param {string} caption machine and date line
 */
export function scaleSvg(points, caption) {
  const base = points[0];
  const most = Math.max(...points.map((p) => p.pages)) * 1.02;
  const xMax = Math.ceil(most / xStep(most)) * xStep(most);
  const linear = (v) => (v === undefined ? [] : points.map((p) => [p.pages, (v * p.pages) / base.pages]));
  const time = panel({
    x0: 0,
    title: 'Whole-site check: time',
    unit: 'seconds',
    xMax,
    series: [
      { name: 'handbook-check', color: '#1f6feb', points: points.map((p) => [p.pages, p.wallMs === undefined ? undefined : p.wallMs / 1000]) },
      { name: 'linear from 1×', color: '#1f6feb', dashed: true, points: linear(base.wallMs).map(([x, y]) => [x, y / 1000]) },
      ...(points.every((p) => p.cpuMs !== undefined)
        ? [{ name: 'handbook-check CPU (user+sys)', color: '#54aeff', points: points.map((p) => [p.pages, p.cpuMs / 1000]) }]
        : []),
      ...(points.every((p) => p.floorMs !== undefined)
        ? [{ name: 'floor (read + one regex)', color: '#8b949e', points: points.map((p) => [p.pages, p.floorMs / 1000]) }]
        : []),
    ],
  });
  const mem = panel({
    x0: W / 2,
    title: 'Whole-site check: peak RSS',
    unit: 'MB',
    xMax,
    series: [
      { name: 'handbook-check', color: '#d1242f', points: points.map((p) => [p.pages, p.rssMB]) },
      { name: 'linear from 1×', color: '#d1242f', dashed: true, points: linear(base.rssMB) },
    ],
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
${time}${mem}<text x="${W / 2}" y="${H - 14}" text-anchor="middle" font-size="11" fill="#555">${esc(caption)}</text>
</svg>
`;
}
