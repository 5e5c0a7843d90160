import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { DomainError } from '../problems/domain-error.js';
import { StorageHealthIndicator } from './storage.health.js';

const HEALTH_EXAMPLE = { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly storage: StorageHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves requests' })
  @ApiOkResponse({ schema: { type: 'object', example: { status: 'ok', info: {}, error: {}, details: {} } } })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and every enabled storage provider can serve' })
  @ApiOkResponse({ schema: { type: 'object', example: HEALTH_EXAMPLE } })
  @ApiProblems('SERVICE_UNAVAILABLE')
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), ...this.storage.checks()]);
    } catch (err) {
      const failing = Object.keys((err as { response?: { error?: object } }).response?.error ?? {});
      throw new DomainError('SERVICE_UNAVAILABLE', `Not ready: ${failing.join(', ') || 'a check failed'}`, { cause: err });
    }
  }
}
