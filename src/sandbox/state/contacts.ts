/** Contact ways, follows (friendships), welcome codes and acquisition links. */

export interface ContactWay {
  config_id: string;
  type: 1 | 2;
  scene: 1 | 2;
  style: number;
  remark: string;
  skip_verify: boolean;
  state: string;
  user: string[];
  party: number[];
  is_temp: boolean;
  expires_in: number;
  chat_expires_in: number;
  unionid: string;
  is_exclusive: boolean;
  conclusions: Record<string, unknown> | null;
  /** Epoch ms. */
  createdAt: number;
  /** Round-robin position among the users of a multi-person code. */
  nextIndex: number;
}

/** How a follow began (WeCom `add_way`). */
export const addWays = {
  unknown: 0,
  qrCode: 1,
  phoneSearch: 2,
  businessCard: 3,
  groupChat: 4,
  acquisitionLink: 16,
  assignedByAdmin: 202,
} as const;

export interface Follow {
  userid: string;
  external_userid: string;
  remark: string;
  description: string;
  /** Epoch seconds, as the API shows it. */
  createtime: number;
  tag_id: string[];
  remark_corp_name: string;
  remark_mobiles: string[];
  add_way: number;
  oper_userid: string;
  state: string;
}

export interface WelcomeCode {
  code: string;
  userid: string;
  external_userid: string;
  /** Epoch ms. */
  issuedAt: number;
  usedAt: number | null;
}

export interface AcquisitionLink {
  link_id: string;
  link_name: string;
  url: string;
  /** Epoch seconds. */
  create_time: number;
  skip_verify: boolean;
  range: { user_list: string[]; department_list: number[] };
  nextIndex: number;
  /** Who came through the link. */
  customers: { external_userid: string; userid: string; state: string; chat_status: 0 | 1 }[];
}

export function followOf(
  follows: Record<string, Record<string, Follow>>,
  externalUserid: string,
  userid: string,
): Follow | undefined {
  return follows[externalUserid]?.[userid];
}
