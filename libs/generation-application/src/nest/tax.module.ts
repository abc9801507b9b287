import {
  CLOCK,
  MESSAGE_PUBLISHER,
  TAX_ENGINE,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import type { TaxEngine } from '@invoice-engine/tax';
import { Module, type DynamicModule } from '@nestjs/common';
import { CalculateTax } from '../tax/calculate-tax';
import { TaxRequestsConsumer } from './tax-requests.consumer';

/**
 * The tax service: consumes `tax.requests`, answers on `tax.results`. Import `TaxModule` as is when
 * a global module binds `TAX_ENGINE`, or `TaxModule.forRoot({taxEngine})` to bind the engine here.
 * `EVENT_STORE` is not needed; `MESSAGE_PUBLISHER`, `CLOCK` and `APP_LOGGER` are.
 */
@Module({
  controllers: [TaxRequestsConsumer],
  providers: [
    {
      provide: CalculateTax,
      inject: [TAX_ENGINE, MESSAGE_PUBLISHER, CLOCK],
      useFactory: (engine: TaxEngine, publisher: MessagePublisher, clock: Clock) =>
        new CalculateTax(engine, publisher, clock),
    },
  ],
  exports: [CalculateTax],
})
export class TaxModule {
  static forRoot(options: { readonly taxEngine: TaxEngine }): DynamicModule {
    return {
      module: TaxModule,
      providers: [{ provide: TAX_ENGINE, useValue: options.taxEngine }],
    };
  }
}
