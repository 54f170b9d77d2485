import type { FastifyInstance } from 'fastify';
import { errorBody } from './error-handler.js';

const nul = '\u0000';

/** The path (`body/a/0`) of the first string, or object key, that holds a NUL character. */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(nul) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(nul)) return `${path}/${key.replaceAll(nul, '\\u0000')}`;
      const found = findNul(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses request bodies, query strings and path parameters holding a NUL character (400
 * `validation_failed`). PostgreSQL text cannot store one, and no value Siyu keeps needs it:
 * without this guard such input would fail at the database with a 500 on one dialect and be
 * stored on the other. Raw bodies (WeChat callbacks, as strings or buffers) are not parsed
 * values and are left to their route.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, reply, done) => {
    const body = typeof request.body === 'object' ? request.body : undefined;
    const path =
      findNul(request.params, 'params') ??
      findNul(request.query, 'querystring') ??
      (Buffer.isBuffer(body) ? undefined : findNul(body, 'body'));
    if (!path) return done();
    // Answered here, not thrown: scopes with error handlers of their own (the WeChat callback
    // receivers) would count it as a failure of theirs.
    void reply
      .status(400)
      .send(
        errorBody('validation_failed', 'The request is not valid', [
          { path, message: 'text may not contain the NUL character (U+0000)' },
        ]),
      );
  });
}
