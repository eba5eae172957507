#!/usr/bin/env node
'use strict';
// The CLI runs the compiled build (npm run build, run by npm ci through `prepare`).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('intake311: not built yet; run `npm run build` (npm ci does it) and try again\n');
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      process.stderr.write(`${err?.forOperator ? err.message : err?.stack ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
