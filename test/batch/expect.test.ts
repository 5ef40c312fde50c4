import { describe, expect, it } from 'vitest';
import { findSubsequence, judge, parseExpectation, type JudgedState } from '../../src/batch/expect.js';
import { BadInputError } from '../../src/errors.js';

const s = (mode: JudgedState['mode'], startS: number, code: number | null = null, color: JudgedState['color'] = null): JudgedState => ({
  mode,
  code,
  color,
  startS,
});

// a boot: dark, white, blinking green, blinking cyan, breathing cyan at 9.5 s
const boot = [s('off', 0), s('solid', 0.3, null, 'white'), s('connecting-network', 0.8, null, 'green'), s('connecting-cloud', 4.2, null, 'cyan'), s('connected', 9.5, null, 'cyan')];
const bootDiagnosis = boot[4];

describe('expectations', () => {
  it('parses MODE, MODE:CODE and MODE:COLOR against the catalog mode ids', () => {
    expect(parseExpectation({})).toBeNull();
    expect(parseExpectation({ expect: 'sos:8' })).toMatchObject({ final: { mode: 'sos', code: 8 }, text: 'sos:8' });
    expect(parseExpectation({ expect: 'Tracker-Connected:green' })).toMatchObject({ final: { mode: 'tracker-connected', color: 'green' } });
    expect(parseExpectation({ expectSequence: 'connecting-cloud, connected', within: '20' })).toMatchObject({
      sequence: [{ mode: 'connecting-cloud' }, { mode: 'connected' }],
      withinS: 20,
      text: 'sequence connecting-cloud,connected; within 20 s',
    });
  });

  it('refuses unknown modes and malformed values (usage errors)', () => {
    for (const flags of [
      { expect: 'breathing-cyan' },
      { expect: 'sos:eight' },
      { expect: 'sos:8:1' },
      { expect: '' },
      { expectSequence: 'connected,,off' },
      { expectSequence: 'connected,bogus' },
      { expect: 'connected', within: '-3' },
      { expect: 'connected', within: 'soon' },
      { within: '10' },
    ]) {
      expect(() => parseExpectation(flags), JSON.stringify(flags)).toThrow(BadInputError);
    }
  });

  it('without expectations every diagnosed clip passes', () => {
    expect(judge(s('unknown', 0), [], null)).toEqual({ status: 'pass', failure: null });
  });

  it('--expect checks the final mode, and the code when given', () => {
    const sos8 = s('sos', 0, 8, 'red');
    expect(judge(sos8, [sos8], parseExpectation({ expect: 'sos' })).status).toBe('pass');
    expect(judge(sos8, [sos8], parseExpectation({ expect: 'sos:8' })).status).toBe('pass');
    expect(judge(sos8, [sos8], parseExpectation({ expect: 'sos:3' }))).toEqual({ status: 'fail', failure: 'expected sos:3, diagnosed sos:8' });
    expect(judge(bootDiagnosis, boot, parseExpectation({ expect: 'sos' }))).toEqual({ status: 'fail', failure: 'expected sos, diagnosed connected' });
    expect(judge(s('solid', 0, null, 'white'), [], parseExpectation({ expect: 'solid:green' })).failure).toBe('expected solid:green, diagnosed solid:white');
  });

  it('--expect-sequence finds the states in order, not necessarily adjacent', () => {
    expect(findSubsequence(boot, parseExpectation({ expectSequence: 'off,connecting-cloud,connected' })!.sequence!)).toEqual([0, 3, 4]);
    expect(judge(bootDiagnosis, boot, parseExpectation({ expectSequence: 'solid:white,connected' })).status).toBe('pass');
    const wrongOrder = judge(bootDiagnosis, boot, parseExpectation({ expectSequence: 'connected,connecting-cloud' }));
    expect(wrongOrder.status).toBe('fail');
    expect(wrongOrder.failure).toMatch(/no connecting-cloud after connected in off → solid:white → connecting-network → connecting-cloud → connected$/);
    expect(judge(bootDiagnosis, boot, parseExpectation({ expectSequence: 'listening' })).failure).toMatch(/no listening in/);
  });

  it('--within times the last state of the sequence from the clip start', () => {
    const seq = 'connecting-cloud,connected';
    expect(judge(bootDiagnosis, boot, parseExpectation({ expectSequence: seq, within: '10' })).status).toBe('pass');
    expect(judge(bootDiagnosis, boot, parseExpectation({ expectSequence: seq, within: '9.5' })).status).toBe('pass');
    expect(judge(bootDiagnosis, boot, parseExpectation({ expectSequence: seq, within: '9' }))).toEqual({
      status: 'fail',
      failure: 'reached connected at 9.5 s, later than --within 9 s',
    });
    // the earliest completion counts: a second, later connected does not make it late
    const twice = [...boot, s('connecting-cloud', 15, null, 'cyan'), s('connected', 18, null, 'cyan')];
    expect(judge(twice[6], twice, parseExpectation({ expectSequence: seq, within: '10' })).status).toBe('pass');
  });

  it('--within with only --expect times the diagnosed state', () => {
    expect(judge(bootDiagnosis, boot, parseExpectation({ expect: 'connected', within: '12' })).status).toBe('pass');
    expect(judge(bootDiagnosis, boot, parseExpectation({ expect: 'connected', within: '5' })).failure).toBe('reached connected at 9.5 s, later than --within 5 s');
  });

  it('reports every unmet part together', () => {
    const v = judge(bootDiagnosis, boot, parseExpectation({ expect: 'dfu', expectSequence: 'listening' }));
    expect(v.status).toBe('fail');
    expect(v.failure).toMatch(/^expected dfu, diagnosed connected; sequence listening not seen/);
  });
});
