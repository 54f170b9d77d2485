import type { ApiCaller } from '../../shared/api-call.js';
import { WechatApiError } from '../../shared/api-errors.js';
import { orNull } from '../../shared/wire.js';
import { textToWire } from './attachments.js';

export type MomentAttachment =
  | { type: 'image'; mediaId: string }
  | { type: 'video'; mediaId: string }
  | { type: 'link'; title?: string; url: string; mediaId: string };

/** A Moments post for employees to publish; the platform returns a job to poll (valid 24 h). */
export interface MomentTask {
  /** Up to 2,000 characters. */
  text?: string;
  /** 9 images, or 1 video, or 1 link. */
  attachments?: MomentAttachment[];
  senderUserIds?: string[];
  senderDepartmentIds?: number[];
  /** Customers who see it, by corp tag (all the employees' customers when omitted). */
  tagIds?: string[];
}

export interface MomentTaskResult {
  status: 'started' | 'processing' | 'done';
  momentId: string | null;
  /** Why the task failed, when it did. */
  error: WechatApiError | null;
  invalidSenderUserIds: string[];
  invalidSenderDepartmentIds: number[];
  invalidTagIds: string[];
}

interface MomentResultWire {
  status?: number;
  result?: {
    errcode?: number;
    errmsg?: string;
    moment_id?: string;
    invalid_sender_list?: { user_list?: string[]; department_list?: number[] };
    invalid_external_contact_list?: { tag_list?: string[] };
  };
}

function attachmentToWire(a: MomentAttachment) {
  switch (a.type) {
    case 'image':
      return { msgtype: 'image', image: { media_id: a.mediaId } };
    case 'video':
      return { msgtype: 'video', video: { media_id: a.mediaId } };
    case 'link':
      return { msgtype: 'link', link: { title: a.title, url: a.url, media_id: a.mediaId } };
  }
}

const statuses = { 1: 'started', 2: 'processing', 3: 'done' } as const;
const base = '/cgi-bin/externalcontact';

export function momentsApi(api: ApiCaller) {
  return {
    /** Returns the job id to poll with result(). */
    async create(task: MomentTask): Promise<{ jobId: string }> {
      const senders = task.senderUserIds || task.senderDepartmentIds;
      const res = await api.post<{ jobid?: string }>(
        `${base}/add_moment_task`,
        {
          text: textToWire(task.text),
          attachments: task.attachments?.map(attachmentToWire),
          visible_range:
            senders || task.tagIds
              ? {
                  sender_list: senders && {
                    user_list: task.senderUserIds,
                    department_list: task.senderDepartmentIds,
                  },
                  external_contact_list: task.tagIds && { tag_list: task.tagIds },
                }
              : undefined,
        },
        { sideEffect: true },
      );
      return { jobId: res.jobid ?? '' };
    },

    async result(jobId: string): Promise<MomentTaskResult> {
      const res = await api.get<MomentResultWire>(`${base}/get_moment_task_result`, {
        jobid: jobId,
      });
      const r = res.result ?? {};
      const failed = typeof r.errcode === 'number' && r.errcode !== 0;
      return {
        status: statuses[res.status as 1 | 2 | 3] ?? 'processing',
        momentId: orNull(r.moment_id),
        error: failed
          ? new WechatApiError({
              path: `${base}/add_moment_task`,
              errcode: r.errcode!,
              errmsg: r.errmsg ?? '',
            })
          : null,
        invalidSenderUserIds: r.invalid_sender_list?.user_list ?? [],
        invalidSenderDepartmentIds: r.invalid_sender_list?.department_list ?? [],
        invalidTagIds: r.invalid_external_contact_list?.tag_list ?? [],
      };
    },
  };
}

export type MomentsApi = ReturnType<typeof momentsApi>;
