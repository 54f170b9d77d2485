/** Simulated WeChat users: the people who scan, follow, join and receive messages. */

export interface WechatUser {
  /** The sandbox's own handle for the person (`c1`, `c2`, …), used by the control API. */
  id: string;
  nickname: string;
  avatar: string;
  /** 0 unknown, 1 male, 2 female. */
  gender: 0 | 1 | 2;
  mobile: string | null;
  unionid: string;
  /** appid → openid (Official Account and Mini Program). */
  openids: Record<string, string>;
  /** corpid → external_userid. */
  externalUserIds: Record<string, string>;
  /** Epoch ms. */
  createdAt: number;
}
