import type { CodeEntry } from './types.js';
import { SIGNAL_BARS_MAX, SIGNAL_PERCENT_PER_BAR } from './timing.js';

/**
 * Signal-strength bar counts. Device OS blinks round(strength% / 20) bars
 * (particle-iot/device-os system/src/main.cpp, system_display_rssi()), so each count covers a
 * 20-point band of the strength percentage centred on a multiple of 20.
 */
function band(bars: number): string {
  const lo = Math.max(0, bars * SIGNAL_PERCENT_PER_BAR - SIGNAL_PERCENT_PER_BAR / 2);
  const hi = Math.min(100, bars * SIGNAL_PERCENT_PER_BAR + SIGNAL_PERCENT_PER_BAR / 2);
  return bars === SIGNAL_BARS_MAX ? `${lo}% or more` : `${lo}–${hi}%`;
}

const WORDS = ['no usable signal', 'very weak signal', 'weak signal', 'fair signal', 'good signal', 'excellent signal'];

export const SIGNAL_BAR_CODES: readonly CodeEntry[] = WORDS.map((word, bars) => ({
  code: bars,
  name: `${bars} bar${bars === 1 ? '' : 's'}`,
  meaning: `${word[0].toUpperCase()}${word.slice(1)} (strength ${band(bars)}).`,
  advice: bars <= 1 ? 'Move the device or its antenna, or fit a larger external antenna.' : undefined,
})).map((e) => (e.advice === undefined ? { code: e.code, name: e.name, meaning: e.meaning } : e));
