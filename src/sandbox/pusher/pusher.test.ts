import { afterEach, describe, expect, it } from 'vitest';
import { createHarnessWithReceiver, type Harness } from '../testing/harness.js';
import type { TestReceiver } from '../testing/receiver.js';
import { field } from '../testing/xml-shape.js';

type H = Harness & { receiver: TestReceiver };

describe('callback pusher', () => {
  let h: H | undefined;
  afterEach(() => h?.close());

  const deliveries = async () =>
    (await h!.control('GET', '/sandbox/deliveries?limit=100')).json.deliveries as {
      id: string;
      status: string;
      attempts: { ok: boolean; error: string | null; status: number | null }[];
      duplicateOf: string | null;
      reordered: boolean;
      plaintext: string;
    }[];

  it('retries a receiver that does not acknowledge in time, up to 3 retries, recording each attempt', async () => {
    h = await createHarnessWithReceiver({ pusher: { ackTimeoutMs: 150, retryDelayMs: 0 } });
    h.receiver.script.push({ delayMs: 400 }, { delayMs: 400 });
    const res = await h.control('POST', '/sandbox/customers/c1/add-contact?wait=true', {
      userid: 'zhangwei',
    });
    expect(res.json.deliveries).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 3 }),
    ]);
    const [record] = await deliveries();
    expect(record!.attempts.map((a) => a.ok)).toEqual([false, false, true]);
    expect(record!.attempts[0]!.error).toBe('no answer within 150 ms');
    // The slow receiver still processed the first two requests: the same callback arrives three times.
    await h.receiver.waitFor(3);
    expect(new Set(h.receiver.received.map((r) => r.plaintext)).size).toBe(1);
  });

  it('gives up after the first attempt and 3 retries and marks the delivery failed', async () => {
    h = await createHarnessWithReceiver({ pusher: { ackTimeoutMs: 100, retryDelayMs: 0 } });
    h.receiver.defaults = { status: 500 };
    const res = await h.control('POST', '/sandbox/customers/c1/add-contact?wait=true', {
      userid: 'zhangwei',
    });
    expect(res.json.deliveries).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 4, lastError: 'HTTP 500' }),
    ]);
    const failed = await h.control('GET', '/sandbox/deliveries?status=failed');
    expect(failed.json.total).toBe(1);
  });

  it('does not accept an answer other than success, empty or a reply XML', async () => {
    h = await createHarnessWithReceiver({ pusher: { maxRetries: 1, retryDelayMs: 0 } });
    h.receiver.script.push({ reply: 'ok thanks' });
    await h.control('POST', '/sandbox/customers/c1/add-contact?wait=true', { userid: 'zhangwei' });
    const [record] = await deliveries();
    expect(record!.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(record!.attempts[0]!.error).toMatch(/^unexpected answer/);
  });

  it('delivers every callback twice when told to duplicate', async () => {
    h = await createHarnessWithReceiver();
    await h.control('PUT', '/sandbox/faults', { callbacks: { duplicateRate: 1 } });
    await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' });
    await h.control('POST', '/sandbox/deliveries/wait', {});
    const received = await h.receiver.waitFor(2);
    expect(received[0]!.plaintext).toBe(received[1]!.plaintext);
    expect(received[0]!.query.nonce).not.toBe(received[1]!.query.nonce);
    const records = await deliveries();
    expect(records).toHaveLength(2);
    expect(records[1]!.duplicateOf).toBe(records[0]!.id);
  });

  it('holds a callback back and delivers it after the next one (out of order)', async () => {
    h = await createHarnessWithReceiver();
    await h.control('PUT', '/sandbox/faults', { callbacks: { reorderRate: 1, holdMs: 5000 } });
    const first = await h.control('POST', '/sandbox/customers/c1/add-contact', {
      userid: 'zhangwei',
    });
    expect(first.json.deliveries).toEqual([expect.objectContaining({ status: 'held' })]);
    await h.control('POST', '/sandbox/customers/c1/delete-employee', { userid: 'zhangwei' });
    await h.control('POST', '/sandbox/deliveries/wait', {});
    const order = h.receiver.received.map((r) => field(r.plaintext, 'ChangeType'));
    expect(order).toEqual(['del_follow_user', 'add_external_contact']);
    expect((await deliveries()).map((d) => [d.reordered, d.status])).toEqual([
      [true, 'delivered'],
      [false, 'delivered'],
    ]);
  });

  it('releases a held callback after holdMs when nothing follows', async () => {
    h = await createHarnessWithReceiver();
    await h.control('PUT', '/sandbox/faults', { callbacks: { reorderRate: 1, holdMs: 50 } });
    await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' });
    await h.receiver.waitFor(1, 2000);
  });

  it('records deliveries without receiver and verifies receiver URLs (echostr)', async () => {
    h = await createHarnessWithReceiver();
    const wecomKey = `wecom:${h.corp.corpid}`;
    const verified = await h.control('POST', `/sandbox/receivers/${wecomKey}/verify`);
    expect(verified.json).toMatchObject({ ok: true, status: 200 });
    expect(verified.json.body).toBe(verified.json.expected);
    const oaVerified = await h.control('POST', `/sandbox/receivers/oa:${h.oa.appid}/verify`);
    expect(oaVerified.json).toMatchObject({ ok: true });
    const wrong = await h.control('PUT', `/sandbox/receivers/${wecomKey}`, {
      url: `${h.receiver.url}/wecom`,
      token: 'another-token',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: { code: 'bad_request' } });

    await h.control('DELETE', `/sandbox/receivers/${wecomKey}`);
    const res = await h.control('POST', '/sandbox/customers/c1/add-contact', {
      userid: 'zhangwei',
    });
    expect(res.json.deliveries).toEqual([expect.objectContaining({ status: 'no_receiver' })]);
  });
});
