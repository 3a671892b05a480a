import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TimelinesRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { GroupService } from './group.service.js';

@Controller()
export class GroupHandler {
  constructor(private readonly groups: GroupService) {}

  @MessagePattern(R.listGroups.pattern)
  list(@Payload() raw: unknown) {
    return handleRpc(R.listGroups, raw, (_d, p) => this.groups.list(p!));
  }

  @MessagePattern(R.createGroup.pattern)
  create(@Payload() raw: unknown) {
    return handleRpc(R.createGroup, raw, (d, p) => this.groups.create(p!, d));
  }

  @MessagePattern(R.getGroup.pattern)
  get(@Payload() raw: unknown) {
    return handleRpc(R.getGroup, raw, (d, p) => this.groups.get(p!, d.id));
  }

  @MessagePattern(R.addMember.pattern)
  addMember(@Payload() raw: unknown) {
    return handleRpc(R.addMember, raw, (d, p) => this.groups.addMember(p!, d.groupId, d.userId));
  }

  @MessagePattern(R.listMembers.pattern)
  members(@Payload() raw: unknown) {
    return handleRpc(R.listMembers, raw, (d, p) => this.groups.members(p!, d.groupId));
  }

  @MessagePattern(R.followGroup.pattern)
  follow(@Payload() raw: unknown) {
    return handleRpc(R.followGroup, raw, (d, p) => this.groups.follow(p!, d.groupId, true));
  }

  @MessagePattern(R.unfollowGroup.pattern)
  unfollow(@Payload() raw: unknown) {
    return handleRpc(R.unfollowGroup, raw, (d, p) => this.groups.follow(p!, d.groupId, false));
  }

  @MessagePattern(R.removeMember.pattern)
  removeMember(@Payload() raw: unknown) {
    return handleRpc(R.removeMember, raw, (d, p) => this.groups.removeMember(p!, d.groupId, d.userId));
  }
}
