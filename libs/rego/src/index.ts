/**
 * Public surface of the Rego → WebAssembly compiler. Everything else in this library is
 * internal and may change; import only what is exported here.
 */
export { compile } from './compile';
export type { CompileOptions, CompileResult, ModuleSource, QuerySource } from './compile';
export { parseModule as parse, parseQuery } from './syntax';
export { formatDiagnostic } from './diagnostics/format';
export type { Diagnostic, DiagnosticCode } from './diagnostics/diagnostic';
export type { Location } from './syntax/location';
export type { RegoVersion } from './ast/nodes';
export type { Capabilities } from './builtins/capabilities';
export { loadCompiledPolicy, loadCompiledPolicySync } from './loader';
export type { LoadedPolicy, LoadOptions } from './loader';

// Policy tooling: Rego unit tests (`coresdk test`) and OPA bundles (`coresdk build --bundle`).
export { runRegoTests, readTestSuites, formatTestReport, summaryLine } from './testing';
export type { RunTestsOptions, SuiteReport, TestReport, TestResult, TestStatus } from './testing';
export { buildBundle, readBundle, verifyBundle, BundleError } from './bundle';
export type {
  BuildBundleOptions,
  BundleManifest,
  SigningOptions,
  VerificationOptions,
} from './bundle';
// Builtins opa-wasm answers itself; a module built elsewhere (e.g. by `opa build`) that names
// them is served by the SDK, not by our host registry.
export { SDK_SHADOWED_BUILTINS } from './builtins/host';
