import { performance } from 'node:perf_hooks';
import type { SandboxContext } from '../core/context.js';
import type { Delivery, DeliveryAttempt, Receiver } from '../state/platform.js';
import { oaEnvelope, wecomEnvelope, type Envelope } from './envelope.js';
import { readAck } from './ack.js';
import { postText } from './http-post.js';

export interface PusherOptions {
  /** A receiver that has not acknowledged within this time is retried (the platforms use 5 s). */
  ackTimeoutMs: number;
  /** Retries after the first attempt (3, like the Official Account platform). */
  maxRetries: number;
  retryDelayMs: number;
  /** Delivery records kept for inspection. */
  maxDeliveries: number;
}

export const defaultPusherOptions: PusherOptions = {
  ackTimeoutMs: 5000,
  maxRetries: 3,
  retryDelayMs: 1000,
  maxDeliveries: 10_000,
};

export interface PushRequest {
  /** `wecom:<corpid>` or `oa:<appid>`. */
  receiver: string;
  /** A short label, e.g. `change_external_contact/add_external_contact`. */
  event: string;
  /** The decrypted callback XML. */
  plaintext: string;
  /** Official Account callbacks: the openid sent in the query string. */
  openid?: string;
  /** Receives the receiver's passive reply (decrypted), when it answers with one. */
  onReply?: (replyXml: string) => void;
}

interface Pending {
  delivery: Delivery;
  request: PushRequest;
}

/**
 * Pushes callbacks to the registered receivers like the platforms do: sealed, with a timeout,
 * retried when not acknowledged, every attempt recorded. The fault injector may deliver a
 * callback twice, or hold one back and deliver it after the next callback to the same receiver.
 */
export class Pusher {
  readonly options: PusherOptions;
  private readonly held = new Map<string, { pending: Pending; timer: NodeJS.Timeout }>();
  private readonly running = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private readonly sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private closed = false;

  constructor(
    private readonly ctx: SandboxContext,
    options: Partial<PusherOptions> = {},
  ) {
    this.options = { ...defaultPusherOptions, ...options };
  }

  push(request: PushRequest): Delivery {
    const delivery = this.record(request, null);
    const pending: Pending = { delivery, request };
    if (delivery.status === 'no_receiver' || this.closed) return delivery;
    const held = this.held.get(request.receiver);
    if (held) {
      this.held.delete(request.receiver);
      clearTimeout(held.timer);
      this.track(this.deliverWithFaults(pending).then(() => this.deliverWithFaults(held.pending)));
    } else if (this.ctx.faults.reorderCallback()) {
      delivery.status = 'held';
      delivery.reordered = true;
      const timer = setTimeout(() => {
        if (this.held.get(request.receiver)?.pending !== pending) return;
        this.held.delete(request.receiver);
        this.track(this.deliverWithFaults(pending));
      }, this.ctx.state.faults.callbacks.holdMs);
      this.held.set(request.receiver, { pending, timer });
    } else {
      this.track(this.deliverWithFaults(pending));
    }
    return delivery;
  }

  /** Resolves once nothing is in flight or held back. */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.held.size > 0) {
      if (this.running.size > 0) await Promise.allSettled([...this.running]);
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Resolves once each of these deliveries is delivered, failed or without receiver (or after the timeout). */
  async waitFor(deliveries: readonly Delivery[], timeoutMs = 60_000): Promise<void> {
    const open = deliveries.filter((d) => d.status === 'pending' || d.status === 'held');
    if (open.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(
        open.map(
          (d) =>
            new Promise<void>((resolve) =>
              this.waiters.set(d.id, [...(this.waiters.get(d.id) ?? []), resolve]),
            ),
        ),
      ),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Stops retrying, releases held callbacks unsent and aborts requests in flight. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
    for (const controller of this.controllers) controller.abort();
    for (const sleep of this.sleeps) {
      clearTimeout(sleep.timer);
      sleep.resolve();
    }
    await Promise.allSettled([...this.running]);
    for (const resolvers of this.waiters.values()) for (const resolve of resolvers) resolve();
    this.waiters.clear();
  }

  receiverFor(key: string): Receiver | undefined {
    return this.ctx.state.receivers[key];
  }

  private record(request: PushRequest, duplicateOf: string | null): Delivery {
    const delivery: Delivery = {
      id: this.ctx.ids.chars('dlv_', 20),
      receiver: request.receiver,
      event: request.event,
      plaintext: request.plaintext,
      createdAt: Date.now(),
      status: this.receiverFor(request.receiver) ? 'pending' : 'no_receiver',
      attempts: [],
      duplicateOf,
      reordered: false,
      reply: null,
    };
    const log = this.ctx.state.deliveries;
    log.push(delivery);
    if (log.length > this.options.maxDeliveries) {
      log.splice(0, log.length - this.options.maxDeliveries);
    }
    this.ctx.changed();
    return delivery;
  }

  private track(work: Promise<void>): void {
    const promise = work.catch(() => undefined).finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  private async deliverWithFaults(pending: Pending): Promise<void> {
    await this.deliver(pending);
    if (!this.closed && this.ctx.faults.duplicateCallback()) {
      const copy = this.record(pending.request, pending.delivery.id);
      if (copy.status !== 'no_receiver')
        await this.deliver({ delivery: copy, request: pending.request });
    }
  }

  private envelope(receiver: Receiver, request: PushRequest): Envelope {
    const timestamp = String(this.ctx.seconds());
    if (receiver.key.startsWith('wecom:')) {
      return wecomEnvelope(receiver, request.plaintext, timestamp);
    }
    const appid = receiver.key.slice('oa:'.length);
    const oa = this.ctx.state.officialAccounts[appid];
    return oaEnvelope(
      receiver,
      oa?.encryptMode ?? 'plaintext',
      request.plaintext,
      oa?.originalId ?? appid,
      request.openid ?? '',
      timestamp,
    );
  }

  private async deliver({ delivery, request }: Pending): Promise<void> {
    delivery.status = 'pending';
    for (let attempt = 0; attempt <= this.options.maxRetries && !this.closed; attempt += 1) {
      const receiver = this.receiverFor(request.receiver);
      if (!receiver) {
        delivery.status = 'no_receiver';
        break;
      }
      if (attempt > 0) await this.sleep(this.options.retryDelayMs);
      if (this.closed) break;
      const result = await this.attempt(receiver, this.envelope(receiver, request));
      delivery.attempts.push(result.attempt);
      this.ctx.changed();
      if (result.attempt.ok) {
        delivery.status = 'delivered';
        if (result.reply !== null) {
          delivery.reply = result.reply;
          request.onReply?.(result.reply);
        }
        break;
      }
    }
    if (delivery.status === 'pending') delivery.status = 'failed';
    this.ctx.changed();
    const resolvers = this.waiters.get(delivery.id) ?? [];
    this.waiters.delete(delivery.id);
    for (const resolve of resolvers) resolve();
  }

  private async attempt(
    receiver: Receiver,
    envelope: Envelope,
  ): Promise<{ attempt: DeliveryAttempt; reply: string | null }> {
    const url = new URL(receiver.url);
    for (const [name, value] of Object.entries(envelope.query)) url.searchParams.set(name, value);
    const controller = new AbortController();
    this.controllers.add(controller);
    const at = Date.now();
    const started = performance.now();
    const done = (fields: Omit<DeliveryAttempt, 'at' | 'durationMs'>) => ({
      at,
      durationMs: Math.round(performance.now() - started),
      ...fields,
    });
    try {
      const response = await postText(
        url,
        envelope.body,
        { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'Mozilla/4.0' },
        this.options.ackTimeoutMs,
        controller.signal,
      );
      const ack = readAck(receiver, response.status, response.body);
      return {
        attempt: done({
          status: response.status,
          body: response.body.slice(0, 2000),
          error: ack.error,
          ok: ack.ok,
        }),
        reply: ack.reply,
      };
    } catch (error) {
      return {
        attempt: done({ status: null, body: null, error: (error as Error).message, ok: false }),
        reply: null,
      };
    } finally {
      this.controllers.delete(controller);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.sleeps.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.sleeps.add(entry);
    });
  }
}
