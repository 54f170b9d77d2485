import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../log.js';
import { AppError } from './errors.js';
import { createHttpServer, type HttpServer } from './server.js';

describe('error mapping', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({
      logger: createLogger('silent'),
      bodyLimitBytes: 1024,
      title: 't',
      version: '0',
    });
    app.post(
      '/echo',
      { schema: { body: z.object({ name: z.string().min(2), age: z.number().int() }) } },
      async (req) => req.body,
    );
    app.get('/conflict', async () => {
      throw new AppError('conflict', 'Slug already taken', { field: 'slug' });
    });
    app.get('/boom', async () => {
      throw new Error('secret connection string postgres://u:p@db');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers schema violations with validation_failed and the failing paths', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { name: 'x', age: 1.5 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body/age',
      'body/name',
    ]);
  });

  it('answers malformed JSON with invalid_json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('enforces the body size limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { name: 'x'.repeat(2000), age: 1 },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('maps typed errors to their registered status with details', async () => {
    const res = await app.inject({ method: 'GET', url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: { code: 'conflict', message: 'Slug already taken', details: { field: 'slug' } },
    });
  });

  it('hides unknown errors behind internal_error', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'internal_error', message: 'Internal server error' },
    });
    expect(res.body).not.toContain('postgres');
  });
});
