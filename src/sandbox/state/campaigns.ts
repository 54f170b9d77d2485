/** Mass sends (群发), Moments tasks and app messages to employees. */

export interface MassContent {
  text?: { content: string };
  attachments?: Record<string, unknown>[];
}

/** Send result per recipient: 0 not sent, 1 sent, 2 not a friend, 3 quota reached. */
export type MassStatus = 0 | 1 | 2 | 3;

export interface MassRecipient {
  userid: string;
  external_userid?: string;
  chat_id?: string;
  status: MassStatus;
  /** Epoch seconds; 0 until sent. */
  send_time: number;
}

export interface MassTemplate {
  msgid: string;
  chat_type: 'single' | 'group';
  creator: string;
  /** 0 created by the company (API), 1 by an employee. */
  create_type: 0 | 1;
  content: MassContent;
  /** Epoch seconds. */
  create_time: number;
  /** userid → task (pending until that employee confirms). */
  tasks: Record<string, { status: 0 | 2; send_time: number }>;
  recipients: MassRecipient[];
}

export interface MomentTask {
  jobid: string;
  moment_id: string;
  content: MassContent;
  visible_range: {
    sender_list?: { user_list?: string[]; department_list?: number[] };
    external_contact_list?: { tag_list?: string[] };
  };
  invalidSenders: string[];
  invalidTags: string[];
  /** Epoch ms. */
  createdAt: number;
}

export interface AppMessage {
  msgid: string;
  agentid: number;
  touser: string[];
  msgtype: string;
  body: Record<string, unknown>;
  at: number;
}
