import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  IdentityAdminRpc,
  type Principal,
  type RealmDrift,
  type RpcResponse,
  type SyncResult,
  forbidden,
  personalDataExport,
} from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { ClientAccountsService } from './clients/client-accounts.service.js';
import { ErasureService } from './privacy/erasure.service.js';
import { REALM_ADMIN, type RealmAdmin } from './realm-admin.js';

type R<K extends keyof typeof IdentityAdminRpc> = Promise<RpcResponse<(typeof IdentityAdminRpc)[K]>>;
const IdentityExport = personalDataExport('identity');

const requireAdmin = (p: Principal) => {
  if (p.realm !== 'staff' || !p.roles.includes('admin'))
    throw forbidden('Administration needs the admin role');
};

/** Mentors' client accounts, erasure, export, the realm drift check and the on-demand Keycloak sync. */
@Controller()
export class AdminHandler {
  constructor(
    private readonly clients: ClientAccountsService,
    private readonly erasures: ErasureService,
    @Inject(REALM_ADMIN) private readonly realms: RealmAdmin,
  ) {}

  @MessagePattern(IdentityAdminRpc.createClient.pattern)
  createClient(@Payload() raw: unknown): R<'createClient'> {
    return handleRpc(IdentityAdminRpc.createClient, raw, (q, p) => this.clients.create(q, p!));
  }

  @MessagePattern(IdentityAdminRpc.listClients.pattern)
  listClients(@Payload() raw: unknown): R<'listClients'> {
    return handleRpc(IdentityAdminRpc.listClients, raw, (_q, p) => this.clients.list(p!));
  }

  @MessagePattern(IdentityAdminRpc.resetClient.pattern)
  resetClient(@Payload() raw: unknown): R<'resetClient'> {
    return handleRpc(IdentityAdminRpc.resetClient, raw, (q, p) => this.clients.reset(q.id, p!));
  }

  @MessagePattern(IdentityAdminRpc.startLetter.pattern)
  startLetter(@Payload() raw: unknown): R<'startLetter'> {
    return handleRpc(IdentityAdminRpc.startLetter, raw, (q, p) => this.clients.letter(q.id, p!));
  }

  @MessagePattern(IdentityAdminRpc.requestErasure.pattern)
  requestErasure(@Payload() raw: unknown): R<'requestErasure'> {
    return handleRpc(IdentityAdminRpc.requestErasure, raw, (q, p) => this.erasures.request(q.userId, p!));
  }

  @MessagePattern(IdentityAdminRpc.getErasure.pattern)
  getErasure(@Payload() raw: unknown): R<'getErasure'> {
    return handleRpc(IdentityAdminRpc.getErasure, raw, (q, p) => this.erasures.report(q.id, p!));
  }

  @MessagePattern(IdentityAdminRpc.drift.pattern)
  drift(@Payload() raw: unknown): Promise<RealmDrift> {
    return handleRpc(IdentityAdminRpc.drift, raw, (_q, p) => {
      requireAdmin(p!);
      return this.realms.drift();
    });
  }

  @MessagePattern(IdentityAdminRpc.sync.pattern)
  sync(@Payload() raw: unknown): Promise<SyncResult> {
    return handleRpc(IdentityAdminRpc.sync, raw, (_q, p) => {
      requireAdmin(p!);
      return this.realms.sync();
    });
  }

  @MessagePattern(IdentityExport.pattern)
  export(@Payload() raw: unknown): Promise<RpcResponse<typeof IdentityExport>> {
    return handleRpc(IdentityExport, raw, ({ userId }) => this.erasures.export(userId));
  }
}
