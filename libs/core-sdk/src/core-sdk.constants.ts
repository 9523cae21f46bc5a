/**
 * Public injection tokens and metadata keys. Private tokens live next to the code that
 * owns them.
 */

/** Injects the resolved `CoreSdkConfig` (see `config/core-sdk-config.interface.ts`). */
export const CORE_SDK_CONFIG = Symbol('CoreSdkConfig');

/** Route/controller metadata set by `@Public()`. */
export const PUBLIC_ROUTE_METADATA = 'CORE_SDK:PUBLIC';
