import { createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { digestsEqual } from '../common/digest.js';

/**
 * Signed, expiring download links: the token is the expiry and an HMAC-SHA256
 * over bundle id and expiry, so it opens one bundle's download until then.
 */
@Injectable()
export class DownloadLinks {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    if (config.links.signingKey) {
      this.key = config.links.signingKey;
    } else {
      // Without a configured key, links live as long as this process and work only on it.
      this.key = randomBytes(32);
      new Logger(DownloadLinks.name).warn('LINK_SIGNING_KEY is not set: download links end with this process and are not shared across instances');
    }
  }

  sign(bundleId: string, expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return `${exp.toString(36)}.${this.mac(bundleId, exp).toString('base64url')}`;
  }

  /** 'valid', 'expired' or 'invalid'; the MAC is compared in constant time. */
  verify(bundleId: string, token: string, now: Date): 'valid' | 'expired' | 'invalid' {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return 'invalid';
    const exp = parseInt(match[1], 36);
    if (!digestsEqual(Buffer.from(match[2], 'base64url'), this.mac(bundleId, exp))) return 'invalid';
    return exp * 1000 <= now.getTime() ? 'expired' : 'valid';
  }

  private mac(bundleId: string, exp: number): Buffer {
    return createHmac('sha256', this.key).update(`${bundleId.toLowerCase()}.${exp}`).digest();
  }
}
