/** Hand-made batch records for the report tests (the shapes `ledscope batch` writes). */
import type { BatchRecord } from '../../src/batch/record.js';

export function passRecord(file: string, over: Partial<BatchRecord> = {}): BatchRecord {
  return {
    file,
    device: 'argon',
    video: { width: 640, height: 360, fps: 30, durationS: 12, frames: 360 },
    led: { x: 100, y: 80, radius: 6 },
    diagnosis: { mode: 'connected', code: null, color: 'cyan', meaning: 'Online.', advice: 'Nothing to do.', confidence: 0.91, startS: 6.4, endS: 12 },
    timeline: [
      { mode: 'connecting-cloud', code: null, color: 'cyan', startS: 0, endS: 6.4, confidence: 0.8 },
      { mode: 'connected', code: null, color: 'cyan', startS: 6.4, endS: 12, confidence: 0.91 },
    ],
    status: 'pass',
    expected: 'connected',
    failure: null,
    error: null,
    errorKind: null,
    elapsedS: 2.5,
    path: `/data/${file}`,
    ...over,
  };
}

export function failRecord(file: string, over: Partial<BatchRecord> = {}): BatchRecord {
  return passRecord(file, {
    diagnosis: { mode: 'sos', code: 8, color: 'red', meaning: 'Panic.', advice: 'Fix the firmware.', confidence: 0.97, startS: 0, endS: 9.8 },
    timeline: [{ mode: 'sos', code: 8, color: 'red', startS: 0, endS: 9.8, confidence: 0.97 }],
    status: 'fail',
    failure: 'expected connected, diagnosed sos:8',
    ...over,
  });
}

export function errorRecord(file: string, over: Partial<BatchRecord> = {}): BatchRecord {
  return passRecord(file, {
    video: null,
    led: null,
    diagnosis: null,
    timeline: null,
    status: 'error',
    failure: null,
    error: 'file is empty: /data/x.mp4',
    errorKind: 'bad-input',
    elapsedS: 0.05,
    ...over,
  });
}
