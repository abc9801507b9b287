import { WholeNumber } from '@invoice-engine/config';
import { DistributedConfiguration } from '@invoice-engine/distributed';
import { IsInt, Max, Min } from 'class-validator';

/** The distributed services' database settings plus the projector's own. */
export class ProjectorConfiguration extends DistributedConfiguration {
  /** Port of `GET /health`. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  HEALTH_PORT = 3010;

  /** Most events per read-model transaction (see docs/read-models.md, "Throughput"). */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(10000)
  PROJECTION_BATCH_SIZE = 1000;

  /** A rebuild ends when no batch arrived for this long. */
  @WholeNumber()
  @IsInt()
  @Min(100)
  REBUILD_IDLE_MS = 3000;
}
