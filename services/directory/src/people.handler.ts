import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DirectoryRpc, type RpcResponse } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { PeopleService } from './people.service.js';

type R<K extends keyof typeof DirectoryRpc> = Promise<RpcResponse<(typeof DirectoryRpc)[K]>>;

@Controller()
export class PeopleHandler {
  constructor(private readonly people: PeopleService) {}

  @MessagePattern(DirectoryRpc.listPeople.pattern)
  list(@Payload() raw: unknown): R<'listPeople'> {
    return handleRpc(DirectoryRpc.listPeople, raw, (q, p) => this.people.list(q, p!));
  }

  @MessagePattern(DirectoryRpc.newColleagues.pattern)
  newColleagues(@Payload() raw: unknown): R<'newColleagues'> {
    return handleRpc(DirectoryRpc.newColleagues, raw, (q, p) => this.people.newColleagues(q.days, p!));
  }

  @MessagePattern(DirectoryRpc.getPerson.pattern)
  get(@Payload() raw: unknown): R<'getPerson'> {
    return handleRpc(DirectoryRpc.getPerson, raw, (q, p) => this.people.get(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.updateOwnProfile.pattern)
  updateOwn(@Payload() raw: unknown): R<'updateOwnProfile'> {
    return handleRpc(DirectoryRpc.updateOwnProfile, raw, (patch, p) => this.people.updateOwn(patch, p!));
  }

  @MessagePattern(DirectoryRpc.assignStaff.pattern)
  assign(@Payload() raw: unknown): R<'assignStaff'> {
    return handleRpc(DirectoryRpc.assignStaff, raw, (q, p) => this.people.assign(q.id, q.patch, p!));
  }

  @MessagePattern(DirectoryRpc.claimMentorship.pattern)
  claimMentorship(@Payload() raw: unknown): R<'claimMentorship'> {
    return handleRpc(DirectoryRpc.claimMentorship, raw, (q, p) =>
      this.people.claimMentorship(q.id, q.mentorId, p!),
    );
  }

  @MessagePattern(DirectoryRpc.mentorOf.pattern)
  mentorOf(@Payload() raw: unknown): R<'mentorOf'> {
    return handleRpc(DirectoryRpc.mentorOf, raw, (q) => this.people.mentorOf(q.clientId));
  }

  @MessagePattern(DirectoryRpc.setPhoto.pattern)
  setPhoto(@Payload() raw: unknown): R<'setPhoto'> {
    return handleRpc(DirectoryRpc.setPhoto, raw, (photo, p) => this.people.setPhoto(photo, p!));
  }

  @MessagePattern(DirectoryRpc.deletePhoto.pattern)
  deletePhoto(@Payload() raw: unknown): R<'deletePhoto'> {
    return handleRpc(DirectoryRpc.deletePhoto, raw, (_q, p) => this.people.deletePhoto(p!));
  }

  @MessagePattern(DirectoryRpc.getPhoto.pattern)
  getPhoto(@Payload() raw: unknown): R<'getPhoto'> {
    return handleRpc(DirectoryRpc.getPhoto, raw, (q, p) => this.people.getPhoto(q.id, q.size, p!));
  }
}
