import { describe, expect, it } from 'vitest';
import { batchJunit, escapeXmlAttr, escapeXmlText } from '../../src/report/junit.js';
import { errorRecord, failRecord, passRecord } from './batch-records.js';
import { parseXmlStrict } from './junit-xml-check.js';

describe('batch JUnit XML', () => {
  it('has one well-formed suite with a testcase per clip and failure/error elements', () => {
    const records = [passRecord('day/a.mp4'), failRecord('day/b.mp4'), errorRecord('day/c.mp4'), passRecord('day/d.mp4', { elapsedS: 1.25 })];
    const root = parseXmlStrict(batchJunit(records, { timestamp: '2026-11-24T09:00:00', hostname: 'station-3' }));
    expect(root.name).toBe('testsuites');
    expect(root.children).toHaveLength(1);
    const suite = root.children[0];
    expect(suite.name).toBe('testsuite');
    expect(suite.attrs).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '0', timestamp: '2026-11-24T09:00:00', hostname: 'station-3' });
    expect(Number(suite.attrs.time)).toBeCloseTo(2.5 + 2.5 + 0.05 + 1.25, 3);
    const cases = suite.children;
    expect(cases.map((c) => c.name)).toEqual(['testcase', 'testcase', 'testcase', 'testcase']);
    expect(cases.map((c) => c.attrs.name)).toEqual(['day/a.mp4', 'day/b.mp4', 'day/c.mp4', 'day/d.mp4']);
    expect(cases[0].children.map((c) => c.name)).toEqual(['system-out']);
    expect(cases[1].children[0]).toMatchObject({ name: 'failure', attrs: { message: 'expected connected, diagnosed sos:8', type: 'expectation' } });
    expect(cases[1].children[0].text).toContain('timeline: sos:8@0s');
    expect(cases[2].children[0]).toMatchObject({ name: 'error', attrs: { message: 'file is empty: /data/x.mp4', type: 'bad-input' } });
    expect(cases[3].attrs.time).toBe('1.250');
  });

  it('escapes markup, quotes, line breaks and control bytes in names and messages', () => {
    const evil = `<unit id="7" & 'x'>]]>\u0001\u001b[31m\ttab\nline`;
    const records = [failRecord(evil, { failure: evil, expected: 'sequence a,b; within 5 s' }), errorRecord(`${evil}.mp4`, { error: evil })];
    const xml = batchJunit(records);
    const root = parseXmlStrict(xml);
    const cases = root.children[0].children;
    // control characters XML cannot carry become U+FFFD; everything else survives exactly
    const expected = evil.replace(/[\u0001\u001b]/g, '\uFFFD');
    expect(cases.map((c) => c.attrs.name).sort()).toEqual([expected, `${expected}.mp4`].sort());
    const failure = cases.find((c) => c.attrs.name === expected)!.children[0];
    expect(failure.attrs.message).toBe(expected);
    expect(failure.text).toContain(expected);
    const error = cases.find((c) => c.attrs.name === `${expected}.mp4`)!.children[0];
    expect(error.attrs.message).toBe(expected);
  });

  it('the checker rejects what a dashboard would choke on', () => {
    expect(() => parseXmlStrict('<a><b></a></b>')).toThrow();
    expect(() => parseXmlStrict('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXmlStrict('<a>fish & chips</a>')).toThrow();
    expect(() => parseXmlStrict('<a x="<"/>')).toThrow();
    expect(() => parseXmlStrict('<a/><b/>')).toThrow();
    expect(() => parseXmlStrict('<a>\u0001</a>')).toThrow();
    expect(parseXmlStrict('<a x="&lt;&#65;&#x42;">&amp;</a>')).toMatchObject({ attrs: { x: '<AB' }, text: '&' });
  });

  it('escape helpers leave no raw markup', () => {
    expect(escapeXmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeXmlAttr(`"'\n`)).toBe('&quot;&apos;&#10;');
  });
});
