/**
 * Loads the compiler on first use, so that `--help` and usage errors work (and stay fast)
 * without loading every compiler phase. A plain `require` rather than `import()`: under
 * tsx a dynamic import goes through the ESM resolver, which does not find `.ts` files by
 * extensionless name.
 */
export type Toolchain = typeof import('./toolchain');

let toolchain: Toolchain | undefined;

export function loadToolchain(): Toolchain {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  toolchain ??= require('./toolchain') as Toolchain;
  return toolchain;
}
