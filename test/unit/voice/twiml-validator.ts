/**
 * What Twilio accepts in the voice TwiML we emit: verbs, their attributes and allowed values, and nesting
 * (from Twilio's TwiML reference for Say, Play, Pause, Gather, Record, Redirect and Hangup).
 * `validateTwiml` returns the problems found; an empty list means Twilio would run the document.
 */

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Check = (value: string) => boolean;

const url: Check = (v) => /^https?:\/\/[^\s]+$/.test(v);
const int =
  (min: number, max: number): Check =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    values.includes(v);
const tokens =
  (...values: string[]): Check =>
  (v) =>
    v.split(' ').every((t) => values.includes(t));
const bool = oneOf('true', 'false');
const method = oneOf('GET', 'POST');
const keys: Check = (v) => /^[0-9#*]+$/.test(v);
const voice: Check = (v) => /^(man|woman|alice|Polly\.[A-Za-z]+(-Neural|-Generative)?|Google\.[A-Za-z0-9.-]+)$/.test(v);
/** `<Say>` languages (the twilio library's SayLanguage type lists them). */
const language = oneOf('en-US', 'es-US', 'pt-BR', 'cmn-CN', 'cmn-TW', 'vi-VN', 'ru-RU', 'arb', 'fr-FR');
/** `<Gather>` speech languages: Twilio passes them to its provider (Google's Speech-to-Text codes). */
const speechLanguage = oneOf('en-US', 'es-US', 'pt-BR', 'cmn-Hans-CN', 'cmn-Hant-TW', 'vi-VN', 'ru-RU', 'ar-EG', 'fr-FR', 'ht-HT');

interface VerbRule {
  attrs: Record<string, Check>;
  children: string[];
  /** Text content: required (a URL or words), or forbidden. */
  text: 'words' | 'url' | 'none';
}

const RULES: Record<string, VerbRule> = {
  Say: { attrs: { voice, language, loop: int(0, 1000) }, children: [], text: 'words' },
  Play: { attrs: { loop: int(0, 1000), digits: (v) => /^[0-9wW#*]+$/.test(v) }, children: [], text: 'url' },
  Pause: { attrs: { length: int(1, 600) }, children: [], text: 'none' },
  Gather: {
    attrs: {
      action: url,
      method,
      input: tokens('dtmf', 'speech'),
      numDigits: int(1, 100),
      timeout: int(1, 600),
      finishOnKey: (v) => v === '' || keys(v),
      speechTimeout: (v) => v === 'auto' || int(1, 600)(v),
      speechModel: oneOf('default', 'numbers_and_commands', 'phone_call', 'experimental_conversations', 'experimental_utterances'),
      enhanced: bool,
      language: speechLanguage,
      hints: (v) => v.length > 0 && v.split(',').length <= 500,
      actionOnEmptyResult: bool,
      profanityFilter: bool,
      bargeIn: bool,
      maxSpeechTime: int(1, 60),
    },
    children: ['Say', 'Play', 'Pause'],
    text: 'none',
  },
  Record: {
    attrs: {
      action: url,
      method,
      timeout: int(0, 600),
      finishOnKey: keys,
      maxLength: int(2, 14400),
      playBeep: bool,
      trim: oneOf('trim-silence', 'do-not-trim'),
      recordingStatusCallback: url,
      recordingStatusCallbackMethod: method,
      recordingStatusCallbackEvent: tokens('in-progress', 'completed', 'absent'),
      transcribe: bool,
      transcribeCallback: url,
    },
    children: [],
    text: 'none',
  },
  Redirect: { attrs: { method }, children: [], text: 'url' },
  Hangup: { attrs: {}, children: [], text: 'none' },
};

export function validateTwiml(xml: string): string[] {
  const problems: string[] = [];
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (err) {
    return [(err as Error).message];
  }
  if (root.name !== 'Response') problems.push(`root element is <${root.name}>, expected <Response>`);
  if (Object.keys(root.attrs).length) problems.push('<Response> takes no attributes');
  if (root.text.trim()) problems.push('<Response> has stray text');
  root.children.forEach((verb, i) => {
    checkNode(verb, Object.keys(RULES), problems, 'Response');
    if (verb.name === 'Hangup' && i < root.children.length - 1) problems.push('verbs after <Hangup> never run');
  });
  return problems;
}

function checkNode(node: XmlNode, allowed: string[], problems: string[], parent: string): void {
  const rule = RULES[node.name];
  if (!rule || !allowed.includes(node.name)) {
    problems.push(`<${node.name}> is not allowed inside <${parent}>`);
    return;
  }
  for (const [name, value] of Object.entries(node.attrs)) {
    const check = rule.attrs[name];
    if (!check) problems.push(`<${node.name}> has no attribute ${name}`);
    else if (!check(value)) problems.push(`<${node.name} ${name}="${value}"> is not a value Twilio accepts`);
  }
  const text = node.text.trim();
  if (rule.text === 'none' && text) problems.push(`<${node.name}> takes no text`);
  if (rule.text === 'words' && !text) problems.push(`<${node.name}> is empty`);
  if (rule.text === 'url' && !url(text)) problems.push(`<${node.name}> needs an absolute URL, got "${text}"`);
  for (const child of node.children) checkNode(child, rule.children, problems, node.name);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ENTITIES[e]);
}

/** A strict parser for the plain XML TwiML is: elements, attributes, text; anything else is an error. */
function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: XmlNode[] = [{ name: '#document', attrs: {}, children: [], text: '' }];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    consumed = tag.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) throw new Error(`bad entity in text "${m[5]}"`);
      top.text += decode(m[5]);
      continue;
    }
    const [, closing, name, rawAttrs, selfClosing] = m;
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w-]+)="([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`<${name}> repeats attribute ${a[1]}`);
      attrs[a[1]] = decode(a[2]);
    }
    const node: XmlNode = { name, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (consumed !== body.length) throw new Error(`unparseable XML at offset ${consumed}: "${body.slice(consumed, consumed + 30)}"`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  const doc = stack[0];
  if (doc.children.length !== 1 || doc.text.trim()) throw new Error('a TwiML document has exactly one root element');
  return doc.children[0];
}
