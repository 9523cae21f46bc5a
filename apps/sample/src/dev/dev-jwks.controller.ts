import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { Public } from '@coresdk/core-sdk';
import { DEV_JWKS_FILE } from './dev-keys';

/**
 * Publishes the development public keys, as an issuer would, so other local services can
 * verify the sample's development tokens. Registered only when the sample generated them.
 */
@Controller('.well-known')
export class DevJwksController {
  @Public()
  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): unknown {
    return JSON.parse(readFileSync(DEV_JWKS_FILE, 'utf8'));
  }
}
