import { describe, expect, it } from 'vitest';
import { fnv1a32, inShard, parseShard } from '../../src/batch/shard.js';
import { BadInputError } from '../../src/errors.js';

const items = Array.from({ length: 500 }, (_, i) => ({ key: `line-${i % 7}/unit-${String(i).padStart(5, '0')}.mp4` }));

describe('--shard', () => {
  it('parses K/N and refuses nonsense', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2']) expect(() => parseShard(bad)).toThrow(BadInputError);
  });

  it('partitions the list: shards are disjoint and together hold every clip', () => {
    for (const count of [1, 2, 3, 5]) {
      const shards = Array.from({ length: count }, (_, k) => inShard(items, { index: k + 1, count }));
      const union = shards.flat().map((i) => i.key);
      expect(union).toHaveLength(items.length);
      expect(new Set(union).size).toBe(items.length);
      expect(new Set(union)).toEqual(new Set(items.map((i) => i.key)));
      if (count > 1) for (const shard of shards) expect(shard.length).toBeGreaterThan(items.length / count / 2); // roughly even
    }
  });

  it('keeps a clip on its shard when more clips arrive', () => {
    const before = inShard(items.slice(0, 300), { index: 2, count: 3 }).map((i) => i.key);
    const after = new Set(inShard(items, { index: 2, count: 3 }).map((i) => i.key));
    for (const key of before) expect(after.has(key)).toBe(true);
  });

  it('hashes the same everywhere (FNV-1a reference values)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});
