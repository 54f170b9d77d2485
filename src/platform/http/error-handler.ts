import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, type ErrorBody } from './errors.js';

/** The body of every error answer. */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps every failure to `{"error": {code, message, details}}`; unknown errors never leak. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath}`,
        message: v.message,
      }));
      return reply
        .status(400)
        .send(errorBody('validation_failed', 'The request is not valid', details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send(errorBody('internal_error', 'Internal server error'));
    }
    const fastifyError = error as FastifyError;
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(413)
          .send(errorBody('payload_too_large', 'The request body is too large'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(errorBody('unsupported_media_type', 'Unsupported content type'));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply
          .status(400)
          .send(errorBody('invalid_json', 'The request body is not valid JSON'));
    }
    if (fastifyError.statusCode === 400 && error instanceof SyntaxError) {
      return reply
        .status(400)
        .send(errorBody('invalid_json', 'The request body is not valid JSON'));
    }
    if (fastifyError.statusCode === 429) {
      return reply.status(429).send(errorBody('too_many_requests', 'Too many requests'));
    }
    if (
      fastifyError.statusCode &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      return reply
        .status(fastifyError.statusCode)
        .send(errorBody('bad_request', 'The request could not be handled'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(
        errorBody('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`),
      );
  });
}
