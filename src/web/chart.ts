/**
 * The live trace: the LED's brightness over the last seconds as an area filled with the colour it
 * showed, so a blink, a breath and a colour change are visible at a glance.
 */
import type { LedSample } from '../signal/types.js';

export interface TraceChart {
  add(sample: LedSample): void;
  clear(): void;
  draw(): void;
}

/** Display colour of a linear-light sample: hue kept, brightness normalised, sRGB-encoded. */
export function displayColor(s: { r: number; g: number; b: number }): string {
  const m = Math.max(s.r, s.g, s.b);
  if (!(m > 0)) return 'rgb(90,90,90)';
  const enc = (v: number) => Math.round(255 * Math.pow(Math.max(0, v / m), 1 / 2.2));
  return `rgb(${enc(s.r)},${enc(s.g)},${enc(s.b)})`;
}

export function createTraceChart(canvas: HTMLCanvasElement, windowMs = 12000): TraceChart {
  let samples: LedSample[] = [];
  const ctx = canvas.getContext('2d');

  function draw(): void {
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const cssW = canvas.clientWidth || 600;
    const cssH = canvas.clientHeight || 120;
    if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
      canvas.width = Math.round(cssW * dpr);
      canvas.height = Math.round(cssH * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    ctx.fillStyle = '#11151c';
    ctx.fillRect(0, 0, cssW, cssH);
    const padL = 30, padB = 16, padT = 6;
    const plotW = cssW - padL - 6, plotH = cssH - padB - padT;
    const tEnd = samples.length ? samples[samples.length - 1].tMs : windowMs;
    const tStart = tEnd - windowMs;
    const xOf = (t: number) => padL + ((t - tStart) / windowMs) * plotW;
    const yOf = (l: number) => padT + plotH - Math.min(1.1, Math.max(0, l)) / 1.1 * plotH;

    // grid: brightness 0 / 0.5 / 1 and one line per second
    ctx.strokeStyle = '#232a35';
    ctx.lineWidth = 1;
    ctx.fillStyle = '#6b7687';
    ctx.font = '10px system-ui, sans-serif';
    for (const l of [0, 0.5, 1]) {
      const y = Math.round(yOf(l)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(padL, y);
      ctx.lineTo(padL + plotW, y);
      ctx.stroke();
      ctx.fillText(l.toFixed(1), 4, y + 3);
    }
    for (let s = Math.ceil(tStart / 1000); s * 1000 <= tEnd; s++) {
      const x = Math.round(xOf(s * 1000)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, padT);
      ctx.lineTo(x, padT + plotH);
      ctx.stroke();
      if (s % 2 === 0 && s >= 0) ctx.fillText(`${s}s`, x - 6, cssH - 4);
    }
    if (samples.length < 2) {
      ctx.fillStyle = '#6b7687';
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText('The LED trace appears here once the LED is found.', padL + 10, padT + plotH / 2);
      return;
    }
    // a gap (frames the page could not read) is drawn as a gap, not bridged
    const diffs: number[] = [];
    for (let i = Math.max(1, samples.length - 60); i < samples.length; i++) diffs.push(samples[i].tMs - samples[i - 1].tMs);
    diffs.sort((p, q) => p - q);
    const gapMs = 3.5 * (diffs[diffs.length >> 1] || 33);
    // colour-filled area under the brightness curve
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1], b = samples[i];
      if (b.tMs < tStart || b.tMs - a.tMs > gapMs) continue;
      const x0 = xOf(a.tMs), x1 = xOf(b.tMs);
      // a dark LED has no colour worth showing: its hue would be sensor noise
      ctx.fillStyle = b.luma < 0.15 ? '#3a4250' : displayColor(b);
      ctx.globalAlpha = 0.85;
      const y = yOf(b.luma);
      ctx.fillRect(x0, y, Math.max(1, x1 - x0 + 0.5), padT + plotH - y);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#e8edf4';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let prevT = -Infinity;
    for (const s of samples) {
      if (s.tMs < tStart) continue;
      const x = xOf(s.tMs), y = yOf(s.luma);
      if (s.tMs - prevT > gapMs) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
      prevT = s.tMs;
    }
    ctx.stroke();
  }

  return {
    add(sample) {
      samples.push(sample);
      // drop a second's worth at a time, not one sample per frame
      if (samples[0].tMs < sample.tMs - windowMs - 1000) samples = samples.filter((s) => s.tMs >= sample.tMs - windowMs);
    },
    clear() {
      samples = [];
    },
    draw,
  };
}
