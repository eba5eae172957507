import { execFile } from 'node:child_process';
import * as path from 'node:path';

/**
 * Runs the repository's .dependency-cruiser.cjs, the way `npm run lint:deps` does, over a miniature of the tree
 * (test/fixtures/architecture) in which each rule is broken on purpose and every allowed kind of import also appears.
 * A rule that stops matching, or one that starts flagging allowed imports, changes the list below.
 */
const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/architecture');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
}

function cruiseFixture(): Promise<Violation[]> {
  const args = [
    DEPCRUISE,
    '--config',
    path.join(ROOT, '.dependency-cruiser.cjs'),
    '--output-type',
    'json',
    '{src,channels,connectors,vendors,classifiers}/**/*.ts',
  ];
  return new Promise((resolve, reject) => {
    // depcruise exits with the number of violations, so a non-zero exit with a JSON report is the expected outcome.
    execFile(process.execPath, args, { cwd: FIXTURE, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout).summary.violations);
      } catch {
        reject(new Error(`depcruise gave no JSON report (${error?.message ?? 'exit 0'}): ${stderr}`));
      }
    });
  });
}

/** `../../../node_modules/pg/lib/index.js` -> `npm:pg`, so the list does not depend on a package's file layout. */
function moduleName(resolved: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(resolved);
  return pkg ? `npm:${pkg[1]}` : resolved;
}

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  it('flags each forbidden import of the fixture tree as an error, and nothing the rules allow', async () => {
    const violations = await cruiseFixture();
    expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
    const found = violations.map((v) => `${v.rule.name}: ${v.from} -> ${moduleName(v.to)}`).sort();
    expect(found).toEqual(
      [
        'adapter-imports-core-internals: channels/bad/index.ts -> src/config.ts',
        'adapter-imports-core-storage: channels/bad/index.ts -> src/storage/database.ts',
        'adapter-imports-other-adapter: channels/bad/index.ts -> channels/good/index.ts',
        'adapter-imports-other-adapter: connectors/hook/index.ts -> channels/good/index.ts',
        'adapter-value-imports-core-types: channels/bad/index.ts -> src/context.ts',
        'bullmq-outside-queue-module: src/intake.ts -> npm:bullmq',
        'channel-imports-connector-contracts: channels/bad/index.ts -> src/connectors-contract/connector.ts',
        'connector-imports-channel-contracts: connectors/hook/index.ts -> src/channels/channel.ts',
        'classifier-imports-runtime: classifiers/model.ts -> http',
        'classifier-imports-runtime: classifiers/model.ts -> src/queue/bullmq-queue.ts',
        'core-imports-adapter: src/intake.ts -> channels/good/index.ts',
        'core-imports-vendor: src/intake.ts -> vendors/alpha/index.ts',
        'database-driver-outside-storage: src/intake.ts -> npm:pg',
        'no-value-cycle: src/cycle-a.ts -> src/cycle-b.ts',
        'vendor-imports-adapter-or-storage: vendors/beta/index.ts -> channels/good/index.ts',
        'vendor-imports-adapter-or-storage: vendors/beta/index.ts -> src/storage/database.ts',
        'vendor-imports-other-vendor: vendors/beta/index.ts -> vendors/alpha/index.ts',
      ].sort(),
    );
  });
});
