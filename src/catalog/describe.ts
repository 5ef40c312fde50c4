import { colorLabel } from './colors.js';
import type { ConcreteStep } from './expand.js';
import type { Count, Pattern, Step } from './types.js';

/**
 * Human text for LED programs, shared by the CLI listing and the report cards.
 * `compact` gives the short timing form ("blink green 100/100 ms"); the default spells it out
 * ("blink green 100 ms on / 100 ms off").
 */
export interface DescribeOptions {
  compact?: boolean;
}

function times(count: Count | undefined): string {
  if (count === undefined || count === 1) return '';
  if (count === 'code') return ' × code';
  return ` ×${count}`;
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 10) / 10} ms` : 'indefinitely';
}

export function describeStep(step: Step | ConcreteStep, options: DescribeOptions = {}): string {
  const compact = options.compact ?? false;
  switch (step.kind) {
    case 'solid':
      return Number.isFinite(step.durationMs) ? `solid ${colorLabel(step.color)} ${ms(step.durationMs)}` : `solid ${colorLabel(step.color)}`;
    case 'off':
      return Number.isFinite(step.durationMs) ? `off ${ms(step.durationMs)}` : 'off';
    case 'blink': {
      const offPart = step.offColor ? ` ${colorLabel(step.offColor)}` : '';
      const timing = compact
        ? `${step.onMs}/${step.offMs} ms${offPart ? ` (off:${offPart})` : ''}`
        : `${ms(step.onMs)} on / ${ms(step.offMs)} off${offPart ? ` (${offPart.trim()})` : ''}`;
      return `blink ${colorLabel(step.color)} ${timing}${times(step.count)}`;
    }
    case 'breathe': {
      const shape = step.waveform === 'triangle' ? 'linear fade' : 'half-sine';
      return compact
        ? `breathe ${colorLabel(step.color)} ${step.periodMs} ms ${step.waveform === 'triangle' ? 'linear' : 'half-sine'}${times(step.count)}`
        : `breathe ${colorLabel(step.color)}, ${ms(step.periodMs)} per breath (${shape})${times(step.count)}`;
    }
    case 'irregular-blink':
      return compact
        ? `flicker ${colorLabel(step.color)} ${step.minToggleMs}–${step.maxToggleMs} ms`
        : `irregular blink ${colorLabel(step.color)}, toggling every ${step.minToggleMs}–${step.maxToggleMs} ms`;
  }
}

function describeSteps(steps: readonly (Step | ConcreteStep)[], options: DescribeOptions): string {
  return steps.map((s) => describeStep(s, options)).join(', ');
}

export function describePattern(pattern: Pattern, options: DescribeOptions = {}): string {
  const parts: string[] = [];
  if (pattern.intro && pattern.intro.length > 0) parts.push(`${describeSteps(pattern.intro, options)}, then`);
  const loop = describeSteps(pattern.loop, options);
  const holds = pattern.loop.some((s) => 'durationMs' in s && !Number.isFinite(s.durationMs));
  if (pattern.repeat === Infinity && !holds) parts.push(pattern.loop.length > 1 ? `[${loop}] repeating` : `${loop}, repeating`);
  else if (pattern.repeat > 1) parts.push(`[${loop}] ×${pattern.repeat}`);
  else parts.push(loop);
  let text = parts.join(' ');
  if (pattern.then === 'reboot') text += ', then the device resets';
  return text;
}
