import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type Location,
  LocationCreated,
  LocationDeleted,
  type LocationInput,
  type LocationPatch,
  LocationUpdated,
  type Principal,
  ProfileUpdated,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import { conflict, requireEditor, uniquely } from './editors.js';
import { PeopleService } from './people.service.js';
import { SERVICE, recordProfileEvent } from './profile.store.js';
import { LocationRepository } from './repositories/location.repository.js';

/** Locations: where people and teams work. Editors and admins manage them. */
@Injectable()
export class LocationService {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PeopleService,
  ) {}

  async list() {
    return { items: await new LocationRepository(this.em).list() };
  }

  async get(id: string, viewer: Principal) {
    const location = await new LocationRepository(this.em).find(id);
    if (!location) throw notFound('No such location');
    const people = await this.people.list({ location: id, limit: 50 }, viewer);
    return { ...location, people };
  }

  async create(input: z.infer<typeof LocationInput>, viewer: Principal): Promise<Location> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const locations = new LocationRepository(tx);
      const taken = `There is already a location called ${input.name}`;
      if (await locations.nameTaken(input.name)) throw conflict(taken);
      const { id } = await uniquely(
        () =>
          locations.create({
            name: input.name,
            kind: input.kind,
            street: input.address.street,
            postalCode: input.address.postalCode,
            city: input.address.city,
            description: input.description,
          }),
        taken,
      );
      const location = await this.load(locations, id);
      recordEvent(
        tx,
        LocationCreated,
        { id, name: location.name, kind: location.kind, teamIds: [] },
        SERVICE,
      );
      return location;
    });
  }

  async update(id: string, patch: z.infer<typeof LocationPatch>, viewer: Principal): Promise<Location> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const locations = new LocationRepository(tx);
      const record = await locations.findForUpdate(id);
      if (!record) throw notFound('No such location');
      const current = await this.load(locations, id);
      const next = {
        name: patch.name ?? current.name,
        kind: patch.kind ?? current.kind,
        address: { ...current.address, ...patch.address },
        description: patch.description !== undefined ? patch.description : current.description,
      };
      const taken = `There is already a location called ${next.name}`;
      if (await locations.nameTaken(next.name, id)) throw conflict(taken);
      await uniquely(
        () =>
          locations.update(record, {
            name: next.name,
            kind: next.kind,
            street: next.address.street,
            postalCode: next.address.postalCode,
            city: next.address.city,
            description: next.description,
          }),
        taken,
      );
      const location = await this.load(locations, id);
      recordEvent(
        tx,
        LocationUpdated,
        { id, name: location.name, kind: location.kind, teamIds: location.teams.map((t) => t.id) },
        SERVICE,
      );
      return location;
    });
  }

  async delete(id: string, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const locations = new LocationRepository(tx);
      const affected = await locations.peopleAt(id);
      const record = await locations.findForUpdate(id);
      if (!record) throw notFound('No such location');
      await locations.remove(record);
      recordEvent(tx, LocationDeleted, { id }, SERVICE);
      for (const userId of affected) await recordProfileEvent(tx, ProfileUpdated, userId);
      return { id, deleted: true as const };
    });
  }

  private async load(locations: LocationRepository, id: string): Promise<Location> {
    const location = await locations.find(id);
    if (!location) throw notFound('No such location');
    return location;
  }
}
