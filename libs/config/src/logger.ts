import type { LoggerService } from '@nestjs/common';
import { type Logger, pino } from 'pino';

/** Structured JSON logs, one logger per app. */
export function createLogger(app: string, level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: app, level, base: { app }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Lets Nest write its own log lines through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    this.pino[level]({ context }, typeof message === 'string' ? message : JSON.stringify(message));
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
}
