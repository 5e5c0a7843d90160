import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../problems/domain-error.js';
import { type ApiKeyPrincipal, ApiKeys } from './api-keys.js';

declare module 'express' {
  interface Request {
    principal?: ApiKeyPrincipal;
  }
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="bundlestream"' };

/** Requires `Authorization: Bearer <key>` unless anonymous creation is switched on. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeys,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.headers.authorization;
    if (header === undefined && this.config.auth.allowAnonymousCreate) return true;
    const key = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (!key) {
      throw new DomainError('UNAUTHORIZED', 'Send an API key as "Authorization: Bearer <key>"', { headers: CHALLENGE });
    }
    const principal = this.keys.verify(key);
    if (!principal) throw new DomainError('UNAUTHORIZED', 'The API key is not valid', { headers: CHALLENGE });
    req.principal = principal;
    return true;
  }
}
