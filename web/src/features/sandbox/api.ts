import { api, segment } from '../../api/client';

export type CallbackRouting = 'here' | 'elsewhere' | 'none';

/** Whether the workspace's WeCom connection points at the built-in sandbox, and why not. */
export type SandboxMode =
  | {
      enabled: true;
      baseUrl: string;
      corpId: string;
      corpName: string;
      officialAccountAppId: string | null;
      callbacks: { wecom: CallbackRouting; oa: CallbackRouting | null };
    }
  | {
      enabled: false;
      reason: 'no_wecom_connection' | 'real_platform' | 'not_a_sandbox' | 'corp_not_simulated';
      message: string;
    };

export interface SandboxCustomer {
  /** c1, c2, … */
  id: string;
  nickname: string;
  gender: number;
  mobile: string | null;
  avatar: string;
  unionid: string;
  /** AppID → openid */
  openids: Record<string, string>;
  /** corp ID → external_userid */
  externalUserIds: Record<string, string>;
  followsOa: string[];
  employees: { corpid: string; userid: string }[];
  groups: { corpid: string; chatId: string; name: string }[];
}

export interface SandboxEmployee {
  userid: string;
  name: string;
  position: string;
  /** 1 active, 2 disabled, 4 not activated, 5 resigned. */
  status: number;
  customerContact: boolean;
  customers: number;
}

export interface ReceivedMessage {
  id: string;
  /** epoch ms */
  at: number;
  channel: string;
  from: Record<string, string>;
  msgtype: string;
  text: string;
  links: string[];
}

export interface Delivery {
  id: string;
  receiver: string;
  event: string;
  status: 'pending' | 'held' | 'delivered' | 'failed' | 'no_receiver' | (string & {});
  attempts: number;
  lastError: string | null;
}

export interface ActionResult {
  deliveries?: Delivery[];
  [field: string]: unknown;
}

export interface ReceiverResult {
  key: string;
  url: string;
  ok: boolean;
  error: string | null;
}

export type CustomerAction =
  | 'add-contact'
  | 'delete-employee'
  | 'join-group'
  | 'leave-group'
  | 'kf-message'
  | 'follow-oa'
  | 'scan-oa-qr'
  | 'unfollow-oa'
  | 'oa-message'
  | 'open-link';

export type EmployeeAction = 'delete-customer' | 'create-group' | 'leave';

const sandboxPath = (slug: string) => `/api/workspaces/${segment(slug)}/sandbox`;

export const fetchSandboxMode = (slug: string, signal?: AbortSignal) =>
  api.get<SandboxMode>(sandboxPath(slug), { signal });

export const listCustomers = (slug: string, signal?: AbortSignal) =>
  api
    .get<{ total: number; customers: SandboxCustomer[] }>(
      `${sandboxPath(slug)}/customers?limit=1000`,
      {
        signal,
      },
    )
    .then((r) => r.customers);

export const createCustomer = (slug: string, customer: { nickname?: string }) =>
  api.post<SandboxCustomer>(`${sandboxPath(slug)}/customers`, customer);

export const listEmployees = (slug: string, signal?: AbortSignal) =>
  api
    .get<{ employees: SandboxEmployee[] }>(`${sandboxPath(slug)}/employees`, { signal })
    .then((r) => r.employees);

export const listMessages = (slug: string, customer: string, signal?: AbortSignal) =>
  api
    .get<{ messages: ReceivedMessage[] }>(
      `${sandboxPath(slug)}/customers/${segment(customer)}/messages`,
      { signal },
    )
    .then((r) => r.messages);

export const runCustomerAction = (
  slug: string,
  customer: string,
  action: CustomerAction,
  body: object,
) => api.post<ActionResult>(`${sandboxPath(slug)}/customers/${segment(customer)}/${action}`, body);

export const runEmployeeAction = (
  slug: string,
  userid: string,
  action: EmployeeAction,
  body: object,
) => api.post<ActionResult>(`${sandboxPath(slug)}/employees/${segment(userid)}/${action}`, body);

export const connectCallbacks = (slug: string) =>
  api
    .post<{ receivers: ReceiverResult[] }>(`${sandboxPath(slug)}/receivers`)
    .then((r) => r.receivers);
