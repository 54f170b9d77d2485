/** The Official Account (公众号) and the Mini Program (小程序). */

export interface OaFollower {
  openid: string;
  subscribed: boolean;
  /** Epoch seconds of the latest subscription. */
  subscribe_time: number;
  subscribe_scene: string;
  qr_scene: number;
  qr_scene_str: string;
  remark: string;
  tagid_list: number[];
  language: string;
}

export interface OaQrTicket {
  ticket: string;
  action_name: 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE';
  scene_id: number | null;
  scene_str: string | null;
  /** null for permanent codes. */
  expire_seconds: number | null;
  url: string;
  createdAt: number;
}

export interface OaTemplate {
  template_id: string;
  title: string;
  content: string;
}

/** The customer-service message windows opened by a person's interactions. */
export interface OaServiceWindows {
  /** After a follow, scan or menu click: a few messages within a minute. */
  event: { at: number; used: number } | null;
  /** After the person's own message: a few messages within 48 hours. */
  message: { at: number; used: number } | null;
}

export interface OfficialAccount {
  appid: string;
  /** The original id (gh_…), ToUserName of every callback. */
  originalId: string;
  name: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  encryptMode: 'plaintext' | 'compatible' | 'safe';
  /** Bound to the open platform: unionid is returned. */
  unionidBound: boolean;
  followers: Record<string, OaFollower>;
  qrTickets: Record<string, OaQrTicket>;
  templates: Record<string, OaTemplate>;
  menu: Record<string, unknown> | null;
  windows: Record<string, OaServiceWindows>;
}

export interface MiniProgram {
  appid: string;
  name: string;
  secret: string;
  unionidBound: boolean;
  /** js_code → who opened the mini program and when (single use). */
  jsCodes: Record<string, { personId: string; issuedAt: number; used: boolean }>;
}
