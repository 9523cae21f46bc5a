import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CoreSdkModuleOptions } from './config/core-sdk-options.interface';

/**
 * `forRoot(options)` / `forRootAsync({ imports, useFactory, inject })` and the token of
 * the raw options. The module is always global: its guard protects the whole application
 * and its services are needed wherever a tenant is.
 */
export const {
  ConfigurableModuleClass: CoreSdkConfigurableModule,
  MODULE_OPTIONS_TOKEN: CORE_SDK_MODULE_OPTIONS,
  OPTIONS_TYPE: CORE_SDK_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CORE_SDK_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CoreSdkModuleOptions>({ moduleName: 'CoreSdk' })
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
