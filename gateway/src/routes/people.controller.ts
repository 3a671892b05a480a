import {
  Body,
  Controller,
  Delete,
  Get,
  Inject,
  Param,
  Patch,
  Put,
  Query,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { RouteTree } from '@plein/auth';
import {
  DirectoryRpc,
  type Person,
  type PersonPage,
  type Principal,
  PhotoAlt,
  PhotoSize,
  StaffAssignmentPatch,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import type { RawBodyRoute } from '../http/body.middleware.js';
import { renderProfilePhoto } from '../media/photo.pipeline.js';

const Id = z.uuid();
const id = (value: string) => parseOrBadRequest(Id, value, 'id');

/** The one route that takes a binary body: `PUT /people/me/photo` in either tree. */
export const PHOTO_UPLOAD_ROUTE = (limitBytes: number): RawBodyRoute => ({
  method: 'PUT',
  path: /^\/api\/(staff|client)\/v1\/people\/me\/photo\/?$/,
  limitBytes,
  what: 'photo',
});

/** The smoelenboek's people in a route tree; what each person shows depends on the viewer (directory's rule). */
function peopleController(tree: Extract<RouteTree, 'staff' | 'client'>): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @ApiBearerAuth(tree === 'staff' ? 'staff' : 'clients')
  @InTree(tree)
  @Controller(`api/${tree}/v1/people`)
  class PeopleController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'People A–Z, filtered by name, location, team, function or skill' })
    @ApiQuery({ name: 'q', required: false })
    @ApiQuery({ name: 'location', required: false })
    @ApiQuery({ name: 'team', required: false })
    @ApiQuery({ name: 'function', required: false })
    @ApiQuery({ name: 'skill', required: false })
    @ApiQuery({ name: 'cursor', required: false })
    @ApiOkResponse({ schema: { $ref: '#/components/schemas/PersonPage' } })
    list(
      @CurrentPrincipal() principal: Principal,
      @Query() query: Record<string, unknown>,
    ): Promise<PersonPage> {
      const q = parseOrBadRequest(DirectoryRpc.listPeople.request, query, 'query');
      return callRpc(this.nats, DirectoryRpc.listPeople, q, principal);
    }

    @Get('new')
    @ApiOperation({ summary: 'New colleagues: start date in the last `days` days (default 90)' })
    @ApiQuery({ name: 'days', required: false })
    newColleagues(
      @CurrentPrincipal() principal: Principal,
      @Query() query: Record<string, unknown>,
    ): Promise<PersonPage> {
      const q = parseOrBadRequest(DirectoryRpc.newColleagues.request, query, 'query');
      return callRpc(this.nats, DirectoryRpc.newColleagues, q, principal);
    }

    @Get('me')
    @ApiOperation({ summary: 'My own profile, with everything on it' })
    @ApiOkResponse({ schema: { $ref: '#/components/schemas/Person' } })
    me(@CurrentPrincipal() principal: Principal): Promise<Person> {
      return callRpc(this.nats, DirectoryRpc.getPerson, { id: principal.userId }, principal);
    }

    @Patch('me')
    @ApiOperation({ summary: 'Edit my profile (phone, about, skills, languages; clients: what they share)' })
    updateMe(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<Person> {
      const patch = parseOrBadRequest(DirectoryRpc.updateOwnProfile.request, body ?? {}, 'body');
      return callRpc(this.nats, DirectoryRpc.updateOwnProfile, patch, principal);
    }

    @Put('me/photo')
    @ApiOperation({
      summary: 'Upload my photo: the raw bytes of a PNG, JPEG or WebP (any content type); re-encoded square',
    })
    @ApiQuery({ name: 'alt', required: false, description: 'What is on the photo (1–200 characters)' })
    async putPhoto(
      @CurrentPrincipal() principal: Principal,
      @Req() req: Request,
      @Query('alt') altText: string | undefined,
    ): Promise<Person> {
      const alt = altText === undefined ? undefined : parseOrBadRequest(PhotoAlt, altText, 'alt');
      const body: unknown = req.body;
      const { thumb, medium } = await renderProfilePhoto(Buffer.isBuffer(body) ? body : Buffer.alloc(0));
      return callRpc(
        this.nats,
        DirectoryRpc.setPhoto,
        { thumb: thumb.toString('base64'), medium: medium.toString('base64'), ...(alt ? { alt } : {}) },
        principal,
      );
    }

    @Delete('me/photo')
    @ApiOperation({ summary: 'Remove my photo' })
    deletePhoto(@CurrentPrincipal() principal: Principal): Promise<Person> {
      return callRpc(this.nats, DirectoryRpc.deletePhoto, {}, principal);
    }

    @Get(':id')
    @ApiOperation({ summary: 'One person, as far as the caller may see them (404 otherwise)' })
    @ApiOkResponse({ schema: { $ref: '#/components/schemas/Person' } })
    get(@CurrentPrincipal() principal: Principal, @Param('id') personId: string): Promise<Person> {
      return callRpc(this.nats, DirectoryRpc.getPerson, { id: id(personId) }, principal);
    }

    @Get(':id/photo')
    @ApiOperation({ summary: 'A person’s photo (image/webp), when the caller may see it' })
    @ApiQuery({ name: 'size', required: false, enum: ['thumb', 'medium'] })
    async photo(
      @CurrentPrincipal() principal: Principal,
      @Param('id') personId: string,
      @Query('size') size: string | undefined,
      @Res() res: Response,
    ): Promise<void> {
      const photo = await callRpc(
        this.nats,
        DirectoryRpc.getPhoto,
        { id: id(personId), size: parseOrBadRequest(PhotoSize, size ?? 'medium', 'size') },
        principal,
      );
      res
        .status(200)
        .type(photo.contentType)
        .set('Cache-Control', 'private, max-age=86400')
        .set('ETag', `"${photo.version}"`)
        .set('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(photo.data, 'base64'));
    }
  }
  Object.defineProperty(PeopleController, 'name', {
    value: `${tree[0]!.toUpperCase()}${tree.slice(1)}PeopleController`,
  });
  return PeopleController;
}

export const StaffPeopleController = peopleController('staff');
export const ClientPeopleController = peopleController('client');

/** Staff intranet only: editors and admins say where a colleague works; a mentor takes on a client. */
@ApiTags('staff intranet')
@ApiBearerAuth('staff')
@InTree('staff')
@Controller('api/staff/v1/people')
export class StaffPeopleManagementController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Editors/admins: a colleague’s function, locations and start date' })
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('id') personId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    const patch = parseOrBadRequest(StaffAssignmentPatch, body ?? {}, 'body');
    return callRpc(this.nats, DirectoryRpc.assignStaff, { id: id(personId), patch }, principal);
  }

  @Put(':id/mentor')
  @ApiOperation({ summary: 'Mentors: become this client’s mentor' })
  claimMentorship(@CurrentPrincipal() principal: Principal, @Param('id') personId: string): Promise<Person> {
    return callRpc(this.nats, DirectoryRpc.claimMentorship, { id: id(personId) }, principal);
  }
}
