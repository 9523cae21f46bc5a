/**
 * Lets plain `node -r <this file> apps/sample/src/main.ts` run the sample from source, the
 * way the first-run test needs it. tsx cannot: esbuild does not emit decorator metadata, and
 * Nest's constructor injection depends on it. This hook transpiles each .ts file on require
 * with the workspace's compiler options (per file, no type check, like ts-jest's isolated
 * modules) and maps the `@coresdk/*` path aliases to their sources.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..', '..');
const configFile = path.join(root, 'tsconfig.json');
const config = ts.readConfigFile(configFile, ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const compilerOptions = {
  ...options,
  module: ts.ModuleKind.CommonJS,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: false,
  declaration: false,
};

const aliases = Object.entries(options.paths ?? {})
  .filter(([alias]) => !alias.endsWith('/*'))
  .map(([alias, [target]]) => [alias, path.resolve(root, target)]);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [alias, target] of aliases) {
    if (request === alias || request.startsWith(`${alias}/`)) {
      return resolveFilename.call(this, target + request.slice(alias.length), ...rest);
    }
  }
  return resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
