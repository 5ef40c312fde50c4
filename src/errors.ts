/**
 * Errors a user can act on. The CLI prints `message` as one line and exits with `exitCode`;
 * anything else is a bug and is still printed as one line (with --debug for the stack).
 */
import type { VideoInfo } from './source/types.js';

export const EXIT = { ok: 0, failed: 1, badInput: 2, noLed: 3 } as const;

export class LedscopeError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
    this.name = 'LedscopeError';
  }
}

export class BadInputError extends LedscopeError {
  constructor(message: string) {
    super(message, EXIT.badInput);
    this.name = 'BadInputError';
  }
}

/** What the container says of a clip in which no LED was found (the JSON's `video`). */
export type NoLedVideo = Pick<VideoInfo, 'width' | 'height' | 'fps' | 'durationS' | 'frames'>;

export class NoLedError extends LedscopeError {
  constructor(
    message: string,
    readonly video?: NoLedVideo,
  ) {
    super(message, EXIT.noLed);
    this.name = 'NoLedError';
  }
}

/** The first line of an error's message (tools such as ffmpeg and sharp answer in several). */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
