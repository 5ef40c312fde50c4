/**
 * A phone camera filming the scene: frame timing (CFR or jittery VFR with drops), hand shake and slow
 * drift, rolling shutter (each row exposed later than the one above), exposure integration of the LED
 * drive, lagging auto exposure, mains flicker, white-balance tint, per-channel sensor clipping (a bright
 * core goes white while the halo keeps the hue), shot and read noise, sRGB encoding, and the storage
 * rotation of a portrait clip. Renders at the output size; the LED is added analytically in a small box.
 * Pure and isomorphic.
 */
import { integrateDrive, type Drive, type Rgb } from './drive.js';
import { Prng } from './prng.js';
import { ledProfile, ledReachPx, type Scene } from './scene.js';

export interface CameraOptions {
  /** Displayed frame size. */
  width: number;
  height: number;
  fps: number;
  vfr: boolean;
  /** Exposure time of one row. */
  exposureMs: number;
  /** Time from the first row's exposure to the last's (rolling shutter). 0 = global shutter. */
  readoutMs: number;
  /** Hand-shake amplitude (px, RMS-ish) and slow drift over the clip (px). */
  shakePx: number;
  driftPx: number;
  /** Read-noise sigma at unit gain, as a fraction of full scale; shot-noise factor. */
  readNoise: number;
  shotNoise: number;
  /** White-balance multipliers (1,1,1 = neutral). */
  tint: readonly [number, number, number];
  /** Auto exposure: target mean, time constant, gain ceiling. */
  aeTarget: number;
  aeLagMs: number;
  aeMaxGain: number;
  /**
   * LED centre radiance at full drive, in the scene's units (white paper in normal room light = 1):
   * independent of the ambient light, so a dim room makes the LED bloom.
   */
  ledRadiance: number;
  /** Fraction of each LED channel's light that lands in the other two (sensor/LED spectra overlap). */
  crosstalk: number;
  /** Relative efficiency of the LED's red, green and blue dies as this sensor sees them. */
  ledDieGain: readonly [number, number, number];
  /** Mains flicker of the room light (Hz, 0 = none) and its depth (0..1). */
  flickerHz: number;
  flickerDepth: number;
  /** Defocus sigma (px), also applied to the LED's profile. */
  defocusPx: number;
  rotationDeg: 0 | 90 | 180 | 270;
  /** Another phone's image processing; absent = this renderer's own neutral camera. */
  look?: CameraLook;
}

/**
 * What a different phone model's image processor does on top of the sensor: its colour matrix
 * (saturation boost, a slight hue twist), its tone curve, and its sharpening. Used to render
 * held-out clips the classifier and the colour model were never tuned or trained on.
 */
export interface CameraLook {
  /** Colour saturation in linear light (1 = as the sensor sees; phones boost, 1.2–1.6). */
  saturation: number;
  /** Rotation of the colours around the grey axis (degrees). */
  hueShiftDeg: number;
  /** Exponent on the encoded value (1 = plain sRGB; < 1 brightens the mid-tones, > 1 deepens them). */
  toneGamma: number;
  /** Unsharp-mask amount on the encoded picture (0 = none; phones use 0.3–1.5). */
  sharpen: number;
}

/** Linear-light colour matrix of a look: saturation about the luma axis, then a hue rotation. */
function lookMatrix(look: CameraLook): Float32Array {
  // rotation about the grey axis (1,1,1)/√3 (Rodrigues), which keeps grey grey
  const a = (look.hueShiftDeg * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a), k = (1 - c) / 3, q = s / Math.sqrt(3);
  const rot = [c + k, k - q, k + q, k + q, c + k, k - q, k - q, k + q, c + k];
  const lw = [0.2126, 0.7152, 0.0722];
  const sat = look.saturation;
  const satM = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => (1 - sat) * lw[j] + (i === j ? sat : 0)));
  const m = new Float32Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 3 + j] = rot[i * 3] * satM[j] + rot[i * 3 + 1] * satM[3 + j] + rot[i * 3 + 2] * satM[6 + j];
  return m;
}

/** 3×3 unsharp mask in place on an interleaved RGB picture (edges left as they are). */
function unsharp(rgb: Uint8Array, w: number, h: number, amount: number, tmp: Uint8Array): void {
  tmp.set(rgb);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = (y * w + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const j = i + ch;
        const up = j - w * 3, dn = j + w * 3;
        const blur = (tmp[up - 3] + tmp[up] + tmp[up + 3] + tmp[j - 3] + tmp[j] + tmp[j + 3] + tmp[dn - 3] + tmp[dn] + tmp[dn + 3]) / 9;
        const v = tmp[j] + amount * (tmp[j] - blur);
        rgb[j] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
      }
    }
  }
}

/** Frame presentation times (ms) for a clip: exact CFR, or phone-like jitter with occasional drops. */
export function frameTimesMs(durationMs: number, fps: number, vfr: boolean, rng: Prng): Float64Array {
  const periodMs = 1000 / fps;
  const times: number[] = [];
  if (!vfr) {
    for (let i = 0; i * periodMs < durationMs - 1e-6; i++) times.push(i * periodMs);
    return Float64Array.from(times);
  }
  // VFR: the interval wanders slowly (the phone re-times in low light), jitters per frame, and now
  // and then a frame is dropped. Times are whole ms, as the container stores them.
  let t = 0;
  let drift = 0;
  let last = -1;
  while (t < durationMs) {
    const ms = Math.round(t);
    if (ms > last) {
      times.push(ms);
      last = ms;
    }
    drift = 0.95 * drift + 0.05 * rng.normal() * 0.08;
    let dt = periodMs * (1 + drift) + rng.normal() * Math.min(3, periodMs * 0.08);
    if (rng.chance(0.025)) dt += periodMs * (rng.chance(0.8) ? 1 : 2);
    t += Math.max(periodMs * 0.5, dt);
  }
  return Float64Array.from(times);
}

/** Smooth hand shake: a few incommensurate sinusoids per axis plus a slow drift, in px. */
export class ShakePath {
  private readonly terms: { ax: number; ay: number; f: number; px: number; py: number }[] = [];
  private readonly drift: { x: number; y: number; fx: number; fy: number; p: number };

  constructor(shakePx: number, driftPx: number, durationMs: number, rng: Prng) {
    const freqs = [0.7, 1.6, 3.1, 5.3, 8.9];
    for (const f0 of freqs) {
      const f = f0 * rng.uniform(0.8, 1.25);
      const a = (shakePx * 1.1) / Math.sqrt(f0); // more power at low frequency, like a hand
      this.terms.push({ ax: a * rng.uniform(0.4, 1), ay: a * rng.uniform(0.4, 1), f, px: rng.uniform(0, 6.28), py: rng.uniform(0, 6.28) });
    }
    const angle = rng.uniform(0, 2 * Math.PI);
    this.drift = { x: Math.cos(angle) * driftPx, y: Math.sin(angle) * driftPx, fx: 1 / Math.max(1, durationMs), fy: rng.uniform(0.05, 0.2), p: rng.uniform(0, 6.28) };
  }

  at(tMs: number): { x: number; y: number } {
    const s = tMs / 1000;
    let x = 0;
    let y = 0;
    for (const k of this.terms) {
      x += k.ax * Math.sin(2 * Math.PI * k.f * s + k.px);
      y += k.ay * Math.sin(2 * Math.PI * k.f * s + k.py);
    }
    const d = tMs * this.drift.fx;
    const wobble = Math.sin(2 * Math.PI * this.drift.fy * s + this.drift.p);
    x += this.drift.x * (d - 0.5) + 0.3 * this.drift.y * wobble;
    y += this.drift.y * (d - 0.5) + 0.3 * this.drift.x * wobble;
    return { x, y };
  }

  /** Largest excursion the path can reach (for sizing the scene's margin). */
  static boundPx(shakePx: number, driftPx: number): number {
    return shakePx * 1.1 * (1 / Math.sqrt(0.7) + 1 / Math.sqrt(1.6) + 1 / Math.sqrt(3.1) + 1 / Math.sqrt(5.3) + 1 / Math.sqrt(8.9)) + driftPx * 0.8 + 2;
  }
}

const NOISE_BITS = 20;
const NOISE_MASK = (1 << NOISE_BITS) - 1;
const SRGB_STEPS = 8192;

function srgbLut(toneGamma = 1): Uint8Array {
  const lut = new Uint8Array(SRGB_STEPS + 1);
  for (let i = 0; i <= SRGB_STEPS; i++) {
    const v = i / SRGB_STEPS;
    const s = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
    lut[i] = Math.round(Math.min(1, toneGamma === 1 ? s : Math.max(0, s) ** toneGamma) * 255);
  }
  return lut;
}

export interface FrameStats {
  /** Auto-exposure gain used for the frame. */
  gain: number;
  /** LED centre in displayed px for this frame (its first row's time). */
  ledX: number;
  ledY: number;
}

/** A camera bound to one scene and one LED drive; call `render` for successive frame times. */
export class Camera {
  private readonly lin: Float32Array;
  private readonly out: Uint8Array;
  private readonly noise: Float32Array;
  private readonly srgb: Uint8Array;
  private readonly lookM: Float32Array | null;
  private readonly sharpenTmp: Uint8Array | null;
  private readonly sigma = new Float32Array(1025);
  private readonly shake: ShakePath;
  private readonly rng: Prng;
  private readonly profile: Float32Array;
  private readonly profileStep = 8; // LUT samples per px of distance
  private readonly reachPx: number;
  /** Per-column LED emission of the current frame (rotated clips: the readout sweeps columns). */
  private readonly columnEmission: Float32Array;
  private readonly ledFlux: number;
  private readonly ledRadiance: number;
  private readonly gain0: number;
  private gain: number;
  private lastTMs: number | null = null;
  private readonly aeWobble: { f: number; p: number; a: number };

  constructor(
    readonly scene: Scene,
    readonly drive: Drive,
    readonly options: CameraOptions,
    durationMs: number,
    rng: Prng,
  ) {
    const { width: w, height: h } = options;
    this.lin = new Float32Array(w * h * 3);
    this.out = new Uint8Array(w * h * 3);
    this.srgb = srgbLut(options.look?.toneGamma ?? 1);
    this.lookM = options.look && (options.look.saturation !== 1 || options.look.hueShiftDeg !== 0) ? lookMatrix(options.look) : null;
    this.sharpenTmp = options.look && options.look.sharpen > 0 ? new Uint8Array(w * h * 3) : null;
    this.rng = rng.fork('camera-frames');
    const nrng = rng.fork('noise-table');
    this.noise = new Float32Array(NOISE_MASK + 1);
    for (let i = 0; i < this.noise.length; i++) this.noise[i] = nrng.normal();
    this.shake = new ShakePath(options.shakePx, options.driftPx, durationMs, rng.fork('shake'));
    this.reachPx = ledReachPx(scene.led.radius, options.defocusPx);
    this.columnEmission = new Float32Array((2 * this.reachPx + 4) * 3);
    this.profile = new Float32Array(Math.ceil(this.reachPx * 1.5 * this.profileStep) + 2);
    for (let i = 0; i < this.profile.length; i++) this.profile[i] = ledProfile(i / this.profileStep, scene.led.radius, options.defocusPx);
    let flux = 0;
    for (let y = -this.reachPx; y <= this.reachPx; y++) {
      for (let x = -this.reachPx; x <= this.reachPx; x++) flux += this.profileAt(Math.hypot(x, y));
    }
    this.ledFlux = flux / (w * h);
    // Exposure settles on the scene with the LED dark; the LED's brightness is set relative to that.
    this.gain0 = Math.min(options.aeMaxGain, options.aeTarget / Math.max(1e-4, scene.meanLuma));
    this.gain = this.gain0;
    this.ledRadiance = options.ledRadiance;
    const ae = rng.fork('ae');
    this.aeWobble = { f: ae.uniform(0.05, 0.3), p: ae.uniform(0, 6.28), a: ae.uniform(0.01, 0.05) };
  }

  private profileAt(d: number): number {
    const i = Math.round(d * this.profileStep);
    return i < this.profile.length ? this.profile[i] : 0;
  }

  /** LED emission (linear camera RGB before gain) for a drive level. */
  private emission(d: Rgb, out: [number, number, number]): [number, number, number] {
    const o = this.options;
    const r = d.r * o.ledDieGain[0];
    const g = d.g * o.ledDieGain[1];
    const b = d.b * o.ledDieGain[2];
    const x = o.crosstalk;
    out[0] = this.ledRadiance * (r + x * (g + b));
    out[1] = this.ledRadiance * (g + x * (r + b));
    out[2] = this.ledRadiance * (b + x * (r + g));
    return out;
  }

  /** Mean over the exposure of the room light's flicker factor, for a row starting at tMs. */
  private flicker(tMs: number): number {
    const o = this.options;
    if (o.flickerHz <= 0 || o.flickerDepth <= 0) return 1;
    const w = (2 * Math.PI * o.flickerHz) / 1000;
    const e = Math.max(0.01, o.exposureMs);
    const mean = (Math.cos(w * tMs) - Math.cos(w * (tMs + e))) / (w * e);
    return 1 + o.flickerDepth * mean;
  }

  /** Displayed position of the LED centre at time tMs. */
  ledPositionAt(tMs: number): { x: number; y: number } {
    const s = this.shake.at(tMs);
    const m = this.scene.marginPx;
    return { x: this.scene.led.x - m - s.x, y: this.scene.led.y - m - s.y };
  }

  /** Renders the frame whose first row starts exposing at tMs; returns bytes in stored orientation. */
  render(tMs: number): { rgb: Uint8Array; stats: FrameStats } {
    const o = this.options;
    const { width: w, height: h } = o;
    const scene = this.scene;
    const sw = scene.width;
    const src = scene.rgb;
    const lin = this.lin;
    // The sensor reads its rows one after another. In a rotated clip the sensor's rows are the
    // displayed frame's columns, so the readout sweeps across x instead of down y.
    const rot = o.rotationDeg;
    const sweepsX = rot === 90 || rot === 270;
    const lines = sweepsX ? w : h;
    const lineDt = lines > 1 ? o.readoutMs / (lines - 1) : 0;
    /** Start of exposure of displayed row y (rows sweep) or column x (columns sweep). */
    const lineTime = (i: number) => tMs + lineDt * (rot === 180 || rot === 90 ? lines - 1 - i : i);

    // Auto exposure: meter the previous frame's light and move the gain toward the target with lag.
    const emit: [number, number, number] = [0, 0, 0];
    const centre = integrateDrive(this.drive, tMs + o.readoutMs / 2, tMs + o.readoutMs / 2 + o.exposureMs);
    this.emission(centre, emit);
    const meter = scene.meanLuma * this.flicker(tMs) + this.ledFlux * (0.2126 * emit[0] + 0.7152 * emit[1] + 0.0722 * emit[2]);
    const wanted = Math.min(o.aeMaxGain, o.aeTarget / Math.max(1e-4, meter)) * (1 + this.aeWobble.a * Math.sin(2 * Math.PI * this.aeWobble.f * (tMs / 1000) + this.aeWobble.p));
    if (this.lastTMs !== null) {
      const k = 1 - Math.exp(-(tMs - this.lastTMs) / Math.max(1, o.aeLagMs));
      this.gain *= (wanted / this.gain) ** k;
    }
    this.lastTMs = tMs;
    const gain = this.gain;

    // Background: per row, shifted by the shake at that row's time (bilinear), times light and gain.
    const m = scene.marginPx;
    const midMs = tMs + o.readoutMs / 2;
    for (let y = 0; y < h; y++) {
      const tRow = sweepsX ? midMs : lineTime(y);
      const s = this.shake.at(tRow);
      const sx = m + s.x;
      const sy = y + m + s.y;
      const ix = Math.floor(sx);
      const iy = Math.floor(sy);
      const fx = sx - ix;
      const fy = sy - iy;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const k = gain * (sweepsX ? 1 : this.flicker(tRow));
      const kr = k * o.tint[0];
      const kg = k * o.tint[1];
      const kb = k * o.tint[2];
      let si = (iy * sw + ix) * 3;
      const down = sw * 3;
      let di = y * w * 3;
      for (let x = 0; x < w; x++, si += 3, di += 3) {
        lin[di] = (w00 * src[si] + w10 * src[si + 3] + w01 * src[si + down] + w11 * src[si + down + 3]) * kr;
        lin[di + 1] = (w00 * src[si + 1] + w10 * src[si + 4] + w01 * src[si + down + 1] + w11 * src[si + down + 4]) * kg;
        lin[di + 2] = (w00 * src[si + 2] + w10 * src[si + 5] + w01 * src[si + down + 2] + w11 * src[si + down + 5]) * kb;
      }
    }

    if (sweepsX && o.flickerHz > 0 && o.flickerDepth > 0) {
      for (let x = 0; x < w; x++) {
        const f = this.flicker(lineTime(x));
        for (let y = 0, di = x * 3; y < h; y++, di += w * 3) {
          lin[di] *= f;
          lin[di + 1] *= f;
          lin[di + 2] *= f;
        }
      }
    }

    // The status LED: each sensor line integrates the drive over its own exposure window.
    const led0 = this.ledPositionAt(sweepsX ? midMs : tMs);
    const reach = this.reachPx;
    const y0 = Math.max(0, Math.floor(led0.y - reach - o.shakePx));
    const y1 = Math.min(h - 1, Math.ceil(led0.y + reach + o.shakePx));
    const level: Rgb = { r: 0, g: 0, b: 0 };
    // Columns sweep: one drive integral per column of the LED's box, shared by its rows.
    const cx0 = Math.max(0, Math.floor(led0.x - reach - 1));
    const cx1 = Math.min(w - 1, Math.ceil(led0.x + reach + 1));
    let colLit = !sweepsX;
    if (sweepsX) {
      const col = this.columnEmission;
      for (let x = cx0; x <= cx1; x++) {
        const t = lineTime(x);
        integrateDrive(this.drive, t, t + o.exposureMs, level);
        this.emission(level, emit);
        col[(x - cx0) * 3] = emit[0] * gain * o.tint[0];
        col[(x - cx0) * 3 + 1] = emit[1] * gain * o.tint[1];
        col[(x - cx0) * 3 + 2] = emit[2] * gain * o.tint[2];
        if (level.r + level.g + level.b > 0) colLit = true;
      }
    }
    for (let y = y0; y <= y1 && colLit; y++) {
      let er = 0;
      let eg = 0;
      let eb = 0;
      let p = led0;
      if (!sweepsX) {
        const tRow = lineTime(y);
        integrateDrive(this.drive, tRow, tRow + o.exposureMs, level);
        if (level.r + level.g + level.b <= 0) continue;
        this.emission(level, emit);
        er = emit[0] * gain * o.tint[0];
        eg = emit[1] * gain * o.tint[1];
        eb = emit[2] * gain * o.tint[2];
        p = lineDt > 0 ? this.ledPositionAt(tRow) : led0;
      }
      const dy = y + 0.5 - p.y;
      if (Math.abs(dy) > reach) continue;
      const half = Math.sqrt(reach * reach - dy * dy);
      const x0 = Math.max(sweepsX ? cx0 : 0, Math.floor(p.x - half));
      const x1 = Math.min(sweepsX ? cx1 : w - 1, Math.ceil(p.x + half));
      let di = (y * w + x0) * 3;
      const col = this.columnEmission;
      for (let x = x0; x <= x1; x++, di += 3) {
        const dx = x + 0.5 - p.x;
        const pi = Math.round(Math.sqrt(dx * dx + dy * dy) * this.profileStep);
        if (pi >= this.profile.length) continue;
        const v = this.profile[pi];
        if (sweepsX) {
          const c = (x - cx0) * 3;
          er = col[c];
          eg = col[c + 1];
          eb = col[c + 2];
        }
        lin[di] += er * v;
        lin[di + 1] += eg * v;
        lin[di + 2] += eb * v;
      }
    }

    // Sensor: noise (shot + read, growing with gain), per-channel clip, sRGB; write in stored orientation.
    const gainRatio = gain / Math.max(1e-6, this.gain0);
    const read = o.readNoise * Math.max(1, gain);
    for (let i = 0; i <= 1024; i++) this.sigma[i] = Math.sqrt(read * read + o.shotNoise * gainRatio * (i / 1024));
    const sigma = this.sigma;
    const noise = this.noise;
    const srgb = this.srgb;
    const lookM = this.lookM;
    const out = this.out;
    for (let y = 0; y < h; y++) {
      const offShared = Math.floor(this.rng.next() * NOISE_MASK);
      const offOwn = Math.floor(this.rng.next() * NOISE_MASK);
      let base: number;
      let stride: number;
      if (rot === 0) {
        base = y * w * 3;
        stride = 3;
      } else if (rot === 90) {
        base = ((w - 1) * h + y) * 3;
        stride = -h * 3;
      } else if (rot === 270) {
        base = (h - 1 - y) * 3;
        stride = h * 3;
      } else {
        base = ((h - 1 - y) * w + w - 1) * 3;
        stride = -3;
      }
      let li = y * w * 3;
      let oi = base;
      for (let x = 0; x < w; x++, li += 3, oi += stride) {
        const shared = 0.75 * noise[(offShared + x) & NOISE_MASK];
        const j = (offOwn + x * 3) & NOISE_MASK;
        if (lookM) {
          // the phone's colour matrix works on the noisy sensor values, before its own clip
          const px = [0, 0, 0];
          for (let c = 0; c < 3; c++) {
            const v = lin[li + c];
            const si = v >= 1 ? 1024 : v <= 0 ? 0 : (v * 1024) | 0;
            px[c] = Math.min(1, v + sigma[si] * (shared + 0.66 * noise[(j + c) & NOISE_MASK]));
          }
          for (let c = 0; c < 3; c++) {
            const v = lookM[c * 3] * px[0] + lookM[c * 3 + 1] * px[1] + lookM[c * 3 + 2] * px[2];
            out[oi + c] = v <= 0 ? 0 : v >= 1 ? 255 : srgb[(v * SRGB_STEPS) | 0];
          }
          continue;
        }
        for (let c = 0; c < 3; c++) {
          let v = lin[li + c];
          const si = v >= 1 ? 1024 : v <= 0 ? 0 : (v * 1024) | 0;
          v += sigma[si] * (shared + 0.66 * noise[(j + c) & NOISE_MASK]);
          out[oi + c] = v <= 0 ? 0 : v >= 1 ? 255 : srgb[(v * SRGB_STEPS) | 0];
        }
      }
    }
    if (this.sharpenTmp) {
      const stored = this.storedSize;
      unsharp(out, stored.width, stored.height, o.look!.sharpen, this.sharpenTmp);
    }
    return { rgb: out, stats: { gain, ledX: led0.x, ledY: led0.y } };
  }

  /** Size of the stored frame (rotation applied). */
  get storedSize(): { width: number; height: number } {
    const r = this.options.rotationDeg;
    return r === 90 || r === 270 ? { width: this.options.height, height: this.options.width } : { width: this.options.width, height: this.options.height };
  }
}
