// Public surface of the built-ins: the catalogue of signatures, capabilities and host implementations.
export { BUILTIN_CATALOGUE, INFIX_OPERATORS, lookupBuiltin, fixedArity } from './catalogue';
export type { BuiltinSignature, SignatureFlags } from './catalogue';
export { T, formatTypeSpec, isAssignable } from './type-spec';
export type { TypeSpec } from './type-spec';
export { BuiltinError, jsonTypeName } from './builtin-error';
export {
  DEFAULT_CAPABILITIES,
  NETWORK_BUILTINS,
  CapabilitiesError,
  allowedBuiltins,
  enableBuiltins,
  parseCapabilities,
  signatureFromCapability,
  toCapabilityBuiltin,
} from './capabilities';
export type {
  Capabilities,
  CapabilityBuiltin,
  CapabilityDecl,
  CapabilityType,
} from './capabilities';
export {
  HOST_BUILTINS,
  HOST_ALIAS_PREFIX,
  SDK_SHADOWED_BUILTINS,
  hostImportName,
  resetEvaluationScope,
} from './host';
export type { HostBuiltin, HostRegistry } from './host';
