import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Response, Request } from 'express';
import { DomainError } from '../../problems/domain-error.js';
import { TUS_VERSION } from './tus-headers.js';

/** Every tus answer names the protocol version; a request for another version is refused (412) before anything else. */
@Injectable()
export class TusVersionGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    http.getResponse<Response>().setHeader('Tus-Resumable', TUS_VERSION);
    if (http.getRequest<Request>().header('tus-resumable') !== TUS_VERSION) {
      throw new DomainError('TUS_VERSION_UNSUPPORTED', `Send Tus-Resumable: ${TUS_VERSION}`, { headers: { 'Tus-Version': TUS_VERSION } });
    }
    return true;
  }
}
