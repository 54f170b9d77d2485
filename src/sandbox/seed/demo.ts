import { addWays, type Follow } from '../state/contacts.js';
import { createCorp, type Corp } from '../state/corp.js';
import type { GroupChat } from '../state/groups.js';
import { createPerson, externalUseridOf, IdentityIndex, openidOf } from '../state/identity.js';
import { deriveChars, deriveHex, IdGenerator } from '../state/ids.js';
import type { MiniProgram, OfficialAccount } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';
import type { SandboxState } from '../state/state.js';
import { demoCustomers, demoDepartments, demoEmployees } from './names.js';

export interface DemoSeed {
  corpid: string;
  oaAppid: string;
  miniProgramAppid: string;
}

/** An EncodingAESKey: 43 characters of the base64 alphabet. */
const aesKey = (seed: string, what: string) => deriveChars(43, seed, 'aes', what);

function seedCorp(state: SandboxState): Corp {
  const s = state.seed;
  const corpid = `ww${deriveHex(16, s, 'corpid')}`;
  const corp = createCorp({
    corpid,
    name: '示例科技',
    fullName: '示例科技有限公司',
    apps: [
      {
        agentid: 1000002,
        name: '私域助手',
        secret: deriveChars(43, s, 'secret', 'app'),
        kind: 'app',
      },
      {
        agentid: 2000003,
        name: '客户联系',
        secret: deriveChars(43, s, 'secret', 'contact'),
        kind: 'contact',
      },
      {
        agentid: 2000004,
        name: '微信客服',
        secret: deriveChars(43, s, 'secret', 'kf'),
        kind: 'kf',
      },
    ],
    callback: { token: deriveChars(32, s, 'token', 'wecom'), encodingAesKey: aesKey(s, 'wecom') },
  });
  demoDepartments.forEach((d, i) =>
    corp.departments.push({ ...d, parentid: 1, order: 100 - i, department_leader: [] }),
  );
  demoEmployees.forEach((e, i) => {
    corp.employees[e.userid] = {
      userid: e.userid,
      name: e.name,
      department: [e.department],
      main_department: e.department,
      position: e.position,
      mobile: `1390000${String(i + 1).padStart(4, '0')}`,
      gender: e.gender,
      email: `${e.userid}@example.com`,
      avatar: `https://wework.qpic.cn/wwhead/${deriveChars(24, s, 'avatar', e.userid)}/0`,
      status: 1,
      customerContact: e.userid !== 'zhaolei',
      resignedAt: null,
    };
    if (e.leader)
      corp.departments.find((d) => d.id === e.department)!.department_leader.push(e.userid);
  });
  state.corps[corpid] = corp;
  return corp;
}

function seedApps(state: SandboxState): { oa: OfficialAccount; mp: MiniProgram } {
  const s = state.seed;
  const oa: OfficialAccount = {
    appid: `wx${deriveHex(16, s, 'oa')}`,
    originalId: `gh_${deriveHex(12, s, 'oa-original')}`,
    name: '示例生活服务号',
    secret: deriveHex(32, s, 'oa-secret'),
    token: deriveChars(32, s, 'token', 'oa'),
    encodingAesKey: aesKey(s, 'oa'),
    encryptMode: 'safe',
    unionidBound: true,
    followers: {},
    qrTickets: {},
    templates: {},
    menu: null,
    windows: {},
  };
  for (const [title, content] of [
    [
      '订单发货通知',
      '{{first.DATA}}\n商品名称：{{keyword1.DATA}}\n快递单号：{{keyword2.DATA}}\n{{remark.DATA}}',
    ],
    [
      '会员积分变动提醒',
      '{{first.DATA}}\n变动积分：{{keyword1.DATA}}\n当前积分：{{keyword2.DATA}}\n{{remark.DATA}}',
    ],
  ] as const) {
    const id = deriveChars(43, s, 'template', title);
    oa.templates[id] = { template_id: id, title, content };
  }
  const mp: MiniProgram = {
    appid: `wx${deriveHex(16, s, 'mp')}`,
    name: '示例商城',
    secret: deriveHex(32, s, 'mp-secret'),
    unionidBound: true,
    jsCodes: {},
  };
  state.officialAccounts[oa.appid] = oa;
  state.miniPrograms[mp.appid] = mp;
  return { oa, mp };
}

function befriend(
  corp: Corp,
  externalUserid: string,
  userid: string,
  createtime: number,
  tagIds: string[],
): void {
  const follow: Follow = {
    userid,
    external_userid: externalUserid,
    remark: '',
    description: '',
    createtime,
    tag_id: tagIds,
    remark_corp_name: '',
    remark_mobiles: [],
    add_way: addWays.qrCode,
    oper_userid: externalUserid,
    state: '',
  };
  (corp.follows[externalUserid] ??= {})[userid] = follow;
}

function seedGroup(
  corp: Corp,
  ids: IdGenerator,
  spec: { name: string; owner: string; members: WechatUser[]; createTime: number },
): GroupChat {
  const owner = corp.employees[spec.owner]!;
  const group: GroupChat = {
    chat_id: ids.chars('wr', 32),
    name: spec.name,
    owner: spec.owner,
    create_time: spec.createTime,
    notice: '欢迎加入，文明交流',
    member_list: [
      {
        userid: owner.userid,
        type: 1,
        join_time: spec.createTime,
        join_scene: 1,
        invitor: null,
        group_nickname: '',
        name: owner.name,
        unionid: null,
        state: '',
      },
      ...spec.members.map((p) => ({
        userid: p.externalUserIds[corp.corpid]!,
        type: 2 as const,
        join_time: spec.createTime + 60,
        join_scene: 1 as const,
        invitor: spec.owner,
        group_nickname: '',
        name: p.nickname,
        unionid: p.unionid,
        state: '',
      })),
    ],
    admin_list: [],
    status: 0,
    dismissed: false,
  };
  corp.groups[group.chat_id] = group;
  return group;
}

/**
 * The demo world: a corp with three departments and eight employees, twenty WeChat users
 * (some following the Official Account, some already customers of employees, some in groups),
 * an Official Account with two templates, a Mini Program, a customer-service account and corp
 * tag groups (客户等级: VIP/普通; 来源: 线下/线上). Deterministic for a given state seed.
 */
export function seedDemo(state: SandboxState, now: number = Date.now()): DemoSeed {
  const ids = new IdGenerator(state, state.seed);
  const index = new IdentityIndex(state);
  const corp = seedCorp(state);
  const { oa, mp } = seedApps(state);
  const created = Math.floor(now / 1000) - 30 * 86400;
  const level = {
    group_id: ids.chars('et', 32),
    group_name: '客户等级',
    create_time: created,
    order: 2,
    tag: [
      { id: ids.chars('et', 32), name: 'VIP', create_time: created, order: 2 },
      { id: ids.chars('et', 32), name: '普通', create_time: created, order: 1 },
    ],
  };
  const source = {
    group_id: ids.chars('et', 32),
    group_name: '来源',
    create_time: created,
    order: 1,
    tag: [
      { id: ids.chars('et', 32), name: '线下', create_time: created, order: 2 },
      { id: ids.chars('et', 32), name: '线上', create_time: created, order: 1 },
    ],
  };
  corp.tagGroups.push(level, source);
  const openKfid = ids.chars('wk', 32);
  corp.kf.accounts[openKfid] = {
    open_kfid: openKfid,
    name: '在线客服',
    avatar: 'https://wework.qpic.cn/wwhead/kf/0',
    manage_privilege: true,
  };

  const people = demoCustomers.map((c) => createPerson(state, index, c, now - 60 * 86400_000));
  const sellers = ['zhangwei', 'liuna', 'wangfang', 'lijing', 'chenjie'];
  people.forEach((person, i) => {
    externalUseridOf(state, index, person, corp.corpid);
    const openid = openidOf(state, index, person, oa.appid);
    if (i < 8) {
      oa.followers[openid] = {
        openid,
        subscribed: true,
        subscribe_time: created + i * 3600,
        subscribe_scene: i % 2 === 0 ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_SEARCH',
        qr_scene: 0,
        qr_scene_str: i % 2 === 0 ? 'offline_store' : '',
        remark: '',
        tagid_list: [],
        language: 'zh_CN',
      };
    }
    if (i >= 4 && i < 14) {
      const tags = [
        i % 3 === 0 ? level.tag[0]!.id : level.tag[1]!.id,
        i % 2 === 0 ? source.tag[0]!.id : source.tag[1]!.id,
      ];
      befriend(
        corp,
        person.externalUserIds[corp.corpid]!,
        sellers[i % sellers.length]!,
        created + i * 7200,
        tags,
      );
    }
  });
  seedGroup(corp, ids, {
    name: '私域VIP交流群',
    owner: 'zhangwei',
    members: people.slice(4, 9),
    createTime: created,
  });
  seedGroup(corp, ids, {
    name: '新品体验群',
    owner: 'liuna',
    members: people.slice(9, 14),
    createTime: created + 86400,
  });
  return { corpid: corp.corpid, oaAppid: oa.appid, miniProgramAppid: mp.appid };
}
