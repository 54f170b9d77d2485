import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../log.js';
import { createHttpServer, type HttpServer } from './server.js';

describe('NUL characters in requests', () => {
  let app: HttpServer;
  const received: unknown[] = [];
  beforeAll(async () => {
    app = await createHttpServer({
      logger: createLogger('silent'),
      bodyLimitBytes: 4096,
      title: 't',
      version: '0',
    });
    app.post(
      '/items/:name',
      {
        schema: {
          params: z.object({ name: z.string() }),
          querystring: z.object({ q: z.string().optional() }),
          body: z.object({ tags: z.array(z.string()), meta: z.record(z.string(), z.string()) }),
        },
      },
      async (req) => {
        received.push(req.body);
        return { ok: true };
      },
    );
    // A scope answering its own errors, as the WeChat callback receivers do.
    await app.register(async (scope) => {
      scope.setErrorHandler((_error, _request, reply) => reply.status(500).send('failed'));
      scope.get('/callback', async () => 'echo');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
  const problem = (path: string) => ({
    code: 'validation_failed',
    message: 'The request is not valid',
    details: [{ path, message: 'text may not contain the NUL character (U+0000)' }],
  });

  it('answers 400 with where it is, in values, keys, query strings and path parameters', async () => {
    const cases: [string, object, string][] = [
      ['/items/a', { tags: ['ok', 'b\u0000'], meta: {} }, 'body/tags/1'],
      ['/items/a', { tags: [], meta: { 'k\u0000': 'v' } }, 'body/meta/k\\u0000'],
      ['/items/a?q=x%00y', { tags: [], meta: {} }, 'querystring/q'],
      ['/items/a%00b', { tags: [], meta: {} }, 'params/name'],
    ];
    for (const [url, payload, path] of cases) {
      const res = await post(url, payload);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toEqual(problem(path));
    }
    expect(received).toEqual([]);
  });

  it('answers 400 in scopes with error handlers of their own', async () => {
    const res = await app.inject({ method: 'GET', url: '/callback?echostr=a%00b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(problem('querystring/echostr'));
  });

  it('lets every other character through', async () => {
    const res = await post('/items/%E7%A7%81?q=%E5%9F%9F', {
      tags: ['\u0001', '私域 😀'],
      meta: { a: '\t' },
    });
    expect(res.statusCode).toBe(200);
    expect(received).toHaveLength(1);
  });
});
