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
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RouteTree } from '@plein/auth';
import {
  DirectoryRpc,
  MentorHandover,
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
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';
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
  @InTree(tree)
  @Controller(`api/${tree}/v1/people`)
  class PeopleController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'People A–Z, filtered by name, location, team, function or skill' })
    @TakesQuery(DirectoryRpc.listPeople)
    @Answers(DirectoryRpc.listPeople)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query() query: Record<string, unknown>,
    ): Promise<PersonPage> {
      const q = parseOrBadRequest(DirectoryRpc.listPeople.request, query, 'query');
      return callRpc(this.nats, DirectoryRpc.listPeople, q, principal);
    }

    @Get('new')
    @ApiOperation({ summary: 'New colleagues: start date in the last `days` days (default 90)' })
    @TakesQuery(DirectoryRpc.newColleagues)
    @Answers(DirectoryRpc.newColleagues)
    newColleagues(
      @CurrentPrincipal() principal: Principal,
      @Query() query: Record<string, unknown>,
    ): Promise<PersonPage> {
      const q = parseOrBadRequest(DirectoryRpc.newColleagues.request, query, 'query');
      return callRpc(this.nats, DirectoryRpc.newColleagues, q, principal);
    }

    @Get('me')
    @ApiOperation({ summary: 'My own profile, with everything on it' })
    @Answers(DirectoryRpc.getPerson, {
      problems: { 404: 'No profile yet (it is made on the first request)' },
    })
    me(@CurrentPrincipal() principal: Principal): Promise<Person> {
      return callRpc(this.nats, DirectoryRpc.getPerson, { id: principal.userId }, principal);
    }

    @Patch('me')
    @ApiOperation({ summary: 'Edit my profile (phone, about, skills, languages; clients: what they share)' })
    @Takes(DirectoryRpc.updateOwnProfile)
    @Answers(DirectoryRpc.updateOwnProfile, {
      problems: { 409: 'Your profile is being set up; try again in a moment' },
    })
    updateMe(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<Person> {
      const patch = parseOrBadRequest(DirectoryRpc.updateOwnProfile.request, body ?? {}, 'body');
      return callRpc(this.nats, DirectoryRpc.updateOwnProfile, patch, principal);
    }

    @Put('me/photo')
    @ApiOperation({
      summary: 'Upload my photo: the raw bytes of a PNG, JPEG or WebP (any content type); re-encoded square',
    })
    @Takes({
      media: ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'],
      description: 'The image bytes; the gateway reads the format from the content, not the content type',
    })
    @Answers(DirectoryRpc.setPhoto, {
      problems: {
        400: 'The file is empty',
        409: 'Your profile is being set up; try again in a moment',
        413: 'The photo is larger than the gateway takes (PHOTO_LIMIT_BYTES)',
        415: 'Not a PNG, JPEG or WebP image',
        422: 'The image could not be read, or has too many pixels',
      },
    })
    @TakesQuery(z.object({ alt: PhotoAlt.optional().describe('What is on the photo (1–200 characters)') }))
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
    @Answers(DirectoryRpc.deletePhoto, {
      problems: { 409: 'Your profile is being set up; try again in a moment' },
    })
    deletePhoto(@CurrentPrincipal() principal: Principal): Promise<Person> {
      return callRpc(this.nats, DirectoryRpc.deletePhoto, {}, principal);
    }

    @Get(':id')
    @ApiOperation({ summary: 'One person, as far as the caller may see them (404 otherwise)' })
    @Answers(DirectoryRpc.getPerson)
    get(@CurrentPrincipal() principal: Principal, @Param('id') personId: string): Promise<Person> {
      return callRpc(this.nats, DirectoryRpc.getPerson, { id: id(personId) }, principal);
    }

    @Get(':id/photo')
    @ApiOperation({ summary: 'A person’s photo (image/webp), when the caller may see it' })
    @TakesQuery(z.object({ size: PhotoSize.default('medium') }))
    @Answers({ media: ['image/webp'], description: 'The photo, square WebP (cached privately for a day)' })
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
@InTree('staff')
@Controller('api/staff/v1/people')
export class StaffPeopleManagementController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Editors/admins: a colleague’s function, locations and start date' })
  @Takes(StaffAssignmentPatch)
  @Answers(DirectoryRpc.assignStaff)
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('id') personId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    const patch = parseOrBadRequest(StaffAssignmentPatch, body ?? {}, 'body');
    return callRpc(this.nats, DirectoryRpc.assignStaff, { id: id(personId), patch }, principal);
  }

  @Put(':id/mentor')
  @ApiOperation({
    summary:
      'Mentors: become the mentor of a client who has none; the current mentor or an admin: hand over ({ mentorId })',
  })
  @Takes(MentorHandover)
  @Answers(DirectoryRpc.claimMentorship, {
    problems: { 403: 'Only the current mentor or an admin hands a client over' },
  })
  claimMentorship(
    @CurrentPrincipal() principal: Principal,
    @Param('id') personId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    const handover = parseOrBadRequest(MentorHandover, body ?? {}, 'body');
    return callRpc(this.nats, DirectoryRpc.claimMentorship, { id: id(personId), ...handover }, principal);
  }
}
