import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DownloadLinks } from '../auth/download-links.js';
import { BUNDLE_SECRET_HEADER } from '../bundles/bundle-secret.guard.js';
import { BundlesService } from '../bundles/bundles.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../problems/domain-error.js';

/**
 * Who may download a bundle: the holder of its secret, of a valid signed link,
 * or anyone with the id of a public bundle. Without any of these the answer is
 * 401 whether or not the bundle exists; a bad or expired link is 403.
 */
@Injectable()
export class DownloadCapabilityGuard implements CanActivate {
  constructor(
    private readonly bundles: BundlesService,
    private readonly links: DownloadLinks,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const id = String(req.params.id);
    const secret = req.header(BUNDLE_SECRET_HEADER);
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (secret) {
      req.bundle = await this.bundles.authorize(id, secret);
    } else if (token !== undefined) {
      const verdict = this.links.verify(id, token, this.clock.now());
      if (verdict !== 'valid') throw new DomainError('FORBIDDEN', verdict === 'expired' ? 'The download link has expired' : 'The download link is not valid');
      req.bundle = await this.bundles.findDownloadable(id);
    } else {
      const open = await this.bundles.findPublic(id);
      if (!open) throw new DomainError('UNAUTHORIZED', 'Send the bundle secret (X-Bundle-Secret) or use a download link');
      req.bundle = this.bundles.unexpired(open);
    }
    return true;
  }
}
