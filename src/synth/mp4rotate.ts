/**
 * Node edge: writes a rotation into an MP4/MOV's video track header, as phones do.
 *
 * The bundled 2018 ffmpeg drops `-metadata:s:v:0 rotate=90` (its stream metadata is cleared before the
 * muxer reads it), so the tag never reaches the file. We set the `tkhd` display matrix ourselves, with
 * the same values ffmpeg's own mov muxer writes for a `rotate` tag (libavformat/movenc.c), in place:
 * the box keeps its size, so nothing else in the file moves.
 */
import { openSync, readSync, writeSync, closeSync, fstatSync } from 'node:fs';

function readBytes(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

function boxesIn(buf: Buffer, from: number, to: number, base: number): Box[] {
  const out: Box[] = [];
  let o = from;
  while (o + 8 <= to) {
    let size = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    let headerSize = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(o + 8));
      headerSize = 16;
    } else if (size === 0) size = to - o;
    if (size < headerSize) break;
    out.push({ type, start: base + o, headerSize, size });
    o += size;
  }
  return out;
}

/** 3×3 display matrix (16.16 fixed point, w in 2.30) for a clockwise display rotation. */
function matrixFor(rotationDeg: 90 | 180 | 270, width: number, height: number): Buffer {
  const [a, b, c, d, tx, ty] =
    rotationDeg === 90 ? [0, 1, -1, 0, height, 0] : rotationDeg === 180 ? [-1, 0, 0, -1, width, height] : [0, -1, 1, 0, 0, width];
  const m = Buffer.alloc(36);
  const vals = [a * 65536, b * 65536, 0, c * 65536, d * 65536, 0, tx * 65536, ty * 65536, 1 << 30];
  vals.forEach((v, i) => m.writeInt32BE(v | 0, i * 4));
  return m;
}

/** Sets the display rotation of the first video track of an MP4/MOV file. */
export function setMp4Rotation(path: string, rotationDeg: 90 | 180 | 270): void {
  const fd = openSync(path, 'r+');
  try {
    const fileSize = fstatSync(fd).size;
    // Walk top-level boxes by their headers only; read just the moov box.
    let moov: Box | null = null;
    let o = 0;
    while (o + 8 <= fileSize) {
      const head = readBytes(fd, o, 16);
      let size = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      let headerSize = 8;
      if (size === 1) {
        size = Number(head.readBigUInt64BE(8));
        headerSize = 16;
      } else if (size === 0) size = fileSize - o;
      if (type === 'moov') {
        moov = { type, start: o, headerSize, size };
        break;
      }
      if (size < 8) break;
      o += size;
    }
    if (!moov) throw new Error(`${path}: no moov box`);
    const buf = readBytes(fd, moov.start, moov.size);
    for (const trak of boxesIn(buf, moov.headerSize, buf.length, moov.start).filter((b) => b.type === 'trak')) {
      const t0 = trak.start - moov.start;
      const inner = boxesIn(buf, t0 + trak.headerSize, t0 + trak.size, moov.start);
      const mdia = inner.find((b) => b.type === 'mdia');
      const tkhd = inner.find((b) => b.type === 'tkhd');
      if (!mdia || !tkhd) continue;
      const m0 = mdia.start - moov.start;
      const hdlr = boxesIn(buf, m0 + mdia.headerSize, m0 + mdia.size, moov.start).find((b) => b.type === 'hdlr');
      if (!hdlr || buf.toString('latin1', hdlr.start - moov.start + 16, hdlr.start - moov.start + 20) !== 'vide') continue;
      const k = tkhd.start - moov.start;
      const version = buf[k + 8];
      const matrixAt = k + (version === 1 ? 60 : 48);
      const width = buf.readUInt32BE(matrixAt + 36) >>> 16;
      const height = buf.readUInt32BE(matrixAt + 40) >>> 16;
      writeSync(fd, matrixFor(rotationDeg, width, height), 0, 36, moov.start + matrixAt);
      return;
    }
    throw new Error(`${path}: no video track header`);
  } finally {
    closeSync(fd);
  }
}
