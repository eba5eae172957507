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
