import type { ApiCaller } from '../../shared/api-call.js';
import { fromUnixSeconds, orNull } from '../../shared/wire.js';

/** An Official Account user; only `subscribed` and `openId` are known for non-followers. */
export interface OaUser {
  openId: string;
  subscribed: boolean;
  subscribedAt: number | null;
  /** Present when the account is bound to an open-platform account. */
  unionId: string | null;
  language: string | null;
  remark: string | null;
  tagIds: number[];
  /** How they followed, lowercased without the prefix: `qr_code`, `search`, `profile_card`, … */
  subscribeScene: string | null;
  /** The parametric QR code's scene they followed through (number scenes as strings). */
  qrScene: string | null;
}

interface UserInfoWire {
  subscribe?: number;
  openid?: string;
  language?: string;
  subscribe_time?: number;
  unionid?: string;
  remark?: string;
  tagid_list?: number[];
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}

export function oaUserFromWire(w: UserInfoWire): OaUser {
  const scene = orNull(w.subscribe_scene);
  return {
    openId: w.openid ?? '',
    subscribed: w.subscribe === 1,
    subscribedAt: fromUnixSeconds(w.subscribe_time),
    unionId: orNull(w.unionid),
    language: orNull(w.language),
    remark: orNull(w.remark),
    tagIds: w.tagid_list ?? [],
    subscribeScene: scene && scene.replace(/^ADD_SCENE_/, '').toLowerCase(),
    qrScene: orNull(w.qr_scene_str) ?? (w.qr_scene ? String(w.qr_scene) : null),
  };
}

export function usersApi(api: ApiCaller) {
  return {
    async get(openId: string, lang: 'zh_CN' | 'zh_TW' | 'en' = 'zh_CN'): Promise<OaUser> {
      return oaUserFromWire(
        await api.get<UserInfoWire>('/cgi-bin/user/info', { openid: openId, lang }),
      );
    },
  };
}

export type UsersApi = ReturnType<typeof usersApi>;
