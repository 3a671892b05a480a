import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { type RpcResponse, personalDataExport } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { knowledgeExport } from './privacy.js';

const KnowledgeExport = personalDataExport('knowledge');

/** The personal-data export (`GET /me/export`), for the gateway only. */
@Controller()
export class PrivacyHandler {
  constructor(private readonly em: EntityManager) {}

  @MessagePattern(KnowledgeExport.pattern)
  export(@Payload() raw: unknown): Promise<RpcResponse<typeof KnowledgeExport>> {
    return handleRpc(KnowledgeExport, raw, ({ userId }) => knowledgeExport(this.em, userId));
  }
}
