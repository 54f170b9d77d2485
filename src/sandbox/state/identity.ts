import { deriveChars } from './ids.js';
import type { WechatUser } from './people.js';
import type { SandboxState } from './state.js';

/**
 * A person's ids are derived from the seed and the person's handle, so the same person has the
 * same unionid, openids and external_userids in every run. The index answers the reverse
 * question (which person is this openid?) and is rebuilt from the state on load.
 */
export class IdentityIndex {
  private readonly byId = new Map<string, string>();

  constructor(state: SandboxState) {
    for (const person of Object.values(state.users)) this.add(person);
  }

  add(person: WechatUser): void {
    this.byId.set(person.id, person.id);
    this.byId.set(person.unionid, person.id);
    for (const openid of Object.values(person.openids)) this.byId.set(openid, person.id);
    for (const id of Object.values(person.externalUserIds)) this.byId.set(id, person.id);
  }

  /** The person behind a handle, unionid, openid or external_userid. */
  personId(ref: string): string | undefined {
    return this.byId.get(ref);
  }

  remember(id: string, personId: string): void {
    this.byId.set(id, personId);
  }
}

export function unionidFor(seed: string, personId: string): string {
  return `o${deriveChars(27, seed, 'unionid', personId)}`;
}

export function openidFor(seed: string, appid: string, personId: string): string {
  return `o${deriveChars(27, seed, 'openid', appid, personId)}`;
}

export function externalUseridFor(seed: string, corpid: string, personId: string): string {
  return `wm${deriveChars(30, seed, 'external_userid', corpid, personId)}`;
}

/** The person's openid for an Official Account or Mini Program (assigned on first use). */
export function openidOf(
  state: SandboxState,
  index: IdentityIndex,
  person: WechatUser,
  appid: string,
): string {
  let openid = person.openids[appid];
  if (openid === undefined) {
    openid = openidFor(state.seed, appid, person.id);
    person.openids[appid] = openid;
    index.remember(openid, person.id);
  }
  return openid;
}

/** The person's external_userid in a corp (assigned on first use). */
export function externalUseridOf(
  state: SandboxState,
  index: IdentityIndex,
  person: WechatUser,
  corpid: string,
): string {
  let id = person.externalUserIds[corpid];
  if (id === undefined) {
    id = externalUseridFor(state.seed, corpid, person.id);
    person.externalUserIds[corpid] = id;
    index.remember(id, person.id);
  }
  return id;
}

export interface NewPerson {
  nickname?: string;
  gender?: 0 | 1 | 2;
  mobile?: string | null;
  avatar?: string;
}

/** Creates a WeChat user with ids for every app and corp that exists now. */
export function createPerson(
  state: SandboxState,
  index: IdentityIndex,
  init: NewPerson,
  now: number,
): WechatUser {
  state.personSeq += 1;
  const id = `c${state.personSeq}`;
  const person: WechatUser = {
    id,
    nickname: init.nickname ?? `微信用户${state.personSeq}`,
    avatar:
      init.avatar ?? `http://wx.qlogo.cn/mmhead/${deriveChars(40, state.seed, 'avatar', id)}/0`,
    gender: init.gender ?? 0,
    mobile: init.mobile ?? null,
    unionid: unionidFor(state.seed, id),
    openids: {},
    externalUserIds: {},
    createdAt: now,
  };
  state.users[id] = person;
  index.add(person);
  for (const appid of [
    ...Object.keys(state.officialAccounts),
    ...Object.keys(state.miniPrograms),
  ]) {
    openidOf(state, index, person, appid);
  }
  for (const corpid of Object.keys(state.corps)) externalUseridOf(state, index, person, corpid);
  return person;
}
