import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  FunctionCreated,
  FunctionDeleted,
  type FunctionInput,
  type Principal,
  ProfileUpdated,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import { conflict, requireEditor, uniquely } from './editors.js';
import { SERVICE, recordProfileEvent } from './profile.store.js';
import { FunctionRepository } from './repositories/function.repository.js';

/** Job functions a profile may hold. Editors and admins manage them. */
@Injectable()
export class FunctionService {
  constructor(private readonly em: EntityManager) {}

  async list() {
    return { items: await new FunctionRepository(this.em).list() };
  }

  async create(input: z.infer<typeof FunctionInput>, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const functions = new FunctionRepository(tx);
      const taken = `There is already a function called ${input.name}`;
      if (await functions.nameTaken(input.name)) throw conflict(taken);
      const { id } = await uniquely(() => functions.create(input.name), taken);
      recordEvent(tx, FunctionCreated, { id, name: input.name }, SERVICE);
      return { id, name: input.name };
    });
  }

  async delete(id: string, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const functions = new FunctionRepository(tx);
      const holders = await functions.holders(id);
      const fn = await functions.find(id);
      if (!fn) throw notFound('No such function');
      await functions.remove(fn);
      recordEvent(tx, FunctionDeleted, { id }, SERVICE);
      for (const userId of holders) await recordProfileEvent(tx, ProfileUpdated, userId);
      return { id, deleted: true as const };
    });
  }
}
