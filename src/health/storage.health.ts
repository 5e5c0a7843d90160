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
      // The signal stops the provider's own work (an S3 HeadBucket), not just the wait for it.
      const signal = AbortSignal.timeout(TIMEOUT_MS);
      try {
        return check.up(await provider.checkHealth(signal));
      } catch (err) {
        return check.down({ message: signal.aborted ? 'timed out' : (err as Error).message });
      }
    });
  }
}
