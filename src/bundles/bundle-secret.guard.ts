import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../problems/domain-error.js';
import type { Bundle } from './bundle.js';
import { BundlesService } from './bundles.service.js';

declare module 'express' {
  interface Request {
    bundle?: Bundle;
  }
}

export const BUNDLE_SECRET_HEADER = 'x-bundle-secret';

/**
 * The documented rule: no secret is 401; an unknown id or a wrong secret is 404
 * (the two are indistinguishable, so ids can't be probed); a right secret on an
 * expired bundle is 410; a download-link token instead of the secret is 403.
 */
@Injectable()
export class BundleSecretGuard implements CanActivate {
  constructor(private readonly bundles: BundlesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const secret = req.header(BUNDLE_SECRET_HEADER);
    if (!secret && req.query.token !== undefined) {
      throw new DomainError('FORBIDDEN', 'A download link opens the download only; send the bundle secret to manage the bundle');
    }
    if (!secret) throw new DomainError('UNAUTHORIZED', 'Send the bundle secret in the X-Bundle-Secret header');
    req.bundle = await this.bundles.authorize(String(req.params.id), secret);
    return true;
  }
}
