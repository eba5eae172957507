#!/usr/bin/env node
'use strict';
/**
 * Builds dist/ only when it is missing or older than the sources, so `npm start` after `npm ci` starts in about
 * a second instead of re-running tsc (17-31 s) every time.
 *
 * - A development install (devDependencies present) builds with full type-checking, like `npm run build`.
 * - A production install (`npm ci --omit=dev`) has TypeScript (a runtime dependency for exactly this reason)
 *   but not the @types packages, so it emits JavaScript with tsconfig.prod.json (`noCheck`, no test/): the same
 *   code CI type-checked.
 * - `--force` builds even when dist/ looks current. dist/.build-stamp records which kind of build it holds.
 *
 * Run by `prepare` (every `npm ci` / `npm install` from a clone) and by `npm start`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
/** What tsconfig.json includes, plus the files that change what tsc emits. */
const SOURCES = ['src', 'channels', 'vendors', 'classifiers', 'test', 'tsconfig.json', 'tsconfig.prod.json', 'package.json'];
const SOURCE_FILE = /\.(ts|json)$/;

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else if (SOURCE_FILE.test(p) && st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return newest;
}

/** dist/ needs building: missing, older than a source, or emit-only while a type-checked build is possible. */
function stale(mode) {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js')) || !fs.existsSync(stamp)) return true;
  // A type-checked build serves a production install too (a buildpack builds, then prunes the devDependencies).
  if (mode === 'checked' && fs.readFileSync(stamp, 'utf8').trim() !== 'checked') return true;
  return newestSourceMtime() > fs.statSync(stamp).mtimeMs;
}

function resolveTsc() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return undefined;
  }
}

function main() {
  const force = process.argv.includes('--force');
  // A development install (devDependencies present) type-checks; a production one only emits.
  const typed = fs.existsSync(path.join(root, 'node_modules', '@types', 'jest'));
  const mode = typed ? 'checked' : 'emit-only';
  if (!force && !stale(mode)) return 0;
  const tsc = resolveTsc();
  if (!tsc) {
    if (fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'))) {
      process.stderr.write('intake311 build: typescript is not installed; using the existing dist/\n');
      return 0;
    }
    process.stderr.write('intake311 build: dist/ is missing and typescript is not installed; run `npm ci` (or `npm ci --omit=dev`) again\n');
    return 1;
  }
  // tsconfig.prod.json: the service's sources only (no test/), no type libraries, --noCheck.
  const args = ['-p', typed ? 'tsconfig.json' : 'tsconfig.prod.json'];
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) return run.status ?? 1;
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${mode}\n`);
  // Dated when the build began: a source saved while tsc ran makes the next start build again.
  fs.utimesSync(stamp, started / 1000, started / 1000);
  process.stderr.write(`intake311 build: dist/ built${typed ? '' : ' (emit only)'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

process.exit(main());
