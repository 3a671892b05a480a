import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { healthPing } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { PublicRoute } from '../auth/route-tree.decorator.js';
import { Answers } from '../http/route-docs.decorator.js';
import { GATEWAY_CONFIG, type GatewayConfig, NATS_CLIENT } from '../gateway.config.js';

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The gateway process is up' })
  @Answers(z.object({ status: z.literal('ok') }))
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'NATS and every required service answer' })
  @Answers(
    z.object({
      status: z.enum(['ready', 'not ready']),
      checks: z.record(z.string(), z.enum(['up', 'down', 'degraded'])),
    }),
    { also: { 503: 'Not ready: NATS or a required service does not answer (same body)' } },
  )
  async ready(
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: string; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    try {
      await this.nats.connect();
      checks['nats'] = 'up';
    } catch {
      checks['nats'] = 'down';
    }
    await Promise.all(
      this.config.REQUIRED_SERVICES.map(async (service) => {
        try {
          const pong = await callRpc(this.nats, healthPing(service), {}, undefined, 1500);
          checks[service] = pong.ok ? 'up' : 'degraded';
        } catch {
          checks[service] = 'down';
        }
      }),
    );
    const ok = Object.values(checks).every((c) => c === 'up');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not ready', checks };
  }
}
