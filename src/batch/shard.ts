/**
 * `--shard K/N`: machine K of N takes the clips whose key hashes to K-1 mod N. A hash of the
 * input-relative path (not the index in the sorted list) keeps a clip on the same machine when
 * more recordings arrive during the day, so re-running shards with `--resume` never makes two
 * machines analyse the same clip, and their JSONL files concatenate without duplicates.
 */
import { BadInputError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new BadInputError(`--shard "${text}" is not K/N with 1 ≤ K ≤ N, e.g. --shard 2/3 on the second of three machines`);
  }
  return { index, count };
}

/** FNV-1a, 32 bit, over the UTF-16 code units: tiny, stable across platforms and Node versions. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function shardOf(key: string, count: number): number {
  return (fnv1a32(key) % count) + 1;
}

export function inShard<T extends { key: string }>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return items.slice();
  return items.filter((item) => shardOf(item.key, shard.count) === shard.index);
}
