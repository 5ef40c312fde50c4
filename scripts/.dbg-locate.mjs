// temporary debug: candidates over time for one clip
import { readFileSync } from 'node:fs';
import { openSource } from '../dist/source/open.js';
import { createLedSearch } from '../dist/locate/search.js';
const [file, side = '480', every = '1000'] = process.argv.slice(2);
const label = JSON.parse(readFileSync(file.replace(/\.mp4$/, '.json'), 'utf8'));
console.log('label', label.led, label.expected, label.conditions.join(' '));
globalThis.__ledDebug = new Map();
const src = await openSource(file);
const s = createLedSearch({});
let next = 1000, doneAt = null;
const fmt = (c) => `(${c.x.toFixed(0)},${c.y.toFixed(0)} r${c.radius.toFixed(1)} s${c.score.toFixed(3)} ch${c.change.toFixed(2)} sat${c.saturation.toFixed(2)} cl${c.clippedFraction.toFixed(2)} el${c.elongation.toFixed(1)} pk${c.peakContrast.toFixed(0)} h${c.hue === null ? '-' : c.hue.toFixed(0)})`;
for await (const f of src.frames({ maxSide: Number(side), durationS: 12 })) {
  const d = s.push(f);
  if (d && doneAt === null) { doneAt = f.timestampMs; globalThis.__ledDebug.clear(); const r = s.result(); console.log('DONE at', doneAt, 'loc', r.location && `${r.location.x.toFixed(0)},${r.location.y.toFixed(0)}`); r.candidates.slice(0,8).forEach(c=>console.log('  ', fmt(c))); break; }
  if (f.timestampMs >= next) { next += Number(every); const r = s.result(); console.log('t', f.timestampMs.toFixed(0)); r.candidates.slice(0, 4).forEach((c) => console.log('  ', fmt(c))); }
}
if (doneAt === null) { const r = s.result(); console.log('END loc', r.location && `${r.location.x.toFixed(0)},${r.location.y.toFixed(0)}`); r.candidates.slice(0,8).forEach(c=>console.log('  ', fmt(c))); }
if (process.env.SERIES) { const m = globalThis.__ledDebug; for (const k of process.env.SERIES.split(';')) { const v = m.get(k); console.log(k, v && JSON.stringify(v)); } }
if (process.env.NEAR) { const [nx, ny] = process.env.NEAR.split(',').map(Number); for (const k of globalThis.__ledDebug.keys()) { const [x, y] = k.split(',').map(Number); if (Math.hypot(x - nx, y - ny) < 40) console.log('near', k, JSON.stringify(globalThis.__ledDebug.get(k)).slice(0, 300)); } }
