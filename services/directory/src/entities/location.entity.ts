import { defineEntity, p } from '@mikro-orm/postgresql';

/** A place people work at (an office, a site); its name is unique. */
export const LocationEntity = defineEntity({
  name: 'Location',
  tableName: 'locations',
  properties: {
    id: p.uuid().primary(),
    name: p.text().unique(),
    kind: p.text(),
    street: p.text(),
    postalCode: p.text(),
    city: p.text(),
    description: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type LocationRecord = InstanceType<typeof LocationEntity.class>;
