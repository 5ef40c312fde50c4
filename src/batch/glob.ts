/**
 * A small glob matcher for batch inputs (node:fs `glob` is experimental on Node 20, so we do not
 * lean on it). Supported: `*` and `?` within one path segment, `[abc]` / `[a-z]` / `[!abc]`,
 * `{a,b}` alternatives (not nested), and `**` as a whole segment for any number of folders.
 * Matching is on `/`-separated paths; a wildcard never matches a leading dot, so macOS `._clip.mp4`
 * shadow files on exFAT drives are not picked up by `*.mp4`.
 */

const MAGIC = /[*?[{]/;

export function hasGlobMagic(text: string): boolean {
  return MAGIC.test(text);
}

/** Split a pattern into the literal folder to walk from and the pattern below it. */
export function splitGlobBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((s) => hasGlobMagic(s));
  if (firstMagic < 0) return { base: pattern, rest: '' };
  const baseSegments = segments.slice(0, firstMagic);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  return { base, rest: segments.slice(firstMagic).join('/') };
}

/** One segment (no `/`) → a RegExp source; `{a,b}` expands in place. */
function segmentSource(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (c === '{') {
      const close = segment.indexOf('}', i + 1);
      if (close < 0) {
        out += '\\{';
        continue;
      }
      const alternatives = segment.slice(i + 1, close).split(',');
      out += `(?:${alternatives.map((a) => segmentSource(a)).join('|')})`;
      i = close;
    } else {
      out += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
    }
  }
  return out;
}

/**
 * A RegExp that matches whole `/`-separated relative paths against `pattern`. Wildcards do not match
 * a dot at the start of a segment (hidden files), as in shells.
 */
export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/').filter((s, i, all) => s !== '' || i === all.length - 1);
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // zero or more non-hidden folders (and, as the last segment, anything below)
      source += last ? '(?:(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*)?' : '(?:(?!\\.)[^/]*/)*';
      return;
    }
    const guard = segment.startsWith('.') ? '' : '(?!\\.)';
    source += guard + segmentSource(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`);
}
