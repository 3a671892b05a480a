import { describe, expect, it } from 'vitest';
import { toUserClaims } from './identity.js';

describe('toUserClaims (a token in the gateway, the admin API in identity)', () => {
  it("keeps only the realm's roles, once each, sorted", () => {
    expect(
      toUserClaims('clients', {
        subject: 's',
        username: 'fatima',
        roles: ['client', 'moderator', 'offline_access', 'client-editor', 'client'],
      }).roles,
    ).toEqual(['client', 'client-editor']);
  });

  it('falls back to the username for an empty name and drops an e-mail address that is not one', () => {
    expect(
      toUserClaims('staff', {
        subject: 's',
        username: 'jan',
        displayName: '  ',
        email: 'geen adres',
        roles: [],
      }),
    ).toEqual({ realm: 'staff', subject: 's', username: 'jan', displayName: 'jan', roles: [] });
    expect(
      toUserClaims('staff', {
        subject: 's',
        username: 'jan',
        displayName: ' Jan de Vries ',
        email: 'jan@plein.example',
        roles: ['employee'],
      }),
    ).toEqual({
      realm: 'staff',
      subject: 's',
      username: 'jan',
      displayName: 'Jan de Vries',
      email: 'jan@plein.example',
      roles: ['employee'],
    });
  });
});
