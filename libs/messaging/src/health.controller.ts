import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthPing } from '@plein/contracts';

/** A controller answering `<service>.health.ping`, which the gateway's readiness check asks. */
export function healthController(
  service: string,
  check: () => Promise<boolean> = () => Promise.resolve(true),
): Type {
  const contract = healthPing(service);
  @Controller()
  class HealthController {
    @MessagePattern(contract.pattern)
    async ping(): Promise<{ service: string; ok: boolean }> {
      return { service, ok: await check() };
    }
  }
  return HealthController;
}
