import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Storage } from '../storage/storage.js';

const TIMEOUT_MS = 3000;

/** One readiness check per enabled storage provider. */
@Injectable()
export class StorageHealthIndicator {
  constructor(
    private readonly storage: Storage,
    private readonly indicators: HealthIndicatorService,
  ) {}

  checks() {
    return this.storage.enabledProviders().map((provider) => async () => {
      const check = this.indicators.check(`storage:${provider.scheme}`);
      try {
        const details = await Promise.race([
          provider.checkHealth(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS).unref()),
        ]);
        return check.up(details);
      } catch (err) {
        return check.down({ message: (err as Error).message });
      }
    });
  }
}
