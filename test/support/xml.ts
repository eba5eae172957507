import { SaxesParser } from 'saxes';

/** The first well-formedness error of an XML document (a strict XML 1.0 parser's words), or undefined. */
export function xmlProblem(xml: string): string | undefined {
  const parser = new SaxesParser();
  let problem: string | undefined;
  parser.on('error', (err) => {
    problem ??= err.message;
  });
  parser.write(xml).close();
  return problem;
}

/**
 * Every element's path from the root (`service_requests/request/lat`), in document order, each once: the
 * structure of a document without its values, so two documents of the same shape compare equal.
 */
export function elementPaths(xml: string): string[] {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const seen = new Set<string>();
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    seen.add(stack.join('/'));
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return [...seen];
}
