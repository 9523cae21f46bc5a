#!/usr/bin/env node
/**
 * Compiles the AssemblyScript runtime (assembly/index.ts) to build/runtime.wasm.
 *
 * Run by `npm run build:runtime`. Skips the compile when the output is newer than every
 * source (pass --force to rebuild anyway), so running it before every test is cheap.
 * After compiling it checks the binary's imports: the OPA SDK links only env.memory,
 * env.opa_abort, env.opa_println and env.opa_builtin0..4, so anything else (typically
 * AssemblyScript's env.abort) must fail the build here rather than at load time.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const RUNTIME_DIR = __dirname;
const ENTRY = path.join(RUNTIME_DIR, 'assembly', 'index.ts');
const OUT_DIR = path.join(RUNTIME_DIR, 'build');
const OUT_FILE = path.join(OUT_DIR, 'runtime.wasm');
const TEXT_FILE = path.join(OUT_DIR, 'runtime.wat');

/** Exactly these imports (CODEGEN reads their function indices from the import section). */
const ALLOWED_IMPORTS = new Set([
  'env.memory',
  'env.opa_abort',
  'env.opa_println',
  'env.opa_builtin0',
  'env.opa_builtin1',
  'env.opa_builtin2',
  'env.opa_builtin3',
  'env.opa_builtin4',
]);

const ASC_FLAGS = [
  '--runtime',
  'stub',
  '--noAssert',
  '--use',
  'abort=',
  '--importMemory',
  '--zeroFilledMemory',
  '--exportTable',
  '-O3',
  '--noColors',
];

function newestSourceTime(dir) {
  let newest = fs.statSync(__filename).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function isUpToDate() {
  if (!fs.existsSync(OUT_FILE)) return false;
  return fs.statSync(OUT_FILE).mtimeMs >= newestSourceTime(path.join(RUNTIME_DIR, 'assembly'));
}

async function compile(outFile, withText) {
  const { default: asc } = await import('assemblyscript/asc');
  const args = [ENTRY, '--outFile', outFile, ...ASC_FLAGS];
  if (withText) args.push('--textFile', TEXT_FILE);
  let errorText = '';
  const result = await asc.main(args, {
    stdout: process.stdout,
    stderr: {
      write(chunk) {
        errorText += chunk;
        return true;
      },
    },
  });
  if (result.error) {
    throw new Error(`AssemblyScript compile failed: ${result.error.message}\n${errorText}`);
  }
}

async function checkImports(file) {
  const bytes = fs.readFileSync(file);
  const module = await WebAssembly.compile(bytes);
  const imports = WebAssembly.Module.imports(module).map(
    (entry) => `${entry.module}.${entry.name}`,
  );
  const expected = [...ALLOWED_IMPORTS];
  if (imports.length !== expected.length || !imports.every((name) => ALLOWED_IMPORTS.has(name))) {
    fs.rmSync(file);
    throw new Error(
      `runtime.wasm imports [${imports.join(', ')}]; expected exactly [${expected.join(', ')}]`,
    );
  }
  return bytes.length;
}

async function main() {
  const force = process.argv.includes('--force');
  const withText = process.argv.includes('--wat');
  if (!force && !withText && isUpToDate()) {
    console.log(`runtime.wasm is up to date (${path.relative(process.cwd(), OUT_FILE)})`);
    return;
  }
  const started = Date.now();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Build to a private file and rename it into place, so that a concurrent build (parallel
  // test workers) or a reader never sees a half-written runtime.wasm.
  const temporary = `${OUT_FILE}.${process.pid}.tmp`;
  try {
    await compile(temporary, withText);
    const size = await checkImports(temporary);
    fs.renameSync(temporary, OUT_FILE);
    console.log(
      `built ${path.relative(process.cwd(), OUT_FILE)}: ${size} bytes in ${Date.now() - started} ms`,
    );
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
