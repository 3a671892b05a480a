import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type ExportPage,
  LocationCreated,
  ProfileCreated,
  TeamCreated,
  badRequest,
  exportForSearch,
} from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { LocationEntity } from './entities/location.entity.js';
import { ProfileEntity } from './entities/profile.entity.js';
import { TeamEntity, TeamLocationEntity } from './entities/team.entity.js';
import { SERVICE, loadProfiles, profileEventData } from './profile.store.js';

const Export = exportForSearch(SERVICE);

/**
 * The directory's current state for a search rebuild, as the data of its own events: locations and teams
 * on the first page, then profiles by user id.
 */
@Controller()
export class SearchExportHandler {
  constructor(private readonly em: EntityManager) {}

  @MessagePattern(Export.pattern)
  export(@Payload() raw: unknown): Promise<ExportPage> {
    return handleRpc(Export, raw, async ({ cursor, limit }) => {
      if (cursor !== undefined && !/^[0-9a-f-]{36}$/.test(cursor))
        throw badRequest('Not a cursor of this export');
      const items: ExportPage['items'] = [];
      if (cursor === undefined) {
        const links = await this.em.find(TeamLocationEntity, {});
        const locations = (await this.em.find(LocationEntity, {}, { orderBy: { id: 'asc' } })).map((l) => ({
          ...l,
          team_ids: links.filter((x) => x.locationId === l.id).map((x) => x.teamId),
        }));
        for (const l of locations) {
          items.push({
            event: LocationCreated.type,
            data: { id: l.id, name: l.name, kind: l.kind, teamIds: l.team_ids },
          });
        }
        const teams = (await this.em.find(TeamEntity, {}, { orderBy: { id: 'asc' } })).map((t) => ({
          ...t,
          lead_id: t.leadId ?? null,
          purpose: t.purpose ?? null,
          location_ids: links.filter((x) => x.teamId === t.id).map((x) => x.locationId),
        }));
        for (const t of teams) {
          items.push({
            event: TeamCreated.type,
            data: {
              id: t.id,
              name: t.name,
              purpose: t.purpose,
              locationIds: t.location_ids,
              leadId: t.lead_id,
            },
          });
        }
      }
      const ids = (
        await this.em.find(ProfileEntity, cursor === undefined ? {} : { userId: { $gt: cursor } }, {
          orderBy: { userId: 'asc' },
          limit,
          fields: ['userId'],
        })
      ).map((p) => ({ user_id: p.userId }));
      for (const p of await loadProfiles(
        this.em,
        ids.map((r) => r.user_id),
      )) {
        items.push({ event: ProfileCreated.type, data: profileEventData(p) });
      }
      const last = ids[ids.length - 1];
      return ids.length === limit && last ? { items, nextCursor: last.user_id } : { items };
    });
  }
}
