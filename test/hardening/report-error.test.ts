import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { BadInputError, EXIT, NoLedError } from '../../src/errors.js';

/** The CLI's error mapping (also used in-process by scripts/fuzz.mjs): one line, contract exit codes. */
function capture(error: unknown, debug = false): { code: number; text: string } {
  let text = '';
  const code = reportError(error, debug, (t) => (text += t));
  return { code, text };
}

describe('reportError', () => {
  it('prints a user error as one `ledscope: ` line with its exit code', () => {
    expect(capture(new BadInputError('file is empty: a.mp4'))).toEqual({ code: EXIT.badInput, text: 'ledscope: file is empty: a.mp4\n' });
    expect(capture(new NoLedError('no status LED found in a.mp4')).code).toBe(EXIT.noLed);
  });

  it('keeps a message that spans lines (a quoted ffmpeg line, a file name with a newline) on one line', () => {
    const { text } = capture(new BadInputError('cannot read odd\nname.mp4: ffmpeg said\r\n  Invalid data'));
    expect(text).toBe('ledscope: cannot read odd name.mp4: ffmpeg said Invalid data\n');
  });

  it('reports an unexpected error as one line with no stack unless --debug', () => {
    const bug = new TypeError('cannot read properties of undefined\n    at foo (x.js:1:1)');
    const quiet = capture(bug);
    expect(quiet.code).toBe(EXIT.failed);
    expect(quiet.text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(quiet.text).not.toMatch(/^\s+at /m);
    expect(capture(bug, true).text).toMatch(/^\s+at /m);
  });

  it('leaves commander errors (already printed) to commander and maps them to 0 or 2', () => {
    expect(capture(new CommanderError(0, 'commander.helpDisplayed', ''))).toEqual({ code: EXIT.ok, text: '' });
    expect(capture(new CommanderError(1, 'commander.unknownOption', 'x'))).toEqual({ code: EXIT.badInput, text: '' });
  });
});
