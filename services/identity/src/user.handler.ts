import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityRpc, type User, type UserAccount, type UserPage } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { ClientAccountsService } from './clients/client-accounts.service.js';
import { UserProvisioningService } from './user-provisioning.service.js';

@Controller()
export class UserHandler {
  constructor(
    private readonly users: UserProvisioningService,
    private readonly clients: ClientAccountsService,
  ) {}

  /**
   * The gateway's just-in-time provisioning, on a person's request with a valid token. A client with a start code
   * has just used it (Keycloak made them choose their own password before it gave any token): the code is dropped.
   */
  @MessagePattern(IdentityRpc.ensureUser.pattern)
  ensure(@Payload() raw: unknown): Promise<User> {
    return handleRpc(IdentityRpc.ensureUser, raw, async (claims) => {
      const user = await this.users.ensure(claims);
      if (user.realm === 'clients') await this.clients.startCodeUsed(user.id);
      return user;
    });
  }

  @MessagePattern(IdentityRpc.me.pattern)
  me(@Payload() raw: unknown): Promise<User> {
    return handleRpc(IdentityRpc.me, raw, (_data, principal) => this.users.me(principal!));
  }

  @MessagePattern(IdentityRpc.listUsers.pattern)
  list(@Payload() raw: unknown): Promise<UserPage> {
    return handleRpc(IdentityRpc.listUsers, raw, (query, principal) => this.users.list(query, principal!));
  }

  @MessagePattern(IdentityRpc.getUser.pattern)
  get(@Payload() raw: unknown): Promise<UserAccount> {
    return handleRpc(IdentityRpc.getUser, raw, ({ userId }) => this.users.get(userId));
  }
}
