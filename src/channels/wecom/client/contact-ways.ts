import type { ApiCaller } from '../../shared/api-call.js';
import { page, type Page, toUnixSeconds } from '../../shared/wire.js';
import {
  linkFromWire,
  linkToWire,
  miniProgramFromWire,
  miniProgramToWire,
  textToWire,
  type LinkCard,
  type LinkWire,
  type MiniProgramCard,
  type MiniProgramWire,
} from './attachments.js';

/** The message shown when a temporary session (is_temp) ends. */
export interface Conclusions {
  text?: string;
  image?: { mediaId?: string; picUrl?: string };
  link?: LinkCard;
  miniProgram?: MiniProgramCard;
}

/** A channel live code ("联系我"): who the customer adds and what state the add event carries. */
export interface ContactWaySettings {
  /** One employee, or several (the platform picks one). */
  kind: 'single' | 'multi';
  /** Shown as a mini-program button or as a QR code. */
  scene: 'miniprogram' | 'qrcode';
  style?: number;
  remark?: string;
  skipVerify?: boolean;
  /** Up to 30 characters; returned as State on the add event. */
  state?: string;
  userIds?: string[];
  departmentIds?: number[];
  isTemporary?: boolean;
  expiresInSeconds?: number;
  chatExpiresInSeconds?: number;
  unionId?: string;
  isExclusive?: boolean;
  conclusions?: Conclusions;
}

export type ContactWayChanges = Partial<Omit<ContactWaySettings, 'kind' | 'scene'>>;

export interface ContactWay extends ContactWaySettings {
  configId: string;
  qrCodeUrl: string | null;
}

interface ConclusionsWire {
  text?: { content: string };
  image?: { media_id?: string; pic_url?: string };
  link?: LinkWire;
  miniprogram?: MiniProgramWire;
}

interface ContactWayWire {
  config_id?: string;
  type?: number;
  scene?: number;
  style?: number;
  remark?: string;
  skip_verify?: boolean;
  state?: string;
  qr_code?: string;
  user?: string[];
  party?: number[];
  is_temp?: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  is_exclusive?: boolean;
  conclusions?: ConclusionsWire;
}

function conclusionsToWire(c: Conclusions | undefined): ConclusionsWire | undefined {
  if (!c) return undefined;
  return {
    text: textToWire(c.text),
    image: c.image && { media_id: c.image.mediaId, pic_url: c.image.picUrl },
    link: c.link && linkToWire(c.link),
    miniprogram: c.miniProgram && miniProgramToWire(c.miniProgram),
  };
}

function conclusionsFromWire(c: ConclusionsWire | undefined): Conclusions | undefined {
  if (!c) return undefined;
  return {
    text: c.text?.content,
    image: c.image && { mediaId: c.image.media_id, picUrl: c.image.pic_url },
    link: c.link && linkFromWire(c.link),
    miniProgram: c.miniprogram && miniProgramFromWire(c.miniprogram),
  };
}

function changesToWire(s: ContactWayChanges): ContactWayWire {
  return {
    style: s.style,
    remark: s.remark,
    skip_verify: s.skipVerify,
    state: s.state,
    user: s.userIds,
    party: s.departmentIds,
    is_temp: s.isTemporary,
    expires_in: s.expiresInSeconds,
    chat_expires_in: s.chatExpiresInSeconds,
    unionid: s.unionId,
    is_exclusive: s.isExclusive,
    conclusions: conclusionsToWire(s.conclusions),
  };
}

function contactWayFromWire(w: ContactWayWire): ContactWay {
  return {
    configId: w.config_id ?? '',
    kind: w.type === 2 ? 'multi' : 'single',
    scene: w.scene === 1 ? 'miniprogram' : 'qrcode',
    qrCodeUrl: w.qr_code || null,
    style: w.style,
    remark: w.remark,
    skipVerify: w.skip_verify,
    state: w.state,
    userIds: w.user ?? [],
    departmentIds: w.party ?? [],
    isTemporary: w.is_temp,
    expiresInSeconds: w.expires_in,
    chatExpiresInSeconds: w.chat_expires_in,
    unionId: w.unionid,
    isExclusive: w.is_exclusive,
    conclusions: conclusionsFromWire(w.conclusions),
  };
}

const base = '/cgi-bin/externalcontact';

export function contactWaysApi(api: ApiCaller) {
  return {
    async add(
      settings: ContactWaySettings,
    ): Promise<{ configId: string; qrCodeUrl: string | null }> {
      const wire: ContactWayWire = {
        type: settings.kind === 'multi' ? 2 : 1,
        scene: settings.scene === 'miniprogram' ? 1 : 2,
        ...changesToWire(settings),
      };
      const res = await api.post<ContactWayWire>(`${base}/add_contact_way`, wire, {
        sideEffect: true,
      });
      return { configId: res.config_id ?? '', qrCodeUrl: res.qr_code || null };
    },

    async get(configId: string): Promise<ContactWay> {
      const res = await api.post<{ contact_way?: ContactWayWire }>(`${base}/get_contact_way`, {
        config_id: configId,
      });
      return contactWayFromWire(res.contact_way ?? {});
    },

    async update(configId: string, changes: ContactWayChanges): Promise<void> {
      await api.post(`${base}/update_contact_way`, {
        config_id: configId,
        ...changesToWire(changes),
      });
    },

    async delete(configId: string): Promise<void> {
      await api.post(`${base}/del_contact_way`, { config_id: configId });
    },

    /** Config ids of contact ways made by this app (times are epoch ms). */
    async list(
      query: { startTime?: number; endTime?: number; cursor?: string; limit?: number } = {},
    ): Promise<Page<string>> {
      const res = await api.post<{ contact_way?: { config_id: string }[]; next_cursor?: string }>(
        `${base}/list_contact_way`,
        {
          start_time: toUnixSeconds(query.startTime),
          end_time: toUnixSeconds(query.endTime),
          cursor: query.cursor,
          limit: query.limit,
        },
      );
      return page(
        res.contact_way?.map((c) => c.config_id),
        res.next_cursor,
      );
    },
  };
}

export type ContactWaysApi = ReturnType<typeof contactWaysApi>;
