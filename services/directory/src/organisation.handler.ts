import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DirectoryRpc, type RpcResponse } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { FunctionService } from './function.service.js';
import { LocationService } from './location.service.js';
import { TeamService } from './team.service.js';

type R<K extends keyof typeof DirectoryRpc> = Promise<RpcResponse<(typeof DirectoryRpc)[K]>>;

@Controller()
export class OrganisationHandler {
  constructor(
    private readonly locations: LocationService,
    private readonly teams: TeamService,
    private readonly functions: FunctionService,
  ) {}

  @MessagePattern(DirectoryRpc.listLocations.pattern)
  listLocations(@Payload() raw: unknown): R<'listLocations'> {
    return handleRpc(DirectoryRpc.listLocations, raw, () => this.locations.list());
  }

  @MessagePattern(DirectoryRpc.getLocation.pattern)
  getLocation(@Payload() raw: unknown): R<'getLocation'> {
    return handleRpc(DirectoryRpc.getLocation, raw, (q, p) => this.locations.get(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.createLocation.pattern)
  createLocation(@Payload() raw: unknown): R<'createLocation'> {
    return handleRpc(DirectoryRpc.createLocation, raw, (q, p) => this.locations.create(q, p!));
  }

  @MessagePattern(DirectoryRpc.updateLocation.pattern)
  updateLocation(@Payload() raw: unknown): R<'updateLocation'> {
    return handleRpc(DirectoryRpc.updateLocation, raw, (q, p) => this.locations.update(q.id, q.patch, p!));
  }

  @MessagePattern(DirectoryRpc.deleteLocation.pattern)
  deleteLocation(@Payload() raw: unknown): R<'deleteLocation'> {
    return handleRpc(DirectoryRpc.deleteLocation, raw, (q, p) => this.locations.delete(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.listTeams.pattern)
  listTeams(@Payload() raw: unknown): R<'listTeams'> {
    return handleRpc(DirectoryRpc.listTeams, raw, (q, p) => this.teams.list(q.location, p!));
  }

  @MessagePattern(DirectoryRpc.getTeam.pattern)
  getTeam(@Payload() raw: unknown): R<'getTeam'> {
    return handleRpc(DirectoryRpc.getTeam, raw, (q, p) => this.teams.get(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.createTeam.pattern)
  createTeam(@Payload() raw: unknown): R<'createTeam'> {
    return handleRpc(DirectoryRpc.createTeam, raw, (q, p) => this.teams.create(q, p!));
  }

  @MessagePattern(DirectoryRpc.updateTeam.pattern)
  updateTeam(@Payload() raw: unknown): R<'updateTeam'> {
    return handleRpc(DirectoryRpc.updateTeam, raw, (q, p) => this.teams.update(q.id, q.patch, p!));
  }

  @MessagePattern(DirectoryRpc.deleteTeam.pattern)
  deleteTeam(@Payload() raw: unknown): R<'deleteTeam'> {
    return handleRpc(DirectoryRpc.deleteTeam, raw, (q, p) => this.teams.delete(q.id, p!));
  }

  @MessagePattern(DirectoryRpc.addTeamMember.pattern)
  addTeamMember(@Payload() raw: unknown): R<'addTeamMember'> {
    return handleRpc(DirectoryRpc.addTeamMember, raw, (q, p) => this.teams.addMember(q.id, q.userId, p!));
  }

  @MessagePattern(DirectoryRpc.removeTeamMember.pattern)
  removeTeamMember(@Payload() raw: unknown): R<'removeTeamMember'> {
    return handleRpc(DirectoryRpc.removeTeamMember, raw, (q, p) =>
      this.teams.removeMember(q.id, q.userId, p!),
    );
  }

  @MessagePattern(DirectoryRpc.listFunctions.pattern)
  listFunctions(@Payload() raw: unknown): R<'listFunctions'> {
    return handleRpc(DirectoryRpc.listFunctions, raw, () => this.functions.list());
  }

  @MessagePattern(DirectoryRpc.createFunction.pattern)
  createFunction(@Payload() raw: unknown): R<'createFunction'> {
    return handleRpc(DirectoryRpc.createFunction, raw, (q, p) => this.functions.create(q, p!));
  }

  @MessagePattern(DirectoryRpc.deleteFunction.pattern)
  deleteFunction(@Payload() raw: unknown): R<'deleteFunction'> {
    return handleRpc(DirectoryRpc.deleteFunction, raw, (q, p) => this.functions.delete(q.id, p!));
  }
}
