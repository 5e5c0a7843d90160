import { Module } from '@nestjs/common';
import { SourceCatalog } from './source-catalog.js';

@Module({ providers: [SourceCatalog], exports: [SourceCatalog] })
export class StorageModule {}
