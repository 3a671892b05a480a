import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type FunctionRecord, FunctionEntity } from '../entities/function.entity.js';
import { ProfileEntity } from '../entities/profile.entity.js';

/**
 * Job functions: the one place that knows how they are stored.
 * Construct it with the `em` of the transaction (or request context) in use.
 */
export class FunctionRepository {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<{ id: string; name: string }[]> {
    const rows = await this.em.find(FunctionEntity, {}, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  find(id: string): Promise<FunctionRecord | null> {
    return this.em.findOne(FunctionEntity, { id });
  }

  async nameTaken(name: string): Promise<boolean> {
    return (await this.em.count(FunctionEntity, { name })) > 0;
  }

  async create(name: string): Promise<FunctionRecord> {
    const fn = this.em.create(FunctionEntity, { id: randomUUID(), name });
    await this.em.flush();
    return fn;
  }

  /** Removes the function; the profiles holding it keep none (on delete set null). */
  async remove(fn: FunctionRecord): Promise<void> {
    this.em.remove(fn);
    await this.em.flush();
  }

  /** Who holds the function. */
  async holders(id: string): Promise<string[]> {
    const rows = await this.em.find(ProfileEntity, { functionId: id }, { fields: ['userId'] });
    return rows.map((r) => r.userId);
  }
}
