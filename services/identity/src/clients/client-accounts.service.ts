import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ClientProxy } from '@nestjs/microservices';
import {
  type ClientAccountList,
  type ClientStart,
  type CreateClient,
  DirectoryRpc,
  type Principal,
  PleinError,
  type StartLetter,
  UserProvisioned,
  forbidden,
  notFound,
} from '@plein/contracts';
import { callRpc, recordEvent } from '@plein/messaging';
import { StartCodeEntity } from '../entities/start-code.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { type IdentityConfig, SERVICE } from '../identity.config.js';
import type { KeycloakAdminClient } from '../keycloak-admin.client.js';
import { newStartCode, suggestUsername } from './start-code.js';
import { startLetterPdf } from './start-letter.js';

export const KEYCLOAK_ADMIN = Symbol('KEYCLOAK_ADMIN');
export const DIRECTORY_RPC = Symbol('DIRECTORY_RPC');
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');

const isMentor = (p: Principal) => p.realm === 'staff' && p.roles.includes('mentor');

/**
 * Client accounts made by mentors. The account is made in Keycloak's `clients` realm (admin API, identity's
 * service account) with a one-time start code as temporary password and the password change required at the
 * first login; identity provisions the user at once, and its `user.provisioned` event names the mentor, whom the
 * directory records. The directory is the one source of the mentor relation (`PUT /people/{id}/mentor` hands a
 * client over): identity asks it which clients a mentor has (`directory.mentor.clients`) before listing, resetting
 * or printing. Another mentor's client is 404 (invisible), a caller without the mentor role 403.
 */
@Injectable()
export class ClientAccountsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdminClient | null,
    @Inject(DIRECTORY_RPC) private readonly directory: ClientProxy,
    @Inject(ADMIN_CONFIG) private readonly config: IdentityConfig,
  ) {}

  private admin(): KeycloakAdminClient {
    if (!this.keycloak)
      throw new PleinError(503, 'keycloak_admin_unavailable', 'Identity has no Keycloak admin access');
    return this.keycloak;
  }

  async create(input: CreateClient, mentor: Principal): Promise<ClientStart> {
    if (!isMentor(mentor)) throw forbidden('Only mentors make client accounts');
    const keycloak = this.admin();
    let username = input.username;
    if (username) {
      if (await keycloak.usernameTaken('clients', username))
        throw new PleinError(409, 'username_taken', 'This username is taken; choose another', { username });
    } else {
      const base = suggestUsername(input.firstName, input.lastName);
      username = base;
      for (let n = 2; await keycloak.usernameTaken('clients', username); n++) username = `${base}${n}`;
    }
    const startCode = newStartCode();
    const subject = await keycloak.createAccount('clients', {
      username,
      firstName: input.firstName,
      ...(input.lastName ? { lastName: input.lastName } : {}),
      startCode,
    });
    const displayName = [input.firstName, input.lastName].filter(Boolean).join(' ');
    const id = randomUUID();
    try {
      await this.save(id, subject, username, displayName, startCode, mentor);
    } catch (err) {
      // nothing half-made: the Keycloak account goes again
      await keycloak.deleteAccount('clients', subject).catch(() => undefined);
      throw err;
    }
    return { id, username, startCode };
  }

  private async save(
    id: string,
    subject: string,
    username: string,
    displayName: string,
    startCode: string,
    mentor: Principal,
  ): Promise<void> {
    await this.em.transactional(async (tx) => {
      tx.create(UserEntity, {
        id,
        realm: 'clients',
        subject,
        username,
        displayName,
        email: null,
        roles: ['client'],
        accountState: 'active',
        accountStateAt: null,
      });
      await tx.flush(); // the start code refers to the user
      tx.create(StartCodeEntity, { userId: id, code: startCode, issuedBy: mentor.userId });
      recordEvent(
        tx,
        UserProvisioned,
        { userId: id, realm: 'clients', subject, username, displayName, mentorId: mentor.userId },
        SERVICE,
      );
    });
  }

  /** The mentor's own clients, as the directory records the relation. */
  async list(mentor: Principal): Promise<ClientAccountList> {
    if (!isMentor(mentor)) throw forbidden('Only mentors manage client accounts');
    const ids = await this.mentees(mentor);
    if (ids.length === 0) return { items: [] };
    const users = await this.em.find(
      UserEntity,
      { id: { $in: ids }, realm: 'clients' },
      { orderBy: { displayName: 'asc' } },
    );
    const codes = await this.em.find(StartCodeEntity, { userId: { $in: ids } });
    const codeOf = new Map(codes.map((c) => [c.userId, c]));
    return {
      items: users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        accountState: u.accountState,
        startCodePending: codeOf.has(u.id),
        startCodeIssuedAt: codeOf.get(u.id)?.issuedAt.toISOString() ?? null,
      })),
    };
  }

  /** A new start code: the client's password is replaced and must be changed at the next login. */
  async reset(id: string, mentor: Principal): Promise<ClientStart> {
    const user = await this.ownClient(id, mentor);
    const startCode = newStartCode();
    await this.admin().resetStartCode('clients', user.subject, startCode);
    await this.em.transactional(async (tx) => {
      const existing = await tx.findOne(StartCodeEntity, { userId: id });
      if (existing) {
        existing.code = startCode;
        existing.issuedBy = mentor.userId;
        existing.issuedAt = new Date();
      } else tx.create(StartCodeEntity, { userId: id, code: startCode, issuedBy: mentor.userId });
    });
    return { id, username: user.username, startCode };
  }

  /** The printable start letter, while the start code is unused (afterwards: 409, issue a new start code). */
  async letter(id: string, mentor: Principal): Promise<StartLetter> {
    const user = await this.ownClient(id, mentor);
    const code = await this.em.findOne(StartCodeEntity, { userId: id });
    if (!code)
      throw new PleinError(
        409,
        'start_code_used',
        'The start code has been used; give the client a new start code to print a new letter',
      );
    const mentorUser = await this.em.findOne(UserEntity, { id: mentor.userId });
    const pdf = await startLetterPdf({
      firstName: user.displayName.split(' ')[0] || user.username,
      username: user.username,
      startCode: code.code,
      portalUrl: this.config.CLIENT_PORTAL_URL,
      mentorName: mentorUser?.displayName ?? mentor.username,
      issuedAt: code.issuedAt,
    });
    return { filename: `startbrief-${user.username}.pdf`, pdf: Buffer.from(pdf).toString('base64') };
  }

  /** The first login used the start code (Keycloak made the client choose a password before any token). */
  async startCodeUsed(userId: string): Promise<void> {
    await this.em.nativeDelete(StartCodeEntity, { userId });
  }

  private async mentees(mentor: Principal): Promise<string[]> {
    const { clientIds } = await callRpc(this.directory, DirectoryRpc.mentees, { mentorId: mentor.userId });
    return clientIds;
  }

  private async ownClient(id: string, mentor: Principal) {
    if (!isMentor(mentor)) throw forbidden('Only mentors manage client accounts');
    const mine = await this.mentees(mentor);
    const user = mine.includes(id) ? await this.em.findOne(UserEntity, { id, realm: 'clients' }) : null;
    if (!user) throw notFound('No such client of yours');
    return user;
  }
}
