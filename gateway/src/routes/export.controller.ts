import { Controller, Get, Inject, Query, Res, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RouteTree } from '@plein/auth';
import {
  type ErasureParticipant,
  type PersonalData,
  type Principal,
  parseOrBadRequest,
  personalDataExport,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { GATEWAY_CONFIG, type GatewayConfig, NATS_CLIENT } from '../gateway.config.js';
import { Answers, TakesQuery } from '../http/route-docs.decorator.js';

export const PersonalDataExport = z.object({
  userId: z.uuid(),
  exportedAt: z.iso.datetime(),
  /** Per service, named sections of records. */
  services: z.record(z.string(), z.record(z.string(), z.array(z.record(z.string(), z.unknown())))),
  /** Services that did not answer in time: the export is incomplete, try again later. */
  missing: z.array(z.string()),
});
export type PersonalDataExport = z.infer<typeof PersonalDataExport>;

const ExportQuery = z.object({ format: z.enum(['json', 'html']).default('json') });

const SERVICE_NAMES: Record<string, string> = {
  identity: 'Je account',
  directory: 'Je profiel in het smoelenboek',
  timelines: 'Je berichten, reacties en groepen',
  knowledge: 'Je vragen en antwoorden',
  search: 'Zo vinden anderen je in de zoekfunctie',
  documents: 'Je documenten',
  moderation: 'Je meldingen',
  activities: 'Je activiteiten',
  notifications: 'Je meldingen en berichten',
};

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const show = (v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'string'
      ? v
      : Array.isArray(v) && v.every((x) => typeof x !== 'object')
        ? v.join(', ')
        : JSON.stringify(v);

/** The export as one readable HTML page (plain Dutch, for clients), printable. */
export function exportHtml(data: PersonalDataExport): string {
  const parts: string[] = [];
  for (const [service, sections] of Object.entries(data.services)) {
    parts.push(`<section><h2>${escape(SERVICE_NAMES[service] ?? service)}</h2>`);
    const entries = Object.entries(sections).filter(([, records]) => records.length > 0);
    if (entries.length === 0) parts.push('<p>Hier bewaart Plein niets van je.</p>');
    for (const [name, records] of entries) {
      parts.push(`<h3>${escape(name)} (${records.length})</h3>`);
      for (const record of records) {
        parts.push('<dl>');
        for (const [k, v] of Object.entries(record))
          parts.push(`<dt>${escape(k)}</dt><dd>${escape(show(v))}</dd>`);
        parts.push('</dl>');
      }
    }
    parts.push('</section>');
  }
  const missing = data.missing.length
    ? `<p role="alert">Niet alles kon worden opgehaald (${escape(data.missing.join(', '))}). Probeer het later nog eens.</p>`
    : '';
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jouw gegevens in Plein</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a}
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;border-top:1px solid #ccc;padding-top:.5rem}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}</style></head>
<body><main><h1>Jouw gegevens in Plein</h1>
<p>Dit is alles wat Plein van je bewaart, op ${escape(new Date(data.exportedAt).toLocaleString('nl-NL'))}.</p>
${missing}${parts.join('\n')}</main></body></html>`;
}

/** `GET /me/export` in a route tree: everything Plein holds about the caller, from every participant. */
function exportController(tree: Extract<RouteTree, 'staff' | 'client'>): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/me`)
  class ExportController {
    constructor(
      @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
      @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    ) {}

    @Get('export')
    @ApiOperation({
      summary: 'All Plein holds about me (AVG): JSON, or ?format=html for a readable page',
    })
    @TakesQuery(ExportQuery)
    @Answers(PersonalDataExport, { description: 'JSON; with ?format=html a text/html page' })
    async export(
      @CurrentPrincipal() principal: Principal,
      @Query('format') format: string | undefined,
      @Res() res: Response,
    ): Promise<void> {
      const query = parseOrBadRequest(ExportQuery, { format }, 'query');
      const answers = await Promise.all(
        this.config.ERASURE_PARTICIPANTS.map(async (service: ErasureParticipant) => {
          try {
            return await callRpc(
              this.nats,
              personalDataExport(service),
              { userId: principal.userId },
              undefined,
              10_000,
            );
          } catch {
            return { service, missing: true as const };
          }
        }),
      );
      const data: PersonalDataExport = {
        userId: principal.userId,
        exportedAt: new Date().toISOString(),
        services: Object.fromEntries(
          answers.filter((a): a is PersonalData => !('missing' in a)).map((a) => [a.service, a.sections]),
        ),
        missing: answers.filter((a) => 'missing' in a).map((a) => a.service),
      };
      res.set('Cache-Control', 'no-store').set('X-Content-Type-Options', 'nosniff');
      if (query.format === 'html') res.status(200).type('text/html').send(exportHtml(data));
      else
        res.status(200).set('Content-Disposition', 'attachment; filename="plein-gegevens.json"').json(data);
    }
  }
  Object.defineProperty(ExportController, 'name', {
    value: `${tree[0]!.toUpperCase()}${tree.slice(1)}ExportController`,
  });
  return ExportController;
}

export const StaffExportController = exportController('staff');
export const ClientExportController = exportController('client');
