import Fastify, { type FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyOaSignature, WxBizMsgCrypt } from '../../channels/shared/wxbiz-crypto.js';

/** A callback as a real receiver saw it: raw request plus the verified, decrypted XML. */
export interface ReceivedCallback {
  path: string;
  query: Record<string, string>;
  body: string;
  plaintext: string;
  at: number;
}

export interface ReceiverBehaviour {
  /** Delay before answering (to simulate a slow receiver). */
  delayMs?: number;
  /** Body to answer with (default `success`). */
  reply?: string;
  status?: number;
}

export interface TestReceiver {
  url: string;
  received: ReceivedCallback[];
  /** Answers for the next calls, in order; afterwards the default applies. */
  script: ReceiverBehaviour[];
  defaults: ReceiverBehaviour;
  errors: string[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

export interface ReceiverSecrets {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}

/**
 * A tiny real HTTP receiver for tests: verifies signatures and decrypts with the shared
 * WXBizMsgCrypt exactly as Siyu's callback endpoints do, and records what arrived.
 * WeCom callbacks go to /wecom, Official Account callbacks to /oa.
 */
export async function startTestReceiver(secrets: {
  wecom?: ReceiverSecrets;
  oa?: ReceiverSecrets;
}): Promise<TestReceiver> {
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const state: TestReceiver = {
    url: '',
    received: [],
    script: [],
    defaults: {},
    errors: [],
    waitFor: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (state.received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} callbacks, got ${state.received.length}`);
        await sleep(5);
      }
      return state.received;
    },
    close: () => app.close(),
  };
  const wecom = secrets.wecom ? new WxBizMsgCrypt(secrets.wecom) : null;
  const oa = secrets.oa ? new WxBizMsgCrypt(secrets.oa) : null;

  const answer = async (reply: { status: (n: number) => { send: (b: string) => unknown } }) => {
    const behaviour = state.script.shift() ?? state.defaults;
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    return reply.status(behaviour.status ?? 200).send(behaviour.reply ?? 'success');
  };

  app.get('/wecom', async (request, reply) => {
    const q = request.query as Record<string, string>;
    return reply.send(
      wecom!.verifyUrl({
        msgSignature: q.msg_signature,
        timestamp: q.timestamp!,
        nonce: q.nonce!,
        echostr: q.echostr!,
      }),
    );
  });
  app.post('/wecom', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const body = String(request.body);
    try {
      const opened = wecom!.openCallback(
        { msgSignature: q.msg_signature, timestamp: q.timestamp!, nonce: q.nonce! },
        body,
      );
      state.received.push({
        path: '/wecom',
        query: q,
        body,
        plaintext: opened.plaintext,
        at: Date.now(),
      });
    } catch (error) {
      state.errors.push((error as Error).message);
      return reply.status(400).send('bad');
    }
    return answer(reply);
  });
  app.get('/oa', async (request, reply) => {
    const q = request.query as Record<string, string>;
    verifyOaSignature(secrets.oa!.token, {
      signature: q.signature,
      timestamp: q.timestamp!,
      nonce: q.nonce!,
    });
    return reply.send(q.echostr);
  });
  app.post('/oa', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const body = String(request.body);
    try {
      verifyOaSignature(secrets.oa!.token, {
        signature: q.signature,
        timestamp: q.timestamp!,
        nonce: q.nonce!,
      });
      const plaintext =
        q.encrypt_type === 'aes'
          ? oa!.openCallback(
              { msgSignature: q.msg_signature, timestamp: q.timestamp!, nonce: q.nonce! },
              body,
            ).plaintext
          : body;
      state.received.push({ path: '/oa', query: q, body, plaintext, at: Date.now() });
    } catch (error) {
      state.errors.push((error as Error).message);
      return reply.status(400).send('bad');
    }
    return answer(reply);
  });
  state.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return state;
}
