import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'siyu'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        '*.password',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
