import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import type { EventStore } from '@invoice-engine/event-store';
import { DomainError } from '@invoice-engine/kernel';
import { EVENT_STORE } from '@invoice-engine/runtime';
import type { InvoiceBatchSchedulerState } from '@invoice-engine/scheduling';
import type { RequestedRun } from '../../request-run/request-invoice-batch-run';
import { HandleInvoiceBatchSchedulerCommand } from '../../scheduling/handle-scheduler-command';
import { loadInvoiceBatchScheduler } from '../../scheduling/invoice-batch-scheduler-stream';
import { RunSchedulerNow } from '../../scheduling/run-scheduler-now';
import { ApiAuthGuard, RequiresRole } from './api-auth.guard';
import { invoiceBatchSchedulerView } from './api-views';
import { NEW_ID } from './new-id.token';
import {
  CreateSchedulerDto,
  SchedulerDefinitionDto,
  schedulerDefinitionOf,
} from './scheduler-definition.dto';

function view(state: InvoiceBatchSchedulerState, schedulerId: string): unknown {
  if (state.status === 'NotCreated') {
    throw new DomainError(
      'SCHEDULER.NOT_FOUND',
      'not-found',
      `Invoice batch scheduler ${schedulerId} does not exist`,
    );
  }
  return invoiceBatchSchedulerView(state);
}

/** Invoice batch schedulers: create, edit, activate, deactivate, cancel, read, run now. */
@Controller('schedulers')
@UseGuards(ApiAuthGuard)
export class SchedulersController {
  constructor(
    @Inject(HandleInvoiceBatchSchedulerCommand) private readonly commands: HandleInvoiceBatchSchedulerCommand,
    @Inject(RunSchedulerNow) private readonly runNow: RunSchedulerNow,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(NEW_ID) private readonly newId: () => string,
  ) {}

  @Post()
  @RequiresRole('billing-operator')
  async create(@Body() body: CreateSchedulerDto): Promise<unknown> {
    const schedulerId = body.schedulerId ?? this.newId();
    const definition = schedulerDefinitionOf(body);
    return view(
      await this.commands.handle({ type: 'CreateInvoiceBatchScheduler', schedulerId, definition }),
      schedulerId,
    );
  }

  @Put(':schedulerId')
  @RequiresRole('billing-operator')
  async edit(
    @Param('schedulerId') schedulerId: string,
    @Body() body: SchedulerDefinitionDto,
  ): Promise<unknown> {
    const definition = schedulerDefinitionOf(body);
    return view(
      await this.commands.handle({ type: 'EditInvoiceBatchScheduler', schedulerId, definition }),
      schedulerId,
    );
  }

  @Post(':schedulerId/activate')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('billing-operator')
  async activate(@Param('schedulerId') schedulerId: string): Promise<unknown> {
    return view(
      await this.commands.handle({ type: 'ActivateInvoiceBatchScheduler', schedulerId }),
      schedulerId,
    );
  }

  @Post(':schedulerId/deactivate')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('billing-operator')
  async deactivate(@Param('schedulerId') schedulerId: string): Promise<unknown> {
    return view(
      await this.commands.handle({ type: 'DeactivateInvoiceBatchScheduler', schedulerId }),
      schedulerId,
    );
  }

  @Post(':schedulerId/cancel')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('billing-operator')
  async cancel(@Param('schedulerId') schedulerId: string): Promise<unknown> {
    return view(
      await this.commands.handle({ type: 'CancelInvoiceBatchScheduler', schedulerId }),
      schedulerId,
    );
  }

  @Post(':schedulerId/run-now')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequiresRole('billing-operator')
  runSchedulerNow(@Param('schedulerId') schedulerId: string): Promise<RequestedRun> {
    return this.runNow.handle(schedulerId);
  }

  @Get(':schedulerId')
  @RequiresRole('billing-viewer')
  async read(@Param('schedulerId') schedulerId: string): Promise<unknown> {
    return view((await loadInvoiceBatchScheduler(this.eventStore, schedulerId)).state, schedulerId);
  }
}
