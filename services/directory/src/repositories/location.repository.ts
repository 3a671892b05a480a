import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Location } from '@plein/contracts';
import { type LocationRecord, LocationEntity } from '../entities/location.entity.js';
import { TeamEntity, TeamLocationEntity } from '../entities/team.entity.js';
import { ProfileLocationEntity } from '../entities/profile.entity.js';

export interface LocationData {
  name: string;
  kind: string;
  street: string;
  postalCode: string;
  city: string;
  description: string | null;
}

/**
 * Locations with the teams that work there: the one place that knows how they are stored.
 * Construct it with the `em` of the transaction (or request context) in use.
 */
export class LocationRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every location by name, each with its teams by name. */
  async list(): Promise<Location[]> {
    const rows = await this.em.find(LocationEntity, {}, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return this.withTeams(rows);
  }

  async find(id: string): Promise<Location | undefined> {
    const row = await this.em.findOne(LocationEntity, { id });
    return row ? (await this.withTeams([row]))[0] : undefined;
  }

  /** The location, locked until the transaction ends. */
  findForUpdate(id: string): Promise<LocationRecord | null> {
    return this.em.findOne(LocationEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return (await this.em.count(LocationEntity, exceptId ? { name, id: { $ne: exceptId } } : { name })) > 0;
  }

  async create(data: LocationData): Promise<LocationRecord> {
    const location = this.em.create(LocationEntity, { id: randomUUID(), ...data });
    await this.em.flush();
    return location;
  }

  async update(location: LocationRecord, data: LocationData): Promise<void> {
    this.em.assign(location, data);
    await this.em.flush();
  }

  /** Removes the location; its team and profile links go with it (on delete cascade). */
  async remove(location: LocationRecord): Promise<void> {
    this.em.remove(location);
    await this.em.flush();
  }

  /** Who works at the location. */
  async peopleAt(id: string): Promise<string[]> {
    const rows = await this.em.find(ProfileLocationEntity, { locationId: id });
    return rows.map((r) => r.userId);
  }

  private async withTeams(rows: LocationRecord[]): Promise<Location[]> {
    if (rows.length === 0) return [];
    const links = await this.em.find(TeamLocationEntity, { locationId: { $in: rows.map((r) => r.id) } });
    const teams =
      links.length === 0
        ? []
        : await this.em.find(
            TeamEntity,
            { id: { $in: [...new Set(links.map((l) => l.teamId))] } },
            { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
          );
    return rows.map((r) => {
      const here = new Set(links.filter((l) => l.locationId === r.id).map((l) => l.teamId));
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        address: { street: r.street, postalCode: r.postalCode, city: r.city },
        description: r.description ?? null,
        teams: teams.filter((t) => here.has(t.id)).map((t) => ({ id: t.id, name: t.name })),
      };
    });
  }
}
