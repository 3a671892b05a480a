import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type Reader, canRead, hasAnyRole, hasRole } from '@plein/auth';
import { type Principal, readerRelationsRpc } from '@plein/contracts';
import { callRpc } from '@plein/messaging';

export const KNOWLEDGE_NATS_CLIENT = Symbol('KNOWLEDGE_NATS_CLIENT');

/** The visibility fields of a question or an answer. */
export interface KnowledgeVisible {
  intranet: 'staff' | 'client';
  audience: 'organization' | 'group';
  groupId?: string | null;
  authorId: string;
  hidden: boolean;
}

/** One reader of knowledge: the principal with the groups they are a member of. */
export class KnowledgeReader {
  readonly rule: Reader;

  constructor(
    readonly principal: Principal,
    readonly groupIds: readonly string[],
  ) {
    this.rule = { principal: { ...principal, groupIds: [...groupIds] }, follows: () => false };
  }

  /** THE visibility rule, narrowed to the intranet of the route tree the request came through. */
  canRead(content: KnowledgeVisible): boolean {
    return content.intranet === this.principal.intranet && canRead(this.rule, content);
  }

  get isModerator(): boolean {
    return this.principal.realm === 'staff' && hasRole(this.principal, 'moderator');
  }

  /** Editors (and admins) write the handbook and may accept any answer. */
  get isEditor(): boolean {
    return this.principal.realm === 'staff' && hasAnyRole(this.principal, ['editor', 'admin']);
  }
}

/**
 * Group memberships live in timelines and are asked for per request (as search does), so leaving a group
 * counts at once. When timelines does not answer, the reader has no groups: they see less, never more.
 */
@Injectable()
export class ReaderService {
  private readonly logger = new Logger('ReaderService');

  constructor(@Inject(KNOWLEDGE_NATS_CLIENT) private readonly nats: ClientProxy) {}

  async of(principal: Principal): Promise<KnowledgeReader> {
    let groupIds: string[] = [];
    try {
      groupIds = (await callRpc(this.nats, readerRelationsRpc, {}, principal, 2000)).groupIds;
    } catch (err) {
      this.logger.warn(`reader relations unavailable, reading without groups: ${String(err)}`);
    }
    return new KnowledgeReader(principal, [...new Set([...principal.groupIds, ...groupIds])]);
  }
}
