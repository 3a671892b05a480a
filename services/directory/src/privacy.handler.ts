import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { DirectoryRpc, type RpcResponse, personalDataExport } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { directoryExport, menteesOf } from './privacy.js';

const DirectoryExport = personalDataExport('directory');

/** The mentor relation for identity, and the personal-data export for the gateway. */
@Controller()
export class PrivacyHandler {
  constructor(private readonly em: EntityManager) {}

  @MessagePattern(DirectoryRpc.mentees.pattern)
  mentees(@Payload() raw: unknown): Promise<RpcResponse<typeof DirectoryRpc.mentees>> {
    return handleRpc(DirectoryRpc.mentees, raw, async ({ mentorId }) => ({
      clientIds: await menteesOf(this.em, mentorId),
    }));
  }

  @MessagePattern(DirectoryExport.pattern)
  export(@Payload() raw: unknown): Promise<RpcResponse<typeof DirectoryExport>> {
    return handleRpc(DirectoryExport, raw, ({ userId }) => directoryExport(this.em, userId));
  }
}
