import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyError } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installErrorHandler } from '../../platform/http/error-handler.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { Logger } from '../../platform/log.js';

/** A request body that is not JSON; the WeChat-compatible routes answer it with 47001. */
export class UnparsedBody {
  constructor(readonly text: string) {}
}

/**
 * The sandbox's own Fastify instance: WeChat-compatible routes at the platforms' paths, the
 * control API under /sandbox with Zod schemas, its OpenAPI at /sandbox/openapi.json.
 */
export async function createSandboxHttp(logger: Logger): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // The platforms read JSON whatever the content type says; clients often send none.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      if (request.url.startsWith('/sandbox')) {
        (error as FastifyError).statusCode = 400;
        done(error as FastifyError, undefined);
      } else {
        done(null, new UnparsedBody(text));
      }
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Siyu WeChat sandbox control API',
        version: '0.1.0',
        description:
          'Act as customers and employees of the simulated WeCom corp, Official Account and Mini Program; inspect what they received and the callbacks pushed. The WeChat-compatible APIs (/cgi-bin/…, /sns/…) are served beside it at the platforms’ own paths.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/sandbox/docs' });
  app.get('/sandbox/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
