/**
 * Reads the TwiML our channels answer with, the way a phone would hear it. Our own channels emit a small,
 * regular subset of XML (elements, attributes, text, entities), so a tiny reader is enough and keeps the
 * simulators free of an XML dependency.
 */

/** One TwiML element: its verb name, attributes, text content and nested verbs. */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/\s*([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses a TwiML document into its `<Response>` element.
 * Throws naming the problem when the text is not TwiML, so a broken channel answer is shown, not hidden.
 */
export function parseTwiml(xml: string): TwimlNode {
  const root: TwimlNode = { name: '#document', attrs: {}, text: '', children: [] };
  const stack: TwimlNode[] = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    const [, cdata, closing, opening, attrText, selfClose, text] = m;
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) top.text += decode(text);
    else if (closing) {
      if (top.name !== closing || stack.length === 1) throw new Error(`twiml: unexpected </${closing}>`);
      stack.pop();
    } else if (opening) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(ATTR)) attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
      const node: TwimlNode = { name: opening, attrs, text: '', children: [] };
      top.children.push(node);
      if (!selfClose) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`twiml: <${stack[stack.length - 1].name}> is never closed`);
  const response = root.children.find((c) => c.name === 'Response');
  if (!response) throw new Error('twiml: the answer has no <Response> element');
  return response;
}

/** The text of a `<Message>` (its `<Body>` child when it has one) and its `<Media>` URLs. */
export function messageOf(node: TwimlNode): { text: string; media: string[] } {
  const body = node.children.find((c) => c.name === 'Body');
  const text = (body ? body.text : node.text).trim();
  return { text, media: node.children.filter((c) => c.name === 'Media').map((c) => c.text.trim()) };
}
