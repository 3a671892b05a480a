import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type Reader, canRead } from '@plein/auth';
import { type FolderAudience, type Intranet, type Principal, readerRelationsRpc } from '@plein/contracts';
import { callRpc } from '@plein/messaging';

export const DOCUMENTS_NATS_CLIENT = Symbol('DOCUMENTS_NATS_CLIENT');

/** Where a folder or a file is: its intranet and audience (and group). */
export interface Place {
  intranet: Intranet;
  audience: FolderAudience;
  groupId?: string | null;
}

/** Stands in for a file without an owner (erased): nobody is its author. */
const NO_OWNER = '00000000-0000-0000-0000-000000000000';

/**
 * One reader of documents: the principal with the groups they are a member of.
 * Reading is THE visibility rule of `@plein/auth` (a file's visibility is its folder's; its owner is its
 * author), narrowed to the intranet of the route tree the request came through. Writing (upload, new folder,
 * rename, move, delete, restore) is for staff: in an organisation folder of the intranet, or in a group
 * folder of a group they are a member of. Clients read only.
 */
export class DocumentsReader {
  readonly rule: Reader;

  constructor(
    readonly principal: Principal,
    readonly groupIds: readonly string[],
  ) {
    this.rule = { principal: { ...principal, groupIds: [...groupIds] }, follows: () => false };
  }

  canRead(place: Place, ownerId: string | null = null): boolean {
    return (
      place.intranet === this.principal.intranet &&
      canRead(this.rule, {
        intranet: place.intranet,
        audience: place.audience,
        groupId: place.groupId ?? null,
        authorId: ownerId ?? NO_OWNER,
        hidden: false,
      })
    );
  }

  canWrite(place: Place): boolean {
    return (
      this.principal.realm === 'staff' &&
      this.canRead(place) &&
      (place.audience === 'organization' || (place.groupId != null && this.groupIds.includes(place.groupId)))
    );
  }
}

/**
 * Group memberships live in timelines and are asked for per request, so leaving a group counts at once.
 * When timelines does not answer, the reader has no groups: they see less, never more.
 */
@Injectable()
export class ReaderService {
  private readonly logger = new Logger('ReaderService');

  constructor(@Inject(DOCUMENTS_NATS_CLIENT) private readonly nats: ClientProxy) {}

  async of(principal: Principal): Promise<DocumentsReader> {
    let groupIds: string[] = [];
    try {
      groupIds = (await callRpc(this.nats, readerRelationsRpc, {}, principal, 2000)).groupIds;
    } catch (err) {
      this.logger.warn(`reader relations unavailable, reading without groups: ${String(err)}`);
    }
    return new DocumentsReader(principal, [...new Set([...principal.groupIds, ...groupIds])]);
  }
}
