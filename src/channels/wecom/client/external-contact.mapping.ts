import { fromUnixSeconds, orNull } from '../../shared/wire.js';

export type Gender = 'unknown' | 'male' | 'female';

/** A field of the customer's WeCom business card (WeCom users only). */
export type ProfileAttribute =
  | { type: 'text'; name: string; value: string }
  | { type: 'web'; name: string; url: string; title: string }
  | { type: 'miniprogram'; name: string; appId: string; pagePath: string; title: string };

export interface ExternalContact {
  externalUserId: string;
  name: string;
  /** A WeChat user, or a member of another WeCom corp. */
  kind: 'wechat' | 'wecom';
  avatarUrl: string | null;
  gender: Gender;
  /** Present when the corp has bound an open-platform account (self-built app). */
  unionId: string | null;
  position: string | null;
  corpName: string | null;
  corpFullName: string | null;
  profile: ProfileAttribute[];
}

export interface FollowTag {
  groupName: string;
  tagName: string;
  /** Null for an employee's personal tag. */
  tagId: string | null;
  kind: 'corp' | 'personal' | 'rule';
}

/** One employee's relation to the customer. */
interface FollowBase {
  userId: string;
  remark: string | null;
  description: string | null;
  /** When the employee added the customer (epoch ms). */
  addedAt: number | null;
  remarkCorpName: string | null;
  remarkMobiles: string[];
  /** Who initiated the add: the employee's user id or the customer's external user id. */
  operatorUserId: string | null;
  /** The platform's add-way code (1 scanned a QR code, 3 card share, 16 acquisition link, …). */
  addWay: number;
  /** The contact way's state (channel code) the customer came through. */
  state: string | null;
}

export interface FollowUser extends FollowBase {
  tags: FollowTag[];
}

export interface FollowInfo extends FollowBase {
  tagIds: string[];
}

interface ExternalAttrWire {
  type?: number;
  name?: string;
  text?: { value?: string };
  web?: { url?: string; title?: string };
  miniprogram?: { appid?: string; pagepath?: string; title?: string };
}

export interface ExternalContactWire {
  external_userid?: string;
  name?: string;
  type?: number;
  avatar?: string;
  gender?: number;
  unionid?: string;
  position?: string;
  corp_name?: string;
  corp_full_name?: string;
  external_profile?: { external_attr?: ExternalAttrWire[] };
}

interface FollowBaseWire {
  userid?: string;
  remark?: string;
  description?: string;
  createtime?: number;
  remark_corp_name?: string;
  remark_mobiles?: string[];
  oper_userid?: string;
  add_way?: number;
  state?: string;
}

export interface FollowUserWire extends FollowBaseWire {
  tags?: { group_name?: string; tag_name?: string; tag_id?: string; type?: number }[];
}

export interface FollowInfoWire extends FollowBaseWire {
  tag_id?: string[];
}

const genders: Record<number, Gender> = { 1: 'male', 2: 'female' };
const tagKinds: Record<number, FollowTag['kind']> = { 1: 'corp', 2: 'personal', 3: 'rule' };

function attributeFromWire(a: ExternalAttrWire): ProfileAttribute | null {
  const name = a.name ?? '';
  if (a.type === 0 && a.text) return { type: 'text', name, value: a.text.value ?? '' };
  if (a.type === 1 && a.web)
    return { type: 'web', name, url: a.web.url ?? '', title: a.web.title ?? '' };
  if (a.type === 2 && a.miniprogram) {
    const mp = a.miniprogram;
    return {
      type: 'miniprogram',
      name,
      appId: mp.appid ?? '',
      pagePath: mp.pagepath ?? '',
      title: mp.title ?? '',
    };
  }
  return null;
}

export function contactFromWire(w: ExternalContactWire): ExternalContact {
  return {
    externalUserId: w.external_userid ?? '',
    name: w.name ?? '',
    kind: w.type === 2 ? 'wecom' : 'wechat',
    avatarUrl: orNull(w.avatar),
    gender: genders[w.gender ?? 0] ?? 'unknown',
    unionId: orNull(w.unionid),
    position: orNull(w.position),
    corpName: orNull(w.corp_name),
    corpFullName: orNull(w.corp_full_name),
    profile: (w.external_profile?.external_attr ?? [])
      .map(attributeFromWire)
      .filter((a): a is ProfileAttribute => a !== null),
  };
}

function followBaseFromWire(w: FollowBaseWire): FollowBase {
  return {
    userId: w.userid ?? '',
    remark: orNull(w.remark),
    description: orNull(w.description),
    addedAt: fromUnixSeconds(w.createtime),
    remarkCorpName: orNull(w.remark_corp_name),
    remarkMobiles: w.remark_mobiles ?? [],
    operatorUserId: orNull(w.oper_userid),
    addWay: w.add_way ?? 0,
    state: orNull(w.state),
  };
}

export function followUserFromWire(w: FollowUserWire): FollowUser {
  return {
    ...followBaseFromWire(w),
    tags: (w.tags ?? []).map((t) => ({
      groupName: t.group_name ?? '',
      tagName: t.tag_name ?? '',
      tagId: orNull(t.tag_id),
      kind: tagKinds[t.type ?? 1] ?? 'corp',
    })),
  };
}

export function followInfoFromWire(w: FollowInfoWire): FollowInfo {
  return { ...followBaseFromWire(w), tagIds: w.tag_id ?? [] };
}
