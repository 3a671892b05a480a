import { defineEntity, p } from '@mikro-orm/postgresql';

/** A job function a profile may hold; its name is unique. */
export const FunctionEntity = defineEntity({
  name: 'JobFunction',
  tableName: 'functions',
  properties: {
    id: p.uuid().primary(),
    name: p.text().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type FunctionRecord = InstanceType<typeof FunctionEntity.class>;
