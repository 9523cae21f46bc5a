import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUDIT_RECORDER } from './audit.constants';
import type { AuditRecorder } from './audit-recorder';

/**
 * Opens the audit record of every request before any guard runs. Nest hands middleware the
 * Node request and response on both adapters.
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  constructor(@Inject(AUDIT_RECORDER) private readonly recorder: AuditRecorder) {}

  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    this.recorder.begin(request, response);
    next();
  }
}
