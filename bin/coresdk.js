#!/usr/bin/env node
'use strict';
// Launcher for the `coresdk` CLI: the compiled build when present (npm run build), else the
// TypeScript sources through tsx. CORESDK_CLI_FROM_SOURCE=1 forces the sources (tests use it
// so that a stale build cannot hide a change).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'libs', 'rego', 'src', 'cli', 'main.js');
let cli;
if (existsSync(built) && process.env.CORESDK_CLI_FROM_SOURCE !== '1') {
  cli = require(built);
} else {
  require('tsx/cjs');
  cli = require(join(__dirname, '..', 'libs', 'rego', 'src', 'cli', 'main.ts'));
}

cli.runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
