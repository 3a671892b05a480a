import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { type RpcResponse, personalDataExport } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { timelinesExport } from './privacy.js';

const TimelinesExport = personalDataExport('timelines');

/** The personal-data export (`GET /me/export`), for the gateway only. */
@Controller()
export class PrivacyHandler {
  constructor(private readonly em: EntityManager) {}

  @MessagePattern(TimelinesExport.pattern)
  export(@Payload() raw: unknown): Promise<RpcResponse<typeof TimelinesExport>> {
    return handleRpc(TimelinesExport, raw, ({ userId }) => timelinesExport(this.em, userId));
  }
}
