import { performance } from 'node:perf_hooks';
import type { FastifyError, FastifyReply, FastifyRequest, LogLevel } from 'fastify';
import { DEFAULT_XML_MAX_BYTES } from '../../../channels/shared/xml.js';
import type { HttpServer } from '../../../platform/http/server.js';
import type { MetricsRegistry } from '../../../platform/metrics.js';
import { callbackMetrics, type CallbackChannel } from './callback.metrics.js';
import type { CallbackIntake } from './callback-intake.js';
import type { CallbackOpener } from './callback-opener.js';
import { CallbackRejected, rejectionOf } from './callback-rejection.js';
import type { CallbackReply } from './callback-reply.js';
import type { CallbackTarget, CallbackTargets } from './callback-targets.js';
import { receiveOa, verifyOaUrl, type PassiveReplyHook } from './oa.receiver.js';
import { receiveWecom, verifyWecomUrl } from './wecom.receiver.js';
import { RejectionLogSampler } from './rejection-log-sampler.js';

export interface CallbackRoutesDeps {
  targets: CallbackTargets;
  intake: CallbackIntake;
  opener: CallbackOpener;
  metrics: MetricsRegistry;
  /** Official Account passive replies; absent: every message is answered `success`. */
  passiveReply?: PassiveReplyHook;
}

/** Callback bodies are small XML documents; anything larger is refused unread. */
export const callbackBodyLimit = DEFAULT_XML_MAX_BYTES;

const notXml = Symbol('not xml');

type Params = { slug: string; appId?: string };
type Step = (target: CallbackTarget, request: FastifyRequest) => Promise<CallbackReply>;

/**
 * The WeChat callback receivers, outside /api and without sign-in: the signature is the
 * authentication. Their URLs are stable, documented and shown with each connection:
 *
 *   GET|POST /callbacks/<workspace slug>/wecom          (WeCom self-built app, customer contact)
 *   GET|POST /callbacks/<workspace slug>/oa/<AppID>     (Official Account server configuration)
 *
 * Every request is verified, decrypted and parsed before anything is stored; a refused one
 * gets a short plain-text 4xx and counts in `siyu_callbacks_rejected_total{channel,reason}`
 * (its `warn` log line is sampled, see RejectionLogSampler).
 */
export async function registerCallbackRoutes(
  app: HttpServer,
  deps: CallbackRoutesDeps,
): Promise<void> {
  const metrics = callbackMetrics(deps.metrics);
  const logSampler = new RejectionLogSampler();

  const reject = (
    reply: FastifyReply,
    request: FastifyRequest,
    channel: CallbackChannel,
    rejection: CallbackRejected,
  ) => {
    metrics.rejected.inc({ channel, reason: rejection.reason });
    const admitted = logSampler.admit(`${channel} ${rejection.reason}`);
    if (admitted) {
      request.log.warn(
        {
          reason: rejection.reason,
          url: request.url.split('?')[0],
          cause: rejection.cause,
          ...(admitted.unlogged > 0 ? { unloggedBefore: admitted.unlogged } : {}),
        },
        'callback rejected',
      );
    }
    return reply.code(rejection.status).type('text/plain; charset=utf-8').send(rejection.body);
  };

  const handle =
    (channel: CallbackChannel, step: Step) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const started = performance.now();
      try {
        if (request.method === 'POST' && typeof request.body !== 'string') {
          throw new CallbackRejected('unsupported_media_type');
        }
        const { slug, appId } = request.params as Params;
        const target = await deps.targets.resolve(slug, channel, appId);
        const answer = await step(target, request);
        if (answer.outcome === 'verified') await deps.intake.verified(target);
        metrics.accepted.inc({ channel, outcome: answer.outcome });
        metrics.duration.observe((performance.now() - started) / 1000, { channel });
        return reply.code(200).type(answer.contentType).send(answer.body);
      } catch (error) {
        const rejection = rejectionOf(error);
        if (!rejection) throw error;
        return reject(reply, request, channel, rejection);
      }
    };

  await app.register(async (scope) => {
    // Raw XML strings only; any other content type reaches the handler as `notXml`.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['text/xml', 'application/xml'],
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) =>
      done(null, notXml),
    );
    // Failures before the handler (oversize body, unreadable request) are counted as well.
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const channel: CallbackChannel = request.url.includes('/wecom') ? 'wecom' : 'oa';
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reject(reply, request, channel, new CallbackRejected('oversize'));
      }
      if (error.statusCode === 415) {
        return reject(reply, request, channel, new CallbackRejected('unsupported_media_type'));
      }
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return reject(reply, request, channel, new CallbackRejected('bad_xml'));
      }
      request.log.error({ err: error, url: request.url.split('?')[0] }, 'callback failed');
      return reply.code(500).type('text/plain; charset=utf-8').send('internal error');
    });

    // Per-request access logs at thousands of callbacks a second are noise; refusals and
    // failures are still logged (never more verbose than the app's own level). One logger
    // serves every callback request: a child logger per request (its bindings and level) cost
    // ~6 µs of the ~140 µs the HTTP thread spends on a callback. Its lines carry the URL, not
    // a request id (callback answers carry none either).
    const callbackLog = scope.log.child(
      { routes: 'callbacks' },
      { level: quieterOf(scope.log.level, 'warn') },
    );
    scope.setChildLoggerFactory(() => callbackLog);

    const options = {
      bodyLimit: callbackBodyLimit,
      schema: { tags: ['callbacks'] },
      // Counted by siyu_callbacks_* (refusals included), not by the generic HTTP metrics.
      config: { selfAccounted: true },
    };
    const wecom = '/callbacks/:slug/wecom';
    const oa = '/callbacks/:slug/oa/:appId';

    scope.get(
      wecom,
      { ...options, schema: { ...options.schema, summary: 'WeCom URL verification' } },
      handle('wecom', async (target, request) => verifyWecomUrl(target, request.query)),
    );
    scope.post(
      wecom,
      { ...options, schema: { ...options.schema, summary: 'WeCom encrypted callback' } },
      handle('wecom', (target, request) =>
        receiveWecom(deps, target, request.query, request.body as string),
      ),
    );
    scope.get(
      oa,
      { ...options, schema: { ...options.schema, summary: 'Official Account URL verification' } },
      handle('oa', async (target, request) => verifyOaUrl(target, request.query)),
    );
    scope.post(
      oa,
      {
        ...options,
        schema: {
          ...options.schema,
          summary: 'Official Account callback (plaintext or safe mode)',
        },
      },
      handle('oa', (target, request) =>
        receiveOa(deps.intake, target, request.query, request.body as string, deps.passiveReply),
      ),
    );
  });
}

const levelOrder: readonly string[] = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'silent',
];

function quieterOf(level: string, floor: LogLevel): LogLevel {
  return levelOrder.indexOf(level) >= levelOrder.indexOf(floor) ? (level as LogLevel) : floor;
}
