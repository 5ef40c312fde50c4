/**
 * A strict little XML 1.0 well-formedness checker for the JUnit tests (no dependency): one root
 * element, balanced and properly nested tags, quoted attributes without duplicates or raw `<`,
 * only the five predefined entities and numeric character references, no raw `&`, no characters
 * XML forbids. Returns the element tree with attribute values and text decoded, so tests can check
 * that what went in comes back out.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  return text.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`raw & in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const num = /^#(\d+)$/.exec(ref) ?? null;
    const hex = /^#x([0-9a-fA-F]+)$/.exec(ref) ?? null;
    const code = num ? Number(num[1]) : hex ? Number.parseInt(hex[1], 16) : NaN;
    if (!Number.isFinite(code)) throw new Error(`unknown entity ${whole} in ${where}`);
    const ch = String.fromCodePoint(code);
    if (ILLEGAL_CHAR.test(ch) || (code >= 0xd800 && code <= 0xdfff)) throw new Error(`illegal character reference ${whole} in ${where}`);
    return ch;
  });
}

export function parseXmlStrict(xml: string): XmlElement {
  if (ILLEGAL_CHAR.test(xml)) throw new Error('character not allowed in XML 1.0');
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(xml)) throw new Error('lone surrogate');
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    if (!/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>$/.test(xml.slice(0, end + 2))) {
      throw new Error('malformed XML declaration');
    }
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text) {
      if (text.includes(']]>')) throw new Error('"]]>" in text');
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(text.slice(0, 40))}`);
      } else {
        stack[stack.length - 1].text += decode(text, `text of <${stack[stack.length - 1].name}>`);
      }
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0 || xml.slice(lt + 4, end).includes('--')) throw new Error('bad comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) throw new Error('CDATA outside the root');
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw new Error('unterminated CDATA');
      stack[stack.length - 1].text += xml.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw new Error('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    const gt = findTagEnd(xml, lt);
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([^\s/>]+)/.exec(body);
    if (!nameMatch || !NAME.test(nameMatch[1])) throw new Error(`bad element name in <${tag.slice(0, 40)}>`);
    const element: XmlElement = { name: nameMatch[1], attrs: {}, children: [], text: '' };
    let rest = body.slice(nameMatch[1].length);
    while (rest.trim() !== '') {
      const attr = /^\s+([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(rest);
      if (!attr) throw new Error(`bad attribute syntax in <${element.name}>: ${JSON.stringify(rest.slice(0, 40))}`);
      const [whole, name, dq, sq] = attr;
      if (!NAME.test(name)) throw new Error(`bad attribute name ${name}`);
      if (name in element.attrs) throw new Error(`duplicate attribute ${name} in <${element.name}>`);
      const raw = dq ?? sq ?? '';
      if (raw.includes('<')) throw new Error(`raw < in attribute ${name}`);
      element.attrs[name] = decode(raw, `attribute ${name}`);
      rest = rest.slice(whole.length);
    }
    if (stack.length === 0) {
      if (root) throw new Error('more than one root element');
    } else {
      stack[stack.length - 1].children.push(element);
    }
    if (selfClosing) {
      if (stack.length === 0) root = element;
    } else {
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** The end of a tag that starts at `lt`: the first `>` outside a quoted attribute value. */
function findTagEnd(xml: string, lt: number): number {
  let quote: string | null = null;
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '<') {
      throw new Error('< inside a tag');
    } else if (c === '>') {
      return j;
    }
  }
  throw new Error('unterminated tag');
}
