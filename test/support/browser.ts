import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium; browser tests skip (with a warning) when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (git-ignored), so a reviewer can look at what the test saw. */
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
export const haveChromium = fs.existsSync(CHROMIUM);

/** Headless Chromium with nothing that reaches the internet on its own. */
export async function launchChromium(): Promise<Browser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** One accessibility finding, trimmed to what a failing test should print. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page against WCAG 2.0/2.1 A and AA and returns the violations (an empty list is a pass).
 * The script is injected from the npm package, so nothing is fetched.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeRunResult> } }).axe;
    interface AxeRunResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
