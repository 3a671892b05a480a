import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { healthPing } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { PublicRoute } from '../auth/route-tree.decorator.js';
import { Answers } from '../http/route-docs.decorator.js';
import { GATEWAY_CONFIG, type GatewayConfig, NATS_CLIENT } from '../gateway.config.js';

/**
 * Health for load balancers, Kubernetes probes and `./plein up`: public, so it tells only the status. Which
 * parts are down (the names of the services behind the gateway) is for operators, in the gateway's log, and
 * never in an HTTP answer anyone on the network can read.
 */
@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /** The last failing checks logged, so a probe every few seconds logs a change once, not every time. */
  private lastDown = '';

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
  @ApiOperation({ summary: 'NATS and every required service answer (200 ready, 503 not ready; no details)' })
  @Answers(z.object({ status: z.enum(['ready', 'not ready']) }), {
    also: { 503: 'Not ready: NATS or a required service does not answer (same body)' },
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ready' | 'not ready' }> {
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
    const down = Object.entries(checks)
      .filter(([, state]) => state !== 'up')
      .map(([part, state]) => `${part} ${state}`)
      .sort()
      .join(', ');
    if (down !== this.lastDown) {
      if (down) this.logger.warn(`not ready: ${down}`);
      else this.logger.log('ready: NATS and every required service answer');
      this.lastDown = down;
    }
    res.status(down ? 503 : 200);
    return { status: down ? 'not ready' : 'ready' };
  }
}
