// The scaling chart, written as plain SVG (no browser, no dependency): two log-log panels,
// time against corpus size and peak memory against corpus size, one point per measured size.

const W = 460;
const H = 340;
const M = { left: 62, right: 16, top: 34, bottom: 52 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(1));

function logTicks(lo, hi) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

/**
 * One panel. series: [{ name, points: [[x, y]…], dashed? }]; refs: horizontal target lines
 * [{ y, label }]; guide: a dashed "linear" line through the first point of series[0].
 */
function panel({ x0, title, xLabel, yLabel, series, refs = [], guide = true }) {
  const all = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  const ys = [...all.map(([, y]) => y), ...refs.map((r) => r.y)];
  const xs = all.map(([x]) => x);
  if (all.length === 0) return '';
  const xlo = 10 ** Math.floor(Math.log10(Math.min(...xs)));
  const xhi = 10 ** Math.ceil(Math.log10(Math.max(...xs) * 1.0001));
  const ylo = 10 ** Math.floor(Math.log10(Math.min(...ys)));
  const yhi = 10 ** Math.ceil(Math.log10(Math.max(...ys) * 1.0001));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x) => x0 + M.left + ((Math.log10(x) - Math.log10(xlo)) / (Math.log10(xhi) - Math.log10(xlo))) * pw;
  const sy = (y) => M.top + ph - ((Math.log10(y) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo))) * ph;
  const out = [];
  out.push(`<text x="${x0 + M.left + pw / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  out.push(`<rect x="${x0 + M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  for (const t of logTicks(xlo, xhi)) {
    out.push(`<line x1="${sx(t)}" y1="${M.top}" x2="${sx(t)}" y2="${M.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${sx(t)}" y="${M.top + ph + 16}" text-anchor="middle" font-size="11">${fmt(t)}</text>`);
  }
  for (const t of logTicks(ylo, yhi)) {
    out.push(`<line x1="${x0 + M.left}" y1="${sy(t)}" x2="${x0 + M.left + pw}" y2="${sy(t)}" stroke="#eee"/>`);
    out.push(`<text x="${x0 + M.left - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  out.push(`<text x="${x0 + M.left + pw / 2}" y="${H - 18}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(${x0 + 16},${M.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`);
  for (const r of refs) {
    if (r.y < ylo || r.y > yhi) continue;
    out.push(`<line x1="${x0 + M.left}" y1="${sy(r.y)}" x2="${x0 + M.left + pw}" y2="${sy(r.y)}" stroke="#d62728" stroke-dasharray="2,3"/>`);
    out.push(`<text x="${x0 + M.left + 4}" y="${sy(r.y) - 4}" font-size="10" fill="#d62728">${esc(r.label)}</text>`);
  }
  if (guide && series[0]?.points.length) {
    const [gx, gy] = series[0].points[0];
    const a = [xlo, (gy * xlo) / gx];
    const b = [xhi, (gy * xhi) / gx];
    out.push(`<line x1="${sx(a[0])}" y1="${sy(Math.max(a[1], ylo))}" x2="${sx(b[0])}" y2="${sy(Math.min(b[1], yhi))}" stroke="#aaa" stroke-dasharray="6,4"/>`);
  }
  series.forEach((s, i) => {
    const pts = s.points.filter(([x, y]) => x > 0 && y > 0);
    const color = s.color ?? COLORS[i % COLORS.length];
    if (pts.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y] of pts) out.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3.5" fill="${color}"><title>${esc(`${s.name}: ${fmt(y)} at ${fmt(x)} MB`)}</title></circle>`);
    const ly = M.top + 14 + i * 15;
    out.push(`<line x1="${x0 + M.left + 8}" y1="${ly - 4}" x2="${x0 + M.left + 24}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${x0 + M.left + 28}" y="${ly}" font-size="11">${esc(s.name)}</text>`);
  });
  if (guide) {
    const ly = M.top + 14 + series.length * 15;
    out.push(`<line x1="${x0 + M.left + 8}" y1="${ly - 4}" x2="${x0 + M.left + 24}" y2="${ly - 4}" stroke="#aaa" stroke-dasharray="6,4"/>`);
    out.push(`<text x="${x0 + M.left + 28}" y="${ly}" font-size="11">linear in size</text>`);
  }
  return out.join('\n');
}

/** results: the object bench/run.mjs writes to results.json. */
export function scalingSvg(results) {
  const runs = results.runs;
  const x = (r) => r.corpus.bytes / 1048576;
  const pts = (f) => runs.filter((r) => f(r) != null).map((r) => [x(r), f(r)]);
  const time = panel({
    x0: 0,
    title: 'Time against corpus size',
    xLabel: 'corpus size (MB of input files, log)',
    yLabel: 'seconds (log)',
    series: [
      { name: `kg build, wall (${results.machine.jobs} workers)`, points: pts((r) => r.kgBuild?.wallSeconds) },
      { name: 'kg build, extraction phase', points: pts((r) => r.kgBuild?.extractionSeconds) },
      { name: 'extraction, 1 thread in-process', points: pts((r) => r.inProcess && r.inProcess.extraction.decodeSeconds + r.inProcess.extraction.extractSeconds) },
      { name: 'graph build + Louvain', points: pts((r) => r.inProcess && r.inProcess.graph.buildSeconds + r.inProcess.graph.louvainSeconds) },
      { name: 'Neo4j batched load', points: pts((r) => r.neo4j?.batched?.seconds) },
    ],
    refs: [{ y: 180, label: 'target: 100 MB in 180 s' }],
  });
  const memory = panel({
    x0: W,
    title: 'Peak memory against corpus size',
    xLabel: 'corpus size (MB of input files, log)',
    yLabel: 'peak RSS, MB (log)',
    series: [
      { name: 'kg build (process, all workers)', points: pts((r) => r.kgBuild?.maxRssMb) },
      { name: 'in-process extraction + graph', points: pts((r) => r.inProcess?.maxRssMb) },
    ],
    refs: [{ y: 4096, label: 'target: 4 GB' }],
  });
  const foot = `${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, commit ${results.git.commit.slice(0, 8)}, ${results.date}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 16}" viewBox="0 0 ${2 * W} ${H + 16}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    time,
    memory,
    `<text x="${W}" y="${H + 10}" text-anchor="middle" font-size="10" fill="#666">${esc(foot)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
