import type { Count, ModeEntry, ModeInstance, Pattern, PatternVariant, Step } from './types.js';

/** A step with every `count: 'code'` resolved to a number. */
export type ConcreteStep = Step & { count?: number };

function resolveCount(count: Count, code: number | undefined, where: string): number {
  if (count !== 'code') return count;
  if (code === undefined || !Number.isInteger(code) || code < 0) {
    throw new RangeError(`${where} needs an integer code`);
  }
  return code;
}

/** Resolves the `code` placeholders of a list of steps. */
export function resolveSteps(steps: readonly Step[], code: number | undefined, where: string): ConcreteStep[] {
  return steps.map((step) =>
    step.kind === 'blink' || step.kind === 'breathe'
      ? { ...step, count: resolveCount(step.count, code, where) }
      : { ...step },
  );
}

export interface ExpandedPattern {
  intro: ConcreteStep[];
  loop: ConcreteStep[];
  repeat: number;
  then: 'reboot' | 'hold' | undefined;
}

/** A pattern with its code filled in: what the device actually plays. */
export function expandPattern(pattern: Pattern, code?: number): ExpandedPattern {
  return {
    intro: resolveSteps(pattern.intro ?? [], code, 'pattern intro'),
    loop: resolveSteps(pattern.loop, code, 'pattern loop'),
    repeat: pattern.repeat,
    then: pattern.then,
  };
}

/** Picks a variant of a mode (the firmware's unless asked otherwise). */
export function pickVariant(entry: ModeEntry, variantId?: string): PatternVariant {
  if (variantId === undefined) return entry.variants[0];
  const found = entry.variants.find((v) => v.id === variantId);
  if (!found) throw new RangeError(`mode ${entry.id} has no variant "${variantId}"`);
  return found;
}

/** Duration of one step in ms (Infinity for a hold). */
export function stepDurationMs(step: ConcreteStep): number {
  switch (step.kind) {
    case 'solid':
    case 'off':
    case 'irregular-blink':
      return step.durationMs;
    case 'blink':
      return (step.onMs + step.offMs) * (step.count ?? 1);
    case 'breathe':
      return step.periodMs * (step.count ?? 1);
  }
}

export function stepsDurationMs(steps: readonly ConcreteStep[]): number {
  return steps.reduce((sum, s) => sum + stepDurationMs(s), 0);
}

export type { ModeInstance };
