/** Top-level MP4 boxes (type → offset and size), for tests that damage a clip in a chosen place. */
export function topBoxes(bytes: Buffer): Map<string, { at: number; size: number }> {
  const boxes = new Map<string, { at: number; size: number }>();
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32BE(at);
    boxes.set(bytes.toString('latin1', at + 4, at + 8), { at, size });
    if (size < 8) break;
    at += size;
  }
  return boxes;
}
