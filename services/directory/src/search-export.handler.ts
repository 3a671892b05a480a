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
        const locations = await this.em.execute<
          { id: string; name: string; kind: string; team_ids: string[] }[]
        >(
          `select l.id, l.name, l.kind,
                  coalesce((select array_agg(tl.team_id) from "directory"."team_locations" tl where tl.location_id = l.id), '{}') as team_ids
             from "directory"."locations" l order by l.id`,
        );
        for (const l of locations) {
          items.push({
            event: LocationCreated.type,
            data: { id: l.id, name: l.name, kind: l.kind, teamIds: l.team_ids },
          });
        }
        const teams = await this.em.execute<
          {
            id: string;
            name: string;
            purpose: string | null;
            lead_id: string | null;
            location_ids: string[];
          }[]
        >(
          `select t.id, t.name, t.purpose, t.lead_id,
                  coalesce((select array_agg(tl.location_id) from "directory"."team_locations" tl where tl.team_id = t.id), '{}') as location_ids
             from "directory"."teams" t order by t.id`,
        );
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
      const ids = await this.em.execute<{ user_id: string }[]>(
        `select user_id from "directory"."profiles" where (?::uuid is null or user_id > ?::uuid) order by user_id limit ?`,
        [cursor ?? null, cursor ?? null, limit],
      );
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
