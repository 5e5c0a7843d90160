import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { createDatabaseEndpoint, DatabaseEndpoint } from './database-endpoint.js';
import { SettlingDataSource } from './settling-data-source.js';
import { typeOrmOptions } from './typeorm-options.js';

@Module({
  providers: [{ provide: DatabaseEndpoint, inject: [AppConfig], useFactory: createDatabaseEndpoint }],
  exports: [DatabaseEndpoint],
})
class DatabaseEndpointModule {}

@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [AppConfig, DatabaseEndpoint],
      useFactory: (config: AppConfig, endpoint: DatabaseEndpoint) =>
        typeOrmOptions(config, endpoint.url, endpoint.embedded),
      dataSourceFactory: (options) => new SettlingDataSource(options!).initialize(),
    }),
  ],
  exports: [DatabaseEndpointModule],
})
export class DatabaseModule {}
