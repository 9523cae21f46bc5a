import { Controller, Get } from '@nestjs/common';
import { Public } from '@coresdk/core-sdk';

/** Liveness probe for load balancers: public, no token. */
@Controller('health')
export class HealthController {
  @Public()
  @Get()
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
