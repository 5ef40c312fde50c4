import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import { COLOR_NAMES, MODE_IDS } from '../../src/catalog/types.js';
import { classifySeries } from '../../src/classify/index.js';
import { renderCard } from '../../src/report/card.js';
import { buildDiagnosisJson } from '../../src/report/diagnosis-json.js';
import { timelinePng } from '../../src/report/timeline-png.js';
import { CLEAN_SERIES_CAMERA, simulateSeries } from '../../src/synth/series.js';

const catalog = catalogFor('boron');
const sim = simulateSeries({ device: 'boron', parts: [{ mode: 'sos', code: 5, durationMs: 2 * (4600 + 3000) + 5000 }] }, catalog, 41, CLEAN_SERIES_CAMERA);
const classification = classifySeries(sim.series, { device: 'boron', catalog });
const video = { width: 1280, height: 720, fps: 30, durationS: 20.2, frames: 606 };

describe('diagnose --json contract (DESIGN.md §3)', () => {
  const json = buildDiagnosisJson({ file: 'sos.mp4', device: 'boron', video, led: { x: 101.234, y: 55.5, radius: 6.04 }, classification, catalog });

  it('has exactly the contract fields', () => {
    expect(Object.keys(json).sort()).toEqual(['device', 'diagnosis', 'file', 'led', 'timeline', 'video']);
    expect(Object.keys(json.video).sort()).toEqual(['durationS', 'fps', 'frames', 'height', 'width']);
    expect(Object.keys(json.led!).sort()).toEqual(['radius', 'x', 'y']);
    expect(Object.keys(json.diagnosis).sort()).toEqual(['advice', 'code', 'color', 'confidence', 'endS', 'meaning', 'mode', 'startS']);
    for (const s of json.timeline) expect(Object.keys(s).sort()).toEqual(['code', 'color', 'confidence', 'endS', 'mode', 'startS']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('carries the SOS with its code, the code meaning and contract values', () => {
    expect(json.file).toBe('sos.mp4');
    expect(json.device).toBe('boron');
    expect(json.diagnosis.mode).toBe('sos');
    expect(json.diagnosis.code).toBe(5);
    expect(json.diagnosis.color).toBe('red');
    expect(json.diagnosis.meaning).toMatch(/Code 5/);
    expect(json.diagnosis.advice.length).toBeGreaterThan(20);
    expect(json.diagnosis.confidence).toBeGreaterThan(0);
    expect(json.diagnosis.confidence).toBeLessThanOrEqual(1);
    expect(json.diagnosis.endS).toBeGreaterThan(json.diagnosis.startS);
    expect(json.led).toEqual({ x: 101.2, y: 55.5, radius: 6 });
    for (const s of json.timeline) {
      expect(MODE_IDS).toContain(s.mode);
      if (s.color !== null) expect(COLOR_NAMES).toContain(s.color);
    }
    for (let k = 1; k < json.timeline.length; k++) expect(json.timeline[k].startS).toBeGreaterThanOrEqual(json.timeline[k - 1].startS);
  });

  it('uses null for a missing device and LED, and explains unknown', () => {
    const short = classifySeries(simulateSeries({ device: 'argon', parts: [{ mode: 'connected', durationMs: 300 }] }, catalog, 1, CLEAN_SERIES_CAMERA).series);
    const j = buildDiagnosisJson({ file: 'x.mp4', video, led: null, classification: short, catalog: catalogFor() });
    expect(j.device).toBeNull();
    expect(j.led).toBeNull();
    expect(j.diagnosis.mode).toBe('unknown');
    expect(j.diagnosis.code).toBeNull();
    expect(j.diagnosis.color).toBeNull();
    expect(j.diagnosis.meaning.length).toBeGreaterThan(10);
  });
});

describe('text card', () => {
  it('plain text when not a terminal: name, meaning, advice, evidence, timeline', () => {
    const card = renderCard({ file: 'sos.mp4', device: 'boron', classification, catalog, video, led: { x: 100, y: 50, radius: 6 }, color: false });
    expect(card).not.toMatch(/\x1b\[/);
    expect(card).toMatch(/Red SOS code 5/);
    expect(card).toMatch(/What it means/);
    expect(card).toMatch(/What to do/);
    expect(card).toMatch(/Evidence/);
    expect(card).toMatch(/fps/);
    expect(card).toMatch(/Timeline/);
    expect(card).toMatch(/\[red\]/);
  });

  it('an ANSI truecolor swatch on a terminal', () => {
    const card = renderCard({ file: 'sos.mp4', device: 'boron', classification, catalog, color: true });
    expect(card).toMatch(/\x1b\[48;2;255;0;0m/);
  });
});

describe('timeline PNG', () => {
  it('is a valid PNG image of the expected size', async () => {
    const png = await timelinePng(sim.series, classification, { title: 'sos.mp4' });
    expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const meta = await sharp(Buffer.from(png)).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(1200);
    expect(meta.height).toBe(340);
  });
});
