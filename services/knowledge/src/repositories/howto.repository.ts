import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { type Howto, HowtoEntity } from '../entities/handbook.entity.js';

/** The client how-to pages ("Hoe werkt het?"). */
export class HowtoRepository {
  constructor(private readonly em: EntityManager) {}

  list(publishedOnly: boolean): Promise<Howto[]> {
    return this.em.find(HowtoEntity, publishedOnly ? { published: true } : {}, {
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
    });
  }

  find(id: string, lock = false): Promise<Howto | null> {
    return this.em.findOne(HowtoEntity, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  bySource(sourcePath: string): Promise<Howto | null> {
    return this.em.findOne(HowtoEntity, { sourcePath }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  create(data: {
    title: string;
    body: string;
    published: boolean;
    authorId: string | null;
    sourcePath?: string;
  }): Howto {
    return this.em.create(HowtoEntity, { id: randomUUID(), ...data, sourcePath: data.sourcePath ?? null });
  }

  exportPage(afterId: string | undefined, limit: number): Promise<Howto[]> {
    return this.em.find(
      HowtoEntity,
      { published: true, ...(afterId ? { id: { $gt: afterId } } : {}) },
      { orderBy: { id: 'asc' }, limit },
    );
  }
}
