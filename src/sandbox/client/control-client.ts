import type { z } from 'zod';
import type {
  customerView,
  deliveryRecord,
  deliverySummary,
  receivedMessage,
} from '../control/schemas.js';
import type { FaultSettings } from '../state/faults.js';

export type CustomerView = z.infer<typeof customerView>;
export type ReceivedMessageView = z.infer<typeof receivedMessage>;
export type DeliverySummary = z.infer<typeof deliverySummary>;
export type DeliveryRecord = z.infer<typeof deliveryRecord>;

export class SandboxClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxClientError';
  }
}

interface WithDeliveries {
  deliveries: DeliverySummary[];
}

/**
 * A typed client of the sandbox control API (for the CLI, end-to-end tests and benchmarks):
 * act as customers and employees of a sandbox reached over HTTP.
 */
export class SandboxClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    } catch (error) {
      throw new SandboxClientError(
        0,
        'unreachable',
        `the sandbox is not reachable at ${this.baseUrl} (${(error as Error).message})`,
      );
    }
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : {};
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      throw new SandboxClientError(
        response.status,
        error?.code ?? 'error',
        error?.message ?? `HTTP ${response.status}`,
      );
    }
    return json as T;
  }

  private act<T>(path: string, body: unknown, wait: boolean): Promise<T & WithDeliveries> {
    return this.request('POST', `${path}${wait ? '?wait=true' : ''}`, body);
  }

  state(): Promise<Record<string, unknown>> {
    return this.request('GET', '/sandbox/state');
  }

  customers(
    options: { offset?: number; limit?: number } = {},
  ): Promise<{ total: number; customers: CustomerView[] }> {
    return this.request(
      'GET',
      `/sandbox/customers?offset=${options.offset ?? 0}&limit=${options.limit ?? 100}`,
    );
  }

  customer(ref: string): Promise<CustomerView> {
    return this.request('GET', `/sandbox/customers/${encodeURIComponent(ref)}`);
  }

  createCustomer(
    init: { nickname?: string; gender?: 0 | 1 | 2; mobile?: string } = {},
  ): Promise<CustomerView> {
    return this.request('POST', '/sandbox/customers', init);
  }

  inbox(
    ref: string,
    options: { channel?: string; since?: number } = {},
  ): Promise<ReceivedMessageView[]> {
    const query = new URLSearchParams();
    if (options.channel) query.set('channel', options.channel);
    if (options.since !== undefined) query.set('since', String(options.since));
    return this.request<{ messages: ReceivedMessageView[] }>(
      'GET',
      `/sandbox/customers/${encodeURIComponent(ref)}/messages?${query.toString()}`,
    ).then((r) => r.messages);
  }

  addContact(
    ref: string,
    via: { configId: string } | { userid: string },
    options: { corpid?: string; welcomeCode?: boolean; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.act<{
      externalUserid: string;
      userid: string;
      state: string;
      welcomeCode: string | null;
    }>(`/sandbox/customers/${encodeURIComponent(ref)}/add-contact`, { ...via, ...rest }, wait);
  }

  openAcquisitionLink(ref: string, url: string, options: { corpid?: string; wait?: boolean } = {}) {
    const { wait = false, ...rest } = options;
    return this.act<{
      externalUserid: string;
      userid: string;
      state: string;
      welcomeCode: string | null;
    }>(
      `/sandbox/customers/${encodeURIComponent(ref)}/open-acquisition-link`,
      { url, ...rest },
      wait,
    );
  }

  followOa(
    ref: string,
    options: { appid?: string; ticket?: string; scene?: string; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.act<{ openid: string; event: string }>(
      `/sandbox/customers/${encodeURIComponent(ref)}/follow-oa`,
      rest,
      wait,
    );
  }

  unfollowOa(ref: string, options: { appid?: string; wait?: boolean } = {}) {
    const { wait = false, ...rest } = options;
    return this.act<{ openid: string; event: string }>(
      `/sandbox/customers/${encodeURIComponent(ref)}/unfollow-oa`,
      rest,
      wait,
    );
  }

  sendOaMessage(ref: string, text: string, options: { appid?: string; wait?: boolean } = {}) {
    const { wait = false, ...rest } = options;
    return this.act<{ openid: string; event: string }>(
      `/sandbox/customers/${encodeURIComponent(ref)}/oa-message`,
      { text, ...rest },
      wait,
    );
  }

  joinGroup(
    ref: string,
    via: { chatId: string; invitor?: string } | { configId: string },
    options: { corpid?: string; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.act<{ chatId: string; created: boolean }>(
      `/sandbox/customers/${encodeURIComponent(ref)}/join-group`,
      { ...via, ...rest },
      wait,
    );
  }

  leaveGroup(ref: string, chatId: string, options: { corpid?: string; wait?: boolean } = {}) {
    const { wait = false, ...rest } = options;
    return this.act<object>(
      `/sandbox/customers/${encodeURIComponent(ref)}/leave-group`,
      { chatId, ...rest },
      wait,
    );
  }

  kfMessage(
    ref: string,
    text: string,
    options: { corpid?: string; openKfid?: string; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.act<{ openKfid: string; externalUserid: string; msgid: string; token: string }>(
      `/sandbox/customers/${encodeURIComponent(ref)}/kf-message`,
      { text, ...rest },
      wait,
    );
  }

  openLink(ref: string, url: string, fetchIt = true) {
    return this.request<{ url: string; at: number; status: number | null; error: string | null }>(
      'POST',
      `/sandbox/customers/${encodeURIComponent(ref)}/open-link`,
      { url, fetch: fetchIt },
    );
  }

  openMiniProgram(ref: string, appid?: string) {
    return this.request<{ jsCode: string; openid: string }>(
      'POST',
      `/sandbox/customers/${encodeURIComponent(ref)}/open-mini-program`,
      appid ? { appid } : {},
    );
  }

  confirmMassSend(userid: string, msgid: string, corpid?: string) {
    return this.request<{
      msgid: string;
      userid: string;
      sent: number;
      notFriends: number;
      quotaExceeded: number;
    }>('POST', `/sandbox/employees/${encodeURIComponent(userid)}/confirm-mass-send`, {
      msgid,
      ...(corpid ? { corpid } : {}),
    });
  }

  /** An admin creates corp tags in WeCom (change_external_tag create). */
  createCorpTags(
    input: { groupId?: string; groupName?: string; tags: { name: string; order?: number }[] },
    options: { corpid?: string; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.act<{ groupId: string; tagIds: string[] }>(
      '/sandbox/corp-tags',
      { ...input, ...rest },
      wait,
    );
  }

  /** An admin renames or reorders a corp tag or group in WeCom (change_external_tag update). */
  editCorpTag(
    id: string,
    changes: { name?: string; order?: number },
    options: { corpid?: string; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.request<WithDeliveries>(
      'PATCH',
      `/sandbox/corp-tags/${encodeURIComponent(id)}${wait ? '?wait=true' : ''}`,
      { ...changes, ...rest },
    );
  }

  /** An admin deletes a corp tag or group in WeCom (change_external_tag delete). */
  deleteCorpTag(id: string, options: { corpid?: string; wait?: boolean } = {}) {
    const query = new URLSearchParams();
    if (options.corpid) query.set('corpid', options.corpid);
    if (options.wait) query.set('wait', 'true');
    return this.request<WithDeliveries>(
      'DELETE',
      `/sandbox/corp-tags/${encodeURIComponent(id)}?${query.toString()}`,
    );
  }

  /** The employee tags or untags a customer in the client (edit_external_contact). */
  tagCustomer(
    userid: string,
    customer: string,
    tags: { add?: string[]; remove?: string[] },
    options: { corpid?: string; wait?: boolean } = {},
  ) {
    const { wait = false, ...rest } = options;
    return this.act<object>(
      `/sandbox/employees/${encodeURIComponent(userid)}/customers/${encodeURIComponent(customer)}/tags`,
      { ...tags, ...rest },
      wait,
    );
  }

  deliveries(options: { receiver?: string; status?: string; event?: string; limit?: number } = {}) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options)) query.set(key, String(value));
    return this.request<{ total: number; deliveries: DeliveryRecord[] }>(
      'GET',
      `/sandbox/deliveries?${query.toString()}`,
    );
  }

  waitForDeliveries(timeoutMs = 30_000) {
    return this.request<{ idle: boolean }>('POST', '/sandbox/deliveries/wait', { timeoutMs });
  }

  faults(): Promise<FaultSettings> {
    return this.request('GET', '/sandbox/faults');
  }

  setFaults(
    settings: Partial<Omit<FaultSettings, 'callbacks'>> & {
      callbacks?: Partial<FaultSettings['callbacks']>;
    },
  ): Promise<FaultSettings> {
    return this.request('PUT', '/sandbox/faults', settings);
  }

  reset(options: { demo?: boolean; seed?: string } = {}) {
    return this.request<{ ok: true }>('POST', '/sandbox/reset', options);
  }

  /** Many customers at once, spread over `employees` customer-contact employees (no callbacks). */
  seedCustomers(options: {
    customers: number;
    employees?: number;
    sharedEvery?: number;
    corpid?: string;
  }) {
    return this.request<{ customers: number; follows: number; employees: string[] }>(
      'POST',
      '/sandbox/seed-customers',
      options,
    );
  }
}
