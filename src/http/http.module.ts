import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JsonBodyInterceptor } from './json-body.interceptor.js';

@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor }] })
export class HttpModule {}
