/**
 * OPA-layout policy bundles (`coresdk build --bundle`): a .tar.gz with `/.manifest`,
 * `/data.json`, the Wasm modules and an optional `/.signatures.json` (RS256/ES256 JWS over
 * the file hashes, as OPA signs bundles); reading verifies it when a key is configured.
 */
export { buildBundle } from './write-bundle';
export type { BuildBundleOptions, BundleModule } from './write-bundle';
export { readBundle, verifyBundle } from './read-bundle';
export type {
  BundleModuleFile,
  PolicyBundle,
  ReadBundleOptions,
  VerificationOptions,
} from './read-bundle';
export { BundleError } from './bundle-error';
export { SIGNING_ALGORITHMS } from './signing';
export type { SigningAlgorithm, SigningOptions, SignaturePayload, SignedFile } from './signing';
export {
  DATA_FILE,
  GLOBAL_MODULE_PATH,
  MANIFEST_FILE,
  SIGNATURES_FILE,
  tenantModulePath,
} from './manifest';
export type { BundleManifest, CoreSdkMetadata, CoreSdkModuleEntry, WasmResolver } from './manifest';
export { packArchive, unpackArchive, DEFAULT_MAX_BUNDLE_BYTES } from './archive';
export { readTar, writeTar } from './tar';
export type { TarEntry } from './tar';
export { canonicalJson } from './canonical-json';
export { hashBundleFile } from './file-hash';
