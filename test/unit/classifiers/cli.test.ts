import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classifyCommand, evalCommand, trainCommand } from '../../../classifiers/cli';
import { loadClassifier } from '../../../classifiers/index';

const fixtures = path.join(__dirname, '../../fixtures/classifier');

async function runCommand(command: typeof trainCommand, args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await command(args, (line) => lines.push(line));
  return { code, lines };
}

describe('classifier commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-classifier-'));
  const modelPath = path.join(dir, 'model.json');

  it('trains on a tiny CSV (plus the seed corpus) to a given path, and the model classifies', async () => {
    const { code, lines } = await runCommand(trainCommand, ['--data', path.join(fixtures, 'tiny-train.csv'), '--out', modelPath]);
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(modelPath);
    expect(fs.readdirSync(dir)).toEqual(['model.json']);
    expect(loadClassifier(modelPath).classify('pothole on my street')[0].service_code).toBe('pothole');
  });

  it("trains on the city's catalog from CATALOG_PATH: a category the city lacks is never predicted", async () => {
    const bundled = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/catalog/boston.json'), 'utf8'));
    const city = { ...bundled, services: bundled.services.filter((s: { service_code: string }) => s.service_code !== 'graffiti') };
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-city-'));
    const catalog = path.join(elsewhere, 'city.json');
    fs.writeFileSync(catalog, JSON.stringify(city));
    const out = path.join(elsewhere, 'city-model.json');
    process.env.CATALOG_PATH = catalog;
    try {
      const { code, lines } = await runCommand(trainCommand, ['--data', path.join(fixtures, 'tiny-train.csv'), '--out', out]);
      expect(code).toBe(0);
      expect(lines.join('\n')).toMatch(/skipped \d+ examples labelled "graffiti"/);
      const codes = loadClassifier(out)
        .classify('graffiti tagged all over the wall')
        .map((x) => x.service_code);
      expect(codes).not.toContain('graffiti');
    } finally {
      delete process.env.CATALOG_PATH;
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('retraining on the same data gives the same model file', async () => {
    const again = path.join(dir, 'again.json');
    await runCommand(trainCommand, ['--data', path.join(fixtures, 'tiny-train.csv'), '--out', again]);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(modelPath, 'utf8'));
    fs.rmSync(again);
  });

  it('a failing train names the bad line and leaves the existing model untouched', async () => {
    const before = fs.readFileSync(modelPath, 'utf8');
    const { code, lines } = await runCommand(trainCommand, ['--data', path.join(fixtures, 'malformed.csv'), '--out', modelPath]);
    expect(code).not.toBe(0);
    expect(lines.join('\n')).toMatch(/malformed\.csv: line 3/);
    expect(fs.readFileSync(modelPath, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['model.json']);
  });

  it('eval --json prints one JSON object with accuracy, macro_f1, per_code and unknown codes', async () => {
    const { code, lines } = await runCommand(evalCommand, ['--data', path.join(fixtures, 'labelled.csv'), '--json', '--model', modelPath]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.accuracy).toBeLessThanOrEqual(1);
    expect(result.macro_f1).toBeGreaterThanOrEqual(0);
    expect(result.per_code.pothole.support).toBe(1);
    expect(result.unknown_codes).toEqual({ jaywalking: 1 });
  });

  it('eval on a malformed file names the line and fails', async () => {
    const { code, lines } = await runCommand(evalCommand, ['--data', path.join(fixtures, 'malformed.csv'), '--model', modelPath]);
    expect(code).not.toBe(0);
    expect(lines.join('\n')).toMatch(/line 3/);
  });

  it('classify --json prints suggestions best first', async () => {
    const { code, lines } = await runCommand(classifyCommand, ['big pothole', '--json', '--model', modelPath]);
    expect(code).toBe(0);
    const suggestions = JSON.parse(lines[0]) as Array<{ service_code: string; confidence: number }>;
    expect(suggestions[0].service_code).toBe('pothole');
    expect(suggestions.map((s) => s.confidence)).toEqual([...suggestions.map((s) => s.confidence)].sort((a, b) => b - a));
  });
});
