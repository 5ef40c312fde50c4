/**
 * A minimal streaming Matroska writer for raw RGB frames with their own millisecond timestamps.
 * ffmpeg's rawvideo pipe carries no timestamps, so variable-frame-rate clips go to ffmpeg as Matroska
 * (`V_UNCOMPRESSED`, ColourSpace fourcc "RGB\x18" = rgb24), which ffmpeg's demuxer maps to rawvideo and
 * whose per-block timecodes survive into the encoded file with `-vsync vfr`. Pure: returns bytes.
 */

const UNKNOWN_SIZE = Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

function idBytes(id: number): Uint8Array {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from(out);
}

/** 8-byte EBML size (always the long form: simple and accepted by every reader). */
function sizeBytes(size: number): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = 0x01;
  let v = size;
  for (let i = 7; i >= 1; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function element(id: number, body: Uint8Array): Uint8Array {
  return concat([idBytes(id), sizeBytes(body.length), body]);
}

function uint(id: number, value: number): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v % 256);
    v = Math.floor(v / 256);
  } while (v > 0);
  return element(id, Uint8Array.from(bytes));
}

function str(id: number, value: string): Uint8Array {
  return element(id, new TextEncoder().encode(value));
}

/** EBML header, Segment start (unknown size), Info (1 ms timecodes) and the single video track. */
export function mkvHeader(width: number, height: number): Uint8Array {
  const ebml = element(
    0x1a45dfa3,
    concat([
      uint(0x4286, 1),
      uint(0x42f7, 1),
      uint(0x42f2, 4),
      uint(0x42f3, 8),
      str(0x4282, 'matroska'),
      uint(0x4287, 4),
      uint(0x4285, 2),
    ]),
  );
  const info = element(0x1549a966, concat([uint(0x2ad7b1, 1_000_000), str(0x4d80, 'ledscope'), str(0x5741, 'ledscope')]));
  const video = element(
    0xe0,
    concat([uint(0xb0, width), uint(0xba, height), element(0x2eb524, Uint8Array.of(0x52, 0x47, 0x42, 24))]),
  );
  const track = element(
    0xae,
    concat([uint(0xd7, 1), uint(0x73c5, 1), uint(0x83, 1), uint(0x9c, 0), str(0x86, 'V_UNCOMPRESSED'), video]),
  );
  const tracks = element(0x1654ae6b, track);
  return concat([ebml, idBytes(0x18538067), UNKNOWN_SIZE, info, tracks]);
}

/** One Cluster holding one keyframe SimpleBlock at `timeMs` (integer ms). Returns [prefix, frame]. */
export function mkvFrame(frame: Uint8Array, timeMs: number): [Uint8Array, Uint8Array] {
  const timecode = uint(0xe7, Math.max(0, Math.round(timeMs)));
  const blockHead = Uint8Array.of(0x81, 0, 0, 0x80); // track 1, relative time 0, keyframe
  const blockSize = blockHead.length + frame.length;
  const simpleBlockHead = concat([idBytes(0xa3), sizeBytes(blockSize)]);
  const clusterBody = timecode.length + simpleBlockHead.length + blockSize;
  const prefix = concat([idBytes(0x1f43b675), sizeBytes(clusterBody), timecode, simpleBlockHead, blockHead]);
  return [prefix, frame];
}
