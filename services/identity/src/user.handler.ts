import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityRpc, type User, type UserAccount, type UserPage } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { UserProvisioningService } from './user-provisioning.service.js';

@Controller()
export class UserHandler {
  constructor(private readonly users: UserProvisioningService) {}

  @MessagePattern(IdentityRpc.ensureUser.pattern)
  ensure(@Payload() raw: unknown): Promise<User> {
    return handleRpc(IdentityRpc.ensureUser, raw, (claims) => this.users.ensure(claims));
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
