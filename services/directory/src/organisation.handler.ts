import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DirectoryRpc, type RpcResponse } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { OrganisationService } from './organisation.service.js';

type R<K extends keyof typeof DirectoryRpc> = Promise<RpcResponse<(typeof DirectoryRpc)[K]>>;

@Controller()
export class OrganisationHandler {
  constructor(private readonly org: OrganisationService) {}

  @MessagePattern(DirectoryRpc.listLocations.pattern)
  listLocations(@Payload() raw: unknown): R<'listLocations'> {
    return handleRpc(DirectoryRpc.listLocations, raw, () => this.org.listLocations());
  }

  @MessagePattern(DirectoryRpc.getLocation.pattern)
  getLocation(@Payload() raw: unknown): R<'getLocation'> {
    return handleRpc(DirectoryRpc.getLocation, raw, (q, p) => this.org.getLocation(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.createLocation.pattern)
  createLocation(@Payload() raw: unknown): R<'createLocation'> {
    return handleRpc(DirectoryRpc.createLocation, raw, (q, p) => this.org.createLocation(q, p!));
  }

  @MessagePattern(DirectoryRpc.updateLocation.pattern)
  updateLocation(@Payload() raw: unknown): R<'updateLocation'> {
    return handleRpc(DirectoryRpc.updateLocation, raw, (q, p) => this.org.updateLocation(q.id, q.patch, p!));
  }

  @MessagePattern(DirectoryRpc.deleteLocation.pattern)
  deleteLocation(@Payload() raw: unknown): R<'deleteLocation'> {
    return handleRpc(DirectoryRpc.deleteLocation, raw, (q, p) => this.org.deleteLocation(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.listTeams.pattern)
  listTeams(@Payload() raw: unknown): R<'listTeams'> {
    return handleRpc(DirectoryRpc.listTeams, raw, (q, p) => this.org.listTeams(q.location, p!));
  }

  @MessagePattern(DirectoryRpc.getTeam.pattern)
  getTeam(@Payload() raw: unknown): R<'getTeam'> {
    return handleRpc(DirectoryRpc.getTeam, raw, (q, p) => this.org.getTeam(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.createTeam.pattern)
  createTeam(@Payload() raw: unknown): R<'createTeam'> {
    return handleRpc(DirectoryRpc.createTeam, raw, (q, p) => this.org.createTeam(q, p!));
  }

  @MessagePattern(DirectoryRpc.updateTeam.pattern)
  updateTeam(@Payload() raw: unknown): R<'updateTeam'> {
    return handleRpc(DirectoryRpc.updateTeam, raw, (q, p) => this.org.updateTeam(q.id, q.patch, p!));
  }

  @MessagePattern(DirectoryRpc.deleteTeam.pattern)
  deleteTeam(@Payload() raw: unknown): R<'deleteTeam'> {
    return handleRpc(DirectoryRpc.deleteTeam, raw, (q, p) => this.org.deleteTeam(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.addTeamMember.pattern)
  addTeamMember(@Payload() raw: unknown): R<'addTeamMember'> {
    return handleRpc(DirectoryRpc.addTeamMember, raw, (q, p) => this.org.addTeamMember(q.id, q.userId, p!));
  }

  @MessagePattern(DirectoryRpc.removeTeamMember.pattern)
  removeTeamMember(@Payload() raw: unknown): R<'removeTeamMember'> {
    return handleRpc(DirectoryRpc.removeTeamMember, raw, (q, p) =>
      this.org.removeTeamMember(q.id, q.userId, p!),
    );
  }

  @MessagePattern(DirectoryRpc.listFunctions.pattern)
  listFunctions(@Payload() raw: unknown): R<'listFunctions'> {
    return handleRpc(DirectoryRpc.listFunctions, raw, () => this.org.listFunctions());
  }

  @MessagePattern(DirectoryRpc.createFunction.pattern)
  createFunction(@Payload() raw: unknown): R<'createFunction'> {
    return handleRpc(DirectoryRpc.createFunction, raw, (q, p) => this.org.createFunction(q, p!));
  }

  @MessagePattern(DirectoryRpc.deleteFunction.pattern)
  deleteFunction(@Payload() raw: unknown): R<'deleteFunction'> {
    return handleRpc(DirectoryRpc.deleteFunction, raw, (q, p) => this.org.deleteFunction(q.id, p!));
  }
}
