/**
 * The still part of a synthetic shot: a Particle-style board (Feather form factor) lying on a table,
 * seen from above, as a float linear-RGB image (reflected ambient light, 1.0 ≈ white paper at the
 * exposure the phone settles on). Everything is laid out in millimetres on the board and drawn at the
 * scale that makes the status LED's diffuser `ledRadiusPx` wide, so a 3 px LED sits on a small board
 * seen from afar and a 40 px LED on a close-up. The emitting status LED is NOT baked in: the camera
 * adds it per frame (see ledProfile). The steady distractor LEDs and the glare are baked in.
 * Pure and isomorphic.
 */
import { Prng } from './prng.js';

export interface SceneOptions {
  /** Displayed frame size the camera will output. */
  width: number;
  height: number;
  /** Extra border on every side so a shaking view never leaves the scene. */
  marginPx: number;
  ledRadiusPx: number;
  /** Where the status LED should land in the displayed frame (0..1 of width/height). */
  ledAt: { u: number; v: number };
  /** Board rotation in degrees (0 = long axis horizontal). */
  boardAngleDeg: number;
  /** Defocus blur of the whole shot, as a Gaussian sigma in px. */
  defocusPx: number;
  /** Steady orange charge LED, blue D7 LED (lit or not), glare on the shield can. */
  chargeLed: boolean;
  d7Lit: boolean;
  glare: number; // 0 = none, 1 = strong
  /** Ambient light level (1 = normal; low light < 0.3). Sets how dim the scene is before exposure gain. */
  ambient: number;
}

export interface Scene {
  /** Size of the stored image (displayed frame plus margins). */
  width: number;
  height: number;
  marginPx: number;
  /** Linear RGB, interleaved, reflected light × ambient. */
  rgb: Float32Array;
  /** Status LED centre in scene-image pixels and its diffuser radius. */
  led: { x: number; y: number; radius: number };
  /** Mean linear luma of the displayed area at rest (the auto-exposure's input without the LED). */
  meanLuma: number;
  ambient: number;
}

/** Board layout in mm (Feather: 50.8 × 22.86 mm); origin at the board centre, x along the long side. */
const BOARD_W = 50.8;
const BOARD_H = 22.86;
const LED_POS = { x: -6.5, y: 1.2 };
/** The RGB LED's diffuser radius in mm (package is ~2 mm square). */
const LED_DIFFUSER_MM = 0.75;

interface Transform {
  /** Board mm → scene px. */
  cx: number;
  cy: number;
  cos: number;
  sin: number;
  pxPerMm: number;
}

function toScene(t: Transform, x: number, y: number): { x: number; y: number } {
  return { x: t.cx + (x * t.cos - y * t.sin) * t.pxPerMm, y: t.cy + (x * t.sin + y * t.cos) * t.pxPerMm };
}

type Paint = (out: Float32Array, i: number, coverage: number, u: number, v: number) => void;

function solid(r: number, g: number, b: number): Paint {
  return (out, i, a) => {
    out[i] += (r - out[i]) * a;
    out[i + 1] += (g - out[i + 1]) * a;
    out[i + 2] += (b - out[i + 2]) * a;
  };
}

class Canvas {
  constructor(
    readonly w: number,
    readonly h: number,
    readonly rgb: Float32Array,
    readonly t: Transform,
  ) {}

  /**
   * Fills a board-space rectangle (centre, half sizes, corner radius, all mm) with antialiased
   * edges; `paint` receives the coverage and the local coordinates normalised to −1..1.
   */
  rect(x: number, y: number, hw: number, hh: number, paint: Paint, cornerMm = 0, angleDeg = 0): void {
    const { t } = this;
    const a = (angleDeg * Math.PI) / 180;
    const ca = Math.cos(a);
    const sa = Math.sin(a);
    const c = toScene(t, x, y);
    const reach = (Math.hypot(hw, hh) + 0.1) * t.pxPerMm + 2;
    const x0 = Math.max(0, Math.floor(c.x - reach));
    const x1 = Math.min(this.w - 1, Math.ceil(c.x + reach));
    const y0 = Math.max(0, Math.floor(c.y - reach));
    const y1 = Math.min(this.h - 1, Math.ceil(c.y + reach));
    const inv = 1 / t.pxPerMm;
    const rr = Math.min(cornerMm, hw, hh);
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        // scene px → board mm → rectangle-local mm
        const dx = (px + 0.5 - t.cx) * inv;
        const dy = (py + 0.5 - t.cy) * inv;
        const bx = dx * t.cos + dy * t.sin - x;
        const by = -dx * t.sin + dy * t.cos - y;
        const lx = bx * ca + by * sa;
        const ly = -bx * sa + by * ca;
        // signed distance to a rounded rectangle, in mm
        const qx = Math.abs(lx) - (hw - rr);
        const qy = Math.abs(ly) - (hh - rr);
        const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
        const sd = outside + Math.min(Math.max(qx, qy), 0) - rr;
        const cov = Math.min(1, Math.max(0, 0.5 - sd * t.pxPerMm));
        if (cov <= 0) continue;
        paint(this.rgb, (py * this.w + px) * 3, cov, lx / hw, ly / hh);
      }
    }
  }

  disc(x: number, y: number, r: number, paint: Paint): void {
    this.rect(x, y, r, r, paint, r);
  }
}

/** Smooth value noise on a coarse grid, bilinearly interpolated: low-frequency texture. */
function valueNoise(w: number, h: number, cellPx: number, rng: Prng): Float32Array {
  const gw = Math.ceil(w / cellPx) + 2;
  const gh = Math.ceil(h / cellPx) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next() * 2 - 1;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const gy = y / cellPx;
    const iy = Math.floor(gy);
    let fy = gy - iy;
    fy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < w; x++) {
      const gx = x / cellPx;
      const ix = Math.floor(gx);
      let fx = gx - ix;
      fx = fx * fx * (3 - 2 * fx);
      const k = iy * gw + ix;
      const top = grid[k] + (grid[k + 1] - grid[k]) * fx;
      const bot = grid[k + gw] + (grid[k + gw + 1] - grid[k + gw]) * fx;
      out[y * w + x] = top + (bot - top) * fy;
    }
  }
  return out;
}

/** Separable Gaussian blur of an interleaved RGB float image, in place. */
export function gaussianBlurRgb(rgb: Float32Array, w: number, h: number, sigma: number): void {
  if (sigma < 0.3) return;
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  const line = new Float32Array(Math.max(w, h) * 3);
  const pass = (n: number, count: number, at: (line: number, k: number) => number) => {
    for (let l = 0; l < count; l++) {
      for (let k = 0; k < n; k++) {
        const o = at(l, k);
        line[k * 3] = rgb[o];
        line[k * 3 + 1] = rgb[o + 1];
        line[k * 3 + 2] = rgb[o + 2];
      }
      for (let k = 0; k < n; k++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let j = -radius; j <= radius; j++) {
          const s = Math.min(n - 1, Math.max(0, k + j)) * 3;
          const wgt = kernel[j + radius];
          r += line[s] * wgt;
          g += line[s + 1] * wgt;
          b += line[s + 2] * wgt;
        }
        const o = at(l, k);
        rgb[o] = r;
        rgb[o + 1] = g;
        rgb[o + 2] = b;
      }
    }
  };
  pass(w, h, (row, k) => (row * w + k) * 3);
  pass(h, w, (col, k) => (k * w + col) * 3);
}

/**
 * Radial light profile of a small diffused LED seen by a camera, normalised to 1 at the centre of
 * the diffuser: a flat-topped disc (the lit package face) plus scatter in the package and lens
 * (a Gaussian skirt) and a long faint bloom tail. `sigmaPx` is the defocus.
 */
export function ledProfile(distPx: number, radiusPx: number, sigmaPx: number): number {
  const edge = Math.max(0.6, 0.18 * radiusPx) + sigmaPx;
  const disc = 1 / (1 + Math.exp((distPx - radiusPx) / (edge * 0.45)));
  const skirtR = 1.8 * radiusPx + sigmaPx;
  const skirt = 0.22 * Math.exp(-(distPx * distPx) / (2 * skirtR * skirtR));
  const tailR = 4.5 * radiusPx + 2 * sigmaPx;
  const q = distPx / tailR;
  const tail = 0.035 / (1 + q * q) ** 1.5;
  return disc + skirt + tail;
}

/** Distance past which ledProfile is negligible (< 0.2 % of the centre). */
export function ledReachPx(radiusPx: number, sigmaPx: number): number {
  return Math.ceil(4.5 * radiusPx * 2.2 + 4 * sigmaPx + 4);
}

/** Adds a lit LED's light (linear RGB × intensity) around (x, y) of an RGB float image. */
export function addGlow(
  rgb: Float32Array,
  w: number,
  h: number,
  x: number,
  y: number,
  radiusPx: number,
  sigmaPx: number,
  color: readonly [number, number, number],
  reachPx = ledReachPx(radiusPx, sigmaPx),
): void {
  const x0 = Math.max(0, Math.floor(x - reachPx));
  const x1 = Math.min(w - 1, Math.ceil(x + reachPx));
  const y0 = Math.max(0, Math.floor(y - reachPx));
  const y1 = Math.min(h - 1, Math.ceil(y + reachPx));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      const p = ledProfile(Math.hypot(px + 0.5 - x, py + 0.5 - y), radiusPx, sigmaPx);
      const i = (py * w + px) * 3;
      rgb[i] += color[0] * p;
      rgb[i + 1] += color[1] * p;
      rgb[i + 2] += color[2] * p;
    }
  }
}

const PCB_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [0.018, 0.02, 0.024], // black solder mask (Gen 3 boards)
  [0.012, 0.03, 0.075], // dark blue
  [0.01, 0.045, 0.02], // dark green
  [0.03, 0.03, 0.03],
];

export function buildScene(options: SceneOptions, rng: Prng): Scene {
  const W = options.width + 2 * options.marginPx;
  const H = options.height + 2 * options.marginPx;
  const rgb = new Float32Array(W * H * 3);
  const pxPerMm = options.ledRadiusPx / LED_DIFFUSER_MM;
  const angle = (options.boardAngleDeg * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Place the board so that the LED lands at the requested displayed position.
  const ledSceneX = options.marginPx + options.ledAt.u * options.width;
  const ledSceneY = options.marginPx + options.ledAt.v * options.height;
  const t: Transform = {
    cx: ledSceneX - (LED_POS.x * cos - LED_POS.y * sin) * pxPerMm,
    cy: ledSceneY - (LED_POS.x * sin + LED_POS.y * cos) * pxPerMm,
    cos,
    sin,
    pxPerMm,
  };
  const canvas = new Canvas(W, H, rgb, t);

  // Table: a warm or grey matte surface with broad texture (wood grain-ish streaks or plain).
  const table = rng.pick([
    [0.32, 0.22, 0.13],
    [0.45, 0.44, 0.42],
    [0.2, 0.2, 0.22],
    [0.55, 0.5, 0.42],
  ] as const);
  const broad = valueNoise(W, H, Math.max(24, W / 10), rng.fork('table-broad'));
  const streaks = valueNoise(W, H, Math.max(6, W / 120), rng.fork('table-streaks'));
  for (let i = 0; i < W * H; i++) {
    const k = 1 + 0.12 * broad[i] + 0.05 * streaks[i];
    rgb[i * 3] = table[0] * k;
    rgb[i * 3 + 1] = table[1] * k;
    rgb[i * 3 + 2] = table[2] * k;
  }

  // Board: solder mask with a fine fibre texture.
  const pcb = rng.pick(PCB_COLORS);
  const fibre = valueNoise(W, H, Math.max(1.5, pxPerMm * 0.35), rng.fork('fibre'));
  canvas.rect(0, 0, BOARD_W / 2, BOARD_H / 2, (out, i, a) => {
    const k = 1 + 0.18 * fibre[i / 3];
    out[i] += (pcb[0] * k - out[i]) * a;
    out[i + 1] += (pcb[1] * k - out[i + 1]) * a;
    out[i + 2] += (pcb[2] * k - out[i + 2]) * a;
  }, 1.2);

  // Copper traces under the mask: slightly lighter thin lines, Manhattan routing.
  const trace = solid(pcb[0] * 1.7 + 0.004, pcb[1] * 1.7 + 0.004, pcb[2] * 1.7 + 0.004);
  const tr = rng.fork('traces');
  for (let n = 0; n < 26; n++) {
    const x = tr.uniform(-BOARD_W / 2 + 3, BOARD_W / 2 - 3);
    const y = tr.uniform(-BOARD_H / 2 + 3, BOARD_H / 2 - 3);
    const len = tr.uniform(2, 12);
    // keep every trace on the board
    if (tr.chance(0.5)) canvas.rect(Math.max(-BOARD_W / 2 + 1 + len / 2, Math.min(BOARD_W / 2 - 1 - len / 2, x)), y, len / 2, 0.1, trace);
    else canvas.rect(x, Math.max(-BOARD_H / 2 + 1 + len / 2, Math.min(BOARD_H / 2 - 1 - len / 2, y)), 0.1, len / 2, trace);
  }
  // Vias.
  for (let n = 0; n < 30; n++) {
    canvas.disc(tr.uniform(-24, 24), tr.uniform(-10, 10), 0.3, solid(0.12, 0.1, 0.06));
  }

  // Header pins along both long edges: gold pads with dark holes (unsoldered Feather headers).
  const gold = solid(0.42, 0.3, 0.1);
  const hole = solid(0.01, 0.01, 0.01);
  for (const [row, count] of [[-1, 16], [1, 12]] as const) {
    const y = row * (BOARD_H / 2 - 1.27);
    for (let k = 0; k < count; k++) {
      const x = (k - (count - 1) / 2) * 2.54;
      canvas.disc(x, y, 0.85, gold);
      canvas.disc(x, y, 0.5, hole);
      // silkscreen pin label: two or three thin glyph strokes
      const glyphs = 1 + Math.floor(rng.next() * 3);
      for (let g = 0; g < glyphs; g++) {
        canvas.rect(x + (g - (glyphs - 1) / 2) * 0.5, y - row * 2.0, 0.17, 0.3, solid(0.42, 0.42, 0.4), 0.04);
      }
    }
  }

  // Silkscreen: component outlines, a logo line and text rows.
  const silk = solid(0.6, 0.6, 0.58);
  const outline = (x: number, y: number, hw: number, hh: number) => {
    canvas.rect(x, y - hh, hw, 0.07, silk);
    canvas.rect(x, y + hh, hw, 0.07, silk);
    canvas.rect(x - hw, y, 0.07, hh, silk);
    canvas.rect(x + hw, y, 0.07, hh, silk);
  };
  const text = rng.fork('text');
  for (let row = 0; row < 4; row++) {
    const y0 = text.uniform(-7, 7);
    let x = text.uniform(-20, 4);
    const glyphs = text.int(4, 10);
    for (let g = 0; g < glyphs; g++) {
      const gw = text.uniform(0.12, 0.3);
      canvas.rect(x, y0, gw, 0.38, silk, 0.06);
      x += gw * 2 + 0.18;
    }
  }

  // Radio module shield can (bright brushed metal) and the USB connector.
  const can = { x: 9, y: 0, hw: 8.5, hh: 7.5 };
  const brushed = valueNoise(W, H, Math.max(1, pxPerMm * 0.2), rng.fork('brushed'));
  // Glare: a soft specular streak of the room's light on the can (it is reflected light, so it
  // scales with the ambient level like everything else, and stays on the metal).
  const gl = rng.fork('glare');
  const glare = { u: gl.uniform(-0.5, 0.5), v: gl.uniform(-0.5, 0.5), su: gl.uniform(0.15, 0.5), sv: gl.uniform(0.15, 0.5), k: options.glare * gl.uniform(1, 2.5) };
  canvas.rect(can.x, can.y, can.hw, can.hh, (out, i, a, u, v) => {
    const du = (u - glare.u) / glare.su;
    const dv = (v - glare.v) / glare.sv;
    const k = 0.32 + 0.06 * u - 0.04 * v + 0.03 * brushed[i / 3] + glare.k * Math.exp(-(du * du + dv * dv));
    out[i] += (k - out[i]) * a;
    out[i + 1] += (k * 1.01 - out[i + 1]) * a;
    out[i + 2] += (k * 1.03 - out[i + 2]) * a;
  }, 0.6);
  outline(can.x, can.y, can.hw + 0.5, can.hh + 0.5);
  canvas.rect(BOARD_W / 2 - 2.8, 0, 3.2, 4.0, (out, i, a, u) => {
    const k = 0.28 + 0.1 * Math.cos(u * 2.5);
    out[i] += (k - out[i]) * a;
    out[i + 1] += (k - out[i + 1]) * a;
    out[i + 2] += (k * 1.02 - out[i + 2]) * a;
  }, 0.4);

  // Chips and passives near the LED and around the board.
  canvas.rect(-15, -3.5, 2.5, 2.5, solid(0.025, 0.025, 0.027), 0.2);
  canvas.rect(-15, -3.5, 2.1, 0.05, solid(0.06, 0.06, 0.06));
  const parts = rng.fork('passives');
  for (let n = 0; n < 40; n++) {
    const x = parts.uniform(-22, 0);
    const y = parts.uniform(-8, 8);
    if (Math.hypot(x - LED_POS.x, y - LED_POS.y) < 2.4) continue;
    const vertical = parts.chance(0.5);
    const body = parts.chance(0.6) ? solid(0.16, 0.12, 0.07) : solid(0.03, 0.03, 0.03);
    const hw = vertical ? 0.25 : 0.5;
    const hh = vertical ? 0.5 : 0.25;
    canvas.rect(x, y, hw, hh, body, 0.05);
    const endCap = solid(0.5, 0.5, 0.5);
    if (vertical) {
      canvas.rect(x, y - 0.42, 0.25, 0.08, endCap);
      canvas.rect(x, y + 0.42, 0.25, 0.08, endCap);
    } else {
      canvas.rect(x - 0.42, y, 0.08, 0.25, endCap);
      canvas.rect(x + 0.42, y, 0.08, 0.25, endCap);
    }
  }

  // RESET and MODE buttons beside the LED: metal frames with a dark round actuator.
  for (const bx of [LED_POS.x - 4.2, LED_POS.x + 4.2]) {
    canvas.rect(bx, LED_POS.y, 1.6, 1.9, solid(0.3, 0.3, 0.31), 0.2);
    canvas.disc(bx, LED_POS.y, 0.9, solid(0.05, 0.05, 0.05));
  }

  // The status LED package: a white-ish diffusing square, a touch brighter in the middle.
  outline(LED_POS.x, LED_POS.y, 1.45, 1.45);
  canvas.rect(LED_POS.x, LED_POS.y, 1.0, 1.0, (out, i, a, u, v) => {
    const k = 0.55 - 0.12 * (u * u + v * v);
    out[i] += (k - out[i]) * a;
    out[i + 1] += (k * 0.98 - out[i + 1]) * a;
    out[i + 2] += (k * 0.92 - out[i + 2]) * a;
  }, 0.15);

  // Lighting: broad gradient from the window side and a soft vignette.
  const light = rng.fork('light');
  const gx = light.uniform(-0.35, 0.35);
  const gy = light.uniform(-0.35, 0.35);
  const shadowX = light.uniform(0, W);
  const shadowY = light.uniform(0, H);
  const shadowR = light.uniform(0.2, 0.5) * Math.max(W, H);
  const shadowDepth = light.chance(0.5) ? light.uniform(0.1, 0.35) : 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = x / W - 0.5;
      const v = y / H - 0.5;
      let k = 1 + gx * u * 2 + gy * v * 2 - 0.35 * (u * u + v * v);
      const ds = Math.hypot(x - shadowX, y - shadowY) / shadowR;
      k *= 1 - shadowDepth * Math.exp(-ds * ds);
      const i = (y * W + x) * 3;
      rgb[i] *= k * options.ambient;
      rgb[i + 1] *= k * options.ambient;
      rgb[i + 2] *= k * options.ambient;
    }
  }

  // Steady emitters (they do not scale with ambient light).
  const chargeAt = toScene(t, BOARD_W / 2 - 4.5, 5.6);
  const d7At = toScene(t, BOARD_W / 2 - 4.5, -5.6);
  const small = Math.max(1, 0.35 * pxPerMm);
  for (const at of [chargeAt, d7At]) {
    // the small 0603 packages are visible either way
    canvas.rect(
      ((at.x - t.cx) * cos + (at.y - t.cy) * sin) / pxPerMm,
      (-(at.x - t.cx) * sin + (at.y - t.cy) * cos) / pxPerMm,
      0.8,
      0.45,
      solid(0.4 * options.ambient, 0.38 * options.ambient, 0.3 * options.ambient),
      0.1,
    );
  }
  if (options.chargeLed) addGlow(rgb, W, H, chargeAt.x, chargeAt.y, small, 0, [3.2, 0.9, 0.05]);
  if (options.d7Lit) addGlow(rgb, W, H, d7At.x, d7At.y, small, 0, [0.05, 0.25, 2.6]);

  gaussianBlurRgb(rgb, W, H, options.defocusPx);

  // Mean luma of the displayed area (what auto exposure meters, LED aside).
  let sum = 0;
  const m = options.marginPx;
  for (let y = m; y < m + options.height; y += 2) {
    for (let x = m; x < m + options.width; x += 2) {
      const i = (y * W + x) * 3;
      sum += 0.2126 * rgb[i] + 0.7152 * rgb[i + 1] + 0.0722 * rgb[i + 2];
    }
  }
  const meanLuma = sum / (Math.ceil(options.height / 2) * Math.ceil(options.width / 2));

  return {
    width: W,
    height: H,
    marginPx: m,
    rgb,
    led: { x: ledSceneX, y: ledSceneY, radius: options.ledRadiusPx },
    meanLuma,
    ambient: options.ambient,
  };
}
