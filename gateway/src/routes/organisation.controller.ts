import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RouteTree } from '@plein/auth';
import {
  DirectoryRpc,
  FunctionInput,
  LocationInput,
  LocationPatch,
  type Principal,
  type RpcResponse,
  TeamInput,
  TeamPatch,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';

const id = (value: string, what = 'id') => parseOrBadRequest(z.uuid(), value, what);
type R<K extends keyof typeof DirectoryRpc> = Promise<RpcResponse<(typeof DirectoryRpc)[K]>>;

/** Where people work: locations (with their teams and people), result-oriented teams, functions. */
function organisationController(tree: Extract<RouteTree, 'staff' | 'client'>): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1`)
  class OrganisationController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get('locations')
    @ApiOperation({ summary: 'Locations A–Z with their teams' })
    @Answers(DirectoryRpc.listLocations)
    locations(@CurrentPrincipal() principal: Principal): R<'listLocations'> {
      return callRpc(this.nats, DirectoryRpc.listLocations, {}, principal);
    }

    @Get('locations/:id')
    @ApiOperation({ summary: 'A location page: address, teams and the first page of its people' })
    @Answers(DirectoryRpc.getLocation)
    location(@CurrentPrincipal() principal: Principal, @Param('id') locationId: string): R<'getLocation'> {
      return callRpc(this.nats, DirectoryRpc.getLocation, { id: id(locationId) }, principal);
    }

    @Get('teams')
    @ApiOperation({ summary: 'Result-oriented teams A–Z, optionally of one location' })
    @TakesQuery(DirectoryRpc.listTeams)
    @Answers(DirectoryRpc.listTeams)
    teams(@CurrentPrincipal() principal: Principal, @Query('location') location?: string): R<'listTeams'> {
      return callRpc(
        this.nats,
        DirectoryRpc.listTeams,
        location === undefined ? {} : { location: id(location, 'location') },
        principal,
      );
    }

    @Get('teams/:id')
    @ApiOperation({
      summary: 'A team page: purpose, locations, lead and members (members on the staff intranet)',
    })
    @Answers(DirectoryRpc.getTeam)
    team(@CurrentPrincipal() principal: Principal, @Param('id') teamId: string): R<'getTeam'> {
      return callRpc(this.nats, DirectoryRpc.getTeam, { id: id(teamId) }, principal);
    }

    @Get('functions')
    @ApiOperation({ summary: 'Functions A–Z' })
    @Answers(DirectoryRpc.listFunctions)
    functions(@CurrentPrincipal() principal: Principal): R<'listFunctions'> {
      return callRpc(this.nats, DirectoryRpc.listFunctions, {}, principal);
    }
  }
  Object.defineProperty(OrganisationController, 'name', {
    value: `${tree[0]!.toUpperCase()}${tree.slice(1)}OrganisationController`,
  });
  return OrganisationController;
}

export const StaffOrganisationController = organisationController('staff');
export const ClientOrganisationController = organisationController('client');

/** Staff intranet, editors and admins (the directory checks the role): manage locations, teams, functions. */
@ApiTags('staff intranet')
@InTree('staff')
@Controller('api/staff/v1')
export class OrganisationManagementController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Post('locations')
  @ApiOperation({ summary: 'Editors/admins: add a location' })
  @Takes(LocationInput)
  @Answers(DirectoryRpc.createLocation, { problems: { 409: 'There is already a location with this name' } })
  createLocation(@CurrentPrincipal() p: Principal, @Body() body: unknown): R<'createLocation'> {
    return callRpc(
      this.nats,
      DirectoryRpc.createLocation,
      parseOrBadRequest(LocationInput, body ?? {}, 'body'),
      p,
    );
  }

  @Patch('locations/:id')
  @ApiOperation({ summary: 'Editors/admins: change a location' })
  @Takes(LocationPatch)
  @Answers(DirectoryRpc.updateLocation, { problems: { 409: 'There is already a location with this name' } })
  updateLocation(
    @CurrentPrincipal() p: Principal,
    @Param('id') lid: string,
    @Body() body: unknown,
  ): R<'updateLocation'> {
    const patch = parseOrBadRequest(LocationPatch, body ?? {}, 'body');
    return callRpc(this.nats, DirectoryRpc.updateLocation, { id: id(lid), patch }, p);
  }

  @Delete('locations/:id')
  @ApiOperation({ summary: 'Editors/admins: remove a location' })
  @Answers(DirectoryRpc.deleteLocation)
  deleteLocation(@CurrentPrincipal() p: Principal, @Param('id') lid: string): R<'deleteLocation'> {
    return callRpc(this.nats, DirectoryRpc.deleteLocation, { id: id(lid) }, p);
  }

  @Post('teams')
  @ApiOperation({ summary: 'Editors/admins: add a team' })
  @Takes(TeamInput)
  @Answers(DirectoryRpc.createTeam, {
    problems: { 409: 'There is already a team with this name', 422: 'The lead is not a colleague (staff)' },
  })
  createTeam(@CurrentPrincipal() p: Principal, @Body() body: unknown): R<'createTeam'> {
    return callRpc(this.nats, DirectoryRpc.createTeam, parseOrBadRequest(TeamInput, body ?? {}, 'body'), p);
  }

  @Patch('teams/:id')
  @ApiOperation({ summary: 'Editors/admins: change a team (name, purpose, locations, lead)' })
  @Takes(TeamPatch)
  @Answers(DirectoryRpc.updateTeam, {
    problems: { 409: 'There is already a team with this name', 422: 'The lead is not a colleague (staff)' },
  })
  updateTeam(
    @CurrentPrincipal() p: Principal,
    @Param('id') tid: string,
    @Body() body: unknown,
  ): R<'updateTeam'> {
    const patch = parseOrBadRequest(TeamPatch, body ?? {}, 'body');
    return callRpc(this.nats, DirectoryRpc.updateTeam, { id: id(tid), patch }, p);
  }

  @Delete('teams/:id')
  @ApiOperation({ summary: 'Editors/admins: remove a team' })
  @Answers(DirectoryRpc.deleteTeam)
  deleteTeam(@CurrentPrincipal() p: Principal, @Param('id') tid: string): R<'deleteTeam'> {
    return callRpc(this.nats, DirectoryRpc.deleteTeam, { id: id(tid) }, p);
  }

  @Put('teams/:id/members/:userId')
  @ApiOperation({ summary: 'Editors/admins: add a colleague to a team (idempotent)' })
  @Answers(DirectoryRpc.addTeamMember, { problems: { 422: 'Only staff are members of a team' } })
  addMember(
    @CurrentPrincipal() p: Principal,
    @Param('id') tid: string,
    @Param('userId') uid: string,
  ): R<'addTeamMember'> {
    return callRpc(this.nats, DirectoryRpc.addTeamMember, { id: id(tid), userId: id(uid, 'userId') }, p);
  }

  @Delete('teams/:id/members/:userId')
  @ApiOperation({ summary: 'Editors/admins: take a colleague out of a team (idempotent)' })
  @Answers(DirectoryRpc.removeTeamMember)
  removeMember(
    @CurrentPrincipal() p: Principal,
    @Param('id') tid: string,
    @Param('userId') uid: string,
  ): R<'removeTeamMember'> {
    return callRpc(this.nats, DirectoryRpc.removeTeamMember, { id: id(tid), userId: id(uid, 'userId') }, p);
  }

  @Post('functions')
  @ApiOperation({ summary: 'Editors/admins: add a function' })
  @Takes(FunctionInput)
  @Answers(DirectoryRpc.createFunction, { problems: { 409: 'There is already a function with this name' } })
  createFunction(@CurrentPrincipal() p: Principal, @Body() body: unknown): R<'createFunction'> {
    return callRpc(
      this.nats,
      DirectoryRpc.createFunction,
      parseOrBadRequest(FunctionInput, body ?? {}, 'body'),
      p,
    );
  }

  @Delete('functions/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Editors/admins: remove a function' })
  @Answers(DirectoryRpc.deleteFunction)
  deleteFunction(@CurrentPrincipal() p: Principal, @Param('id') fid: string): R<'deleteFunction'> {
    return callRpc(this.nats, DirectoryRpc.deleteFunction, { id: id(fid) }, p);
  }
}
