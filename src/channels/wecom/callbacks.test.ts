import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WxBizMsgCrypt } from '../shared/wxbiz-crypto.js';
import { XmlRejectedError } from '../shared/xml.js';
import { parseWecomCallback, type CallbackOutcome } from './callbacks.js';

// Fixtures: the official documentation's example payloads (see docs/wechat-samples/SOURCES.md).
function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/wecom-callback-${name}.xml`, import.meta.url), 'utf8');
}

const KEY = /^wecom:[^:]+:(?:\d+|-):[0-9a-f]{64}$/;
const at1403610513 = 1403610513_000;

function eventsOf(outcome: CallbackOutcome) {
  if (outcome.kind !== 'events') throw new Error(`unhandled: ${JSON.stringify(outcome)}`);
  return outcome.events;
}

/** The single event a callback produced, with its dedup key checked and set aside. */
function onlyEvent(outcome: CallbackOutcome) {
  const events = eventsOf(outcome);
  expect(events).toHaveLength(1);
  const { dedupKey, ...event } = events[0]!;
  expect(dedupKey).toMatch(KEY);
  expect(dedupKey).toBe(outcome.dedupKey);
  return event;
}

/** The customer-contact samples all concern employee zhangsan in the placeholder corp. */
const zhangsan = (externalUserId: string) => ({
  corpId: 'toUser',
  employeeUserId: 'zhangsan',
  externalUserId,
});

const singleEventSamples: [string, { type: string; occurredAt?: number; data: object }][] = [
  [
    'add_external_contact',
    {
      type: 'contact.added',
      data: {
        ...zhangsan('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA'),
        state: 'teststate',
        welcomeCode: 'WELCOMECODE',
        half: false,
      },
    },
  ],
  [
    'add_half_external_contact',
    {
      type: 'contact.added',
      data: {
        ...zhangsan('woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA'),
        state: 'teststate',
        welcomeCode: 'WELCOMECODE',
        half: true,
      },
    },
  ],
  [
    'edit_external_contact',
    {
      type: 'contact.updated',
      data: { ...zhangsan('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA'), state: 'teststate' },
    },
  ],
  [
    'del_external_contact',
    {
      type: 'contact.removed_by_employee',
      data: { ...zhangsan('woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA'), source: 'transfer' },
    },
  ],
  [
    'del_follow_user',
    { type: 'contact.removed_by_customer', data: zhangsan('woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA') },
  ],
  [
    'transfer_fail',
    {
      type: 'contact.transfer_failed',
      data: { ...zhangsan('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA'), failReason: 'customer_refused' },
    },
  ],
  [
    'change_external_chat-create',
    { type: 'group.created', data: { corpId: 'toUser', chatId: 'CHAT_ID' } },
  ],
  [
    // The third-party form names the corp AuthCorpId and the time TimeStamp.
    'change_external_chat-dismiss.thirdparty',
    { type: 'group.dismissed', data: { corpId: 'wxf8b4f85f3a794e77', chatId: 'CHAT_ID' } },
  ],
  [
    'change_external_tag-create',
    {
      type: 'tag.changed',
      data: {
        corpId: 'CORPID',
        tagType: 'tag',
        changeType: 'create',
        id: 'TAG_ID',
        strategyId: '1',
      },
    },
  ],
  [
    'change_contact-update_user',
    {
      type: 'employee.updated',
      data: {
        corpId: 'toUser',
        userId: 'zhangsan',
        newUserId: 'zhangsan001',
        name: '张三',
        departmentIds: ['1', '2', '3'],
        position: '产品经理',
        mobile: '15913215421',
        telephone: '020-3456788',
        email: 'zhangsan@gzdev.com',
        gender: 'male',
        status: 'active',
        avatarUrl:
          'http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0',
        alias: 'zhangsan',
        address: '广州市',
      },
    },
  ],
  [
    'change_contact-create_party',
    {
      type: 'department.created',
      data: { corpId: 'toUser', departmentId: '2', name: '张三', parentId: '1', order: 1 },
    },
  ],
  [
    'change_contact-update_party',
    {
      type: 'department.updated',
      data: { corpId: 'toUser', departmentId: '2', name: '张三', parentId: '1' },
    },
  ],
  [
    'change_contact-delete_party',
    { type: 'department.deleted', data: { corpId: 'toUser', departmentId: '2' } },
  ],
  [
    'kf_msg_or_event',
    {
      type: 'kf.message_pending',
      occurredAt: 1348831860_000,
      data: {
        corpId: 'ww12345678910',
        syncToken: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      },
    },
  ],
];

describe('parseWecomCallback on every documented sample', () => {
  it.each(singleEventSamples)('%s → the exact event', (name, expected) => {
    expect(onlyEvent(parseWecomCallback(fixture(name)))).toEqual({
      occurredAt: at1403610513,
      ...expected,
    });
  });

  it('change_external_chat update add_member → group.updated and group.member_joined', () => {
    const outcome = parseWecomCallback(fixture('change_external_chat-update-add_member'));
    const events = eventsOf(outcome);
    expect(outcome.dedupKey).toMatch(KEY);
    expect(events).toEqual([
      {
        type: 'group.updated',
        dedupKey: `${outcome.dedupKey}:group.updated`,
        occurredAt: at1403610513,
        data: {
          corpId: 'ww55ca070cb9b7eb22',
          chatId: 'wrx7HUARsKwGRaQBVKPBTcEyzdHA4HrQ',
          updateDetail: 'member_joined',
        },
      },
      {
        type: 'group.member_joined',
        dedupKey: `${outcome.dedupKey}:group.member_joined`,
        occurredAt: at1403610513,
        data: {
          corpId: 'ww55ca070cb9b7eb22',
          chatId: 'wrx7HUARsKwGRaQBVKPBTcEyzdHA4HrQ',
          joinScene: 'invitation',
          memberChangeCount: 10,
          memberIds: ['Jack', 'Rose'],
          memberVersion: {
            previous: '9c3f97c2ada667dfb5f6d03308d963e1',
            current: '71217227bbd112ecfe3a49c482195cb4',
          },
        },
      },
    ]);
  });

  it('covers every WeCom callback fixture', () => {
    const covered = new Set([
      ...singleEventSamples.map(([name]) => name),
      'change_external_chat-update-add_member',
    ]);
    const files = readdirSync(new URL('./fixtures/', import.meta.url)).flatMap((file) => {
      const match = /^wecom-callback-(.*)\.xml$/.exec(file);
      return match ? [match[1]!] : [];
    });
    expect(files.sort()).toEqual([...covered].sort());
  });
});

function callback(fields: string): string {
  return `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>${fields}</xml>`;
}

describe('parseWecomCallback beyond the samples', () => {
  it('maps create_user and delete_user to employee events', () => {
    const created = parseWecomCallback(
      callback(
        '<Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>lisi</UserID><Name>李四</Name><Department>7</Department><MainDepartment>7</MainDepartment><Gender>2</Gender><Status>4</Status>',
      ),
    );
    expect(onlyEvent(created)).toMatchObject({
      type: 'employee.created',
      data: {
        corpId: 'wwcorp',
        userId: 'lisi',
        name: '李四',
        departmentIds: ['7'],
        mainDepartmentId: '7',
        gender: 'female',
        status: 'inactive',
      },
    });
    const deleted = parseWecomCallback(
      callback(
        '<Event>change_contact</Event><ChangeType>delete_user</ChangeType><UserID>lisi</UserID>',
      ),
    );
    expect(onlyEvent(deleted)).toEqual({
      type: 'employee.deleted',
      occurredAt: 1700000000_000,
      data: { corpId: 'wwcorp', userId: 'lisi' },
    });
  });

  it('maps a member leaving, and owner/name/notice changes', () => {
    const left = eventsOf(
      parseWecomCallback(
        callback(
          '<Event>change_external_chat</Event><ChatId>wr1</ChatId><ChangeType>update</ChangeType><UpdateDetail>del_member</UpdateDetail><QuitScene>1</QuitScene><MemChangeCnt>1</MemChangeCnt><MemChangeList><Item>wmOut</Item></MemChangeList>',
        ),
      ),
    );
    expect(left.map((e) => e.type)).toEqual(['group.updated', 'group.member_left']);
    expect(left[1]!.data).toEqual({
      corpId: 'wwcorp',
      chatId: 'wr1',
      quitScene: 'removed',
      memberChangeCount: 1,
      memberIds: ['wmOut'],
    });
    const renamed = parseWecomCallback(
      callback(
        '<Event>change_external_chat</Event><ChatId>wr1</ChatId><ChangeType>update</ChangeType><UpdateDetail>change_name</UpdateDetail>',
      ),
    );
    expect(onlyEvent(renamed).data).toEqual({
      corpId: 'wwcorp',
      chatId: 'wr1',
      updateDetail: 'name_changed',
    });
  });

  it('maps transfer failures over the customer limit and unknown reasons', () => {
    const base =
      '<Event>change_external_contact</Event><ChangeType>transfer_fail</ChangeType><UserID>u</UserID><ExternalUserID>wm1</ExternalUserID>';
    const limit = parseWecomCallback(
      callback(`${base}<FailReason>customer_limit_exceed</FailReason>`),
    );
    expect(onlyEvent(limit).data).toMatchObject({ failReason: 'customer_limit_exceeded' });
    const other = parseWecomCallback(callback(`${base}<FailReason>something_new</FailReason>`));
    expect(onlyEvent(other).data).toMatchObject({ failReason: 'other' });
  });

  it('omits state and welcome code when the platform sends none or sends them empty', () => {
    const added = parseWecomCallback(
      callback(
        '<Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType><UserID>u</UserID><ExternalUserID>wm1</ExternalUserID><State><![CDATA[]]></State>',
      ),
    );
    expect(onlyEvent(added).data).toEqual({
      corpId: 'wwcorp',
      employeeUserId: 'u',
      externalUserId: 'wm1',
      half: false,
    });
  });

  it('maps departments: top level, a move alone, a rename alone, and a create without name', () => {
    const party = (fields: string) =>
      onlyEvent(parseWecomCallback(callback(`<Event>change_contact</Event>${fields}`)));
    expect(
      party(
        '<ChangeType>create_party</ChangeType><Id>9</Id><Name>华南</Name><ParentId>0</ParentId><Order>100</Order>',
      ),
    ).toEqual({
      type: 'department.created',
      occurredAt: 1700000000_000,
      data: { corpId: 'wwcorp', departmentId: '9', name: '华南', parentId: null, order: 100 },
    });
    // An app without access to names gets no Name; an odd Order is left out, not guessed.
    expect(
      party(
        '<ChangeType>create_party</ChangeType><Id>10</Id><ParentId>9</ParentId><Order>x</Order>',
      ).data,
    ).toEqual({ corpId: 'wwcorp', departmentId: '10', parentId: '9' });
    expect(party('<ChangeType>update_party</ChangeType><Id>10</Id><ParentId>1</ParentId>')).toEqual(
      {
        type: 'department.updated',
        occurredAt: 1700000000_000,
        data: { corpId: 'wwcorp', departmentId: '10', parentId: '1' },
      },
    );
    expect(
      party('<ChangeType>update_party</ChangeType><Id>10</Id><Name>华南二部</Name>').data,
    ).toEqual({ corpId: 'wwcorp', departmentId: '10', name: '华南二部' });
    const noId = parseWecomCallback(
      callback('<Event>change_contact</Event><ChangeType>delete_party</ChangeType>'),
    );
    expect(noId).toMatchObject({ kind: 'unhandled', reason: 'invalid' });
  });

  it('keeps unknown but well-formed callbacks as unhandled, with a dedup key', () => {
    const tagChange = parseWecomCallback(
      callback('<Event>change_contact</Event><ChangeType>update_tag</ChangeType><TagId>1</TagId>'),
    );
    expect(tagChange).toMatchObject({
      kind: 'unhandled',
      reason: 'unknown_type',
      topic: 'event/change_contact/update_tag',
      occurredAt: 1700000000_000,
    });
    expect(tagChange.dedupKey).toMatch(KEY);

    const appMessage = parseWecomCallback(
      '<xml><ToUserName>wwcorp</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
    );
    expect(appMessage).toMatchObject({ kind: 'unhandled', reason: 'unknown_type', topic: 'text' });

    for (const event of ['constructor', '__proto__x', 'toString']) {
      expect(parseWecomCallback(callback(`<Event>${event}</Event>`))).toMatchObject({
        kind: 'unhandled',
        reason: 'unknown_type',
      });
    }
    const newDetail = parseWecomCallback(
      callback(
        '<Event>change_external_chat</Event><ChatId>wr1</ChatId><ChangeType>update</ChangeType><UpdateDetail>change_avatar</UpdateDetail>',
      ),
    );
    expect(newDetail).toMatchObject({ kind: 'unhandled', reason: 'unknown_type' });
  });

  it('keeps a known callback with missing or malformed fields as invalid, saying why', () => {
    const noUser = parseWecomCallback(
      callback(
        '<Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType><ExternalUserID>wm1</ExternalUserID>',
      ),
    );
    expect(noUser).toMatchObject({ kind: 'unhandled', reason: 'invalid' });
    expect(noUser.kind === 'unhandled' && noUser.detail).toContain('employeeUserId');

    const twice = parseWecomCallback(
      callback(
        '<Event>change_external_contact</Event><ChangeType>del_follow_user</ChangeType><UserID>a</UserID><UserID>b</UserID><ExternalUserID>wm1</ExternalUserID>',
      ),
    );
    expect(twice).toMatchObject({ kind: 'unhandled', reason: 'invalid' });

    const noTime = parseWecomCallback(
      '<xml><ToUserName>wwcorp</ToUserName><MsgType>event</MsgType><Event>change_external_chat</Event><ChatId>c</ChatId><ChangeType>create</ChangeType></xml>',
    );
    expect(noTime).toMatchObject({ kind: 'unhandled', reason: 'invalid', occurredAt: undefined });
  });

  it('refuses XML that must not be parsed at all', () => {
    expect(() => parseWecomCallback('<!DOCTYPE x><xml/>')).toThrow(XmlRejectedError);
    expect(() => parseWecomCallback('<xml><a></xml>')).toThrow(XmlRejectedError);
  });
});

describe('WeCom dedup keys', () => {
  const sample = fixture('add_external_contact');

  it('are stable across re-deliveries, whatever the formatting', () => {
    const reformatted = sample.replace(/\n/g, '  \r\n').replace('<![CDATA[zhangsan]]>', 'zhangsan');
    expect(parseWecomCallback(reformatted).dedupKey).toBe(parseWecomCallback(sample).dedupKey);
  });

  it('differ when the change, an id or the time differs', () => {
    const key = parseWecomCallback(sample).dedupKey;
    for (const changed of [
      sample.replace(
        'add_external_contact]]></ChangeType>',
        'edit_external_contact]]></ChangeType>',
      ),
      sample.replace('zhangsan', 'lisi'),
      sample.replace('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA', 'woAJ2GCAAAXtWyujaWJHDDGi0mBBBB'),
      sample.replace('1403610513', '1403610514'),
    ]) {
      expect(parseWecomCallback(changed).dedupKey).not.toBe(key);
    }
  });

  it('sort by the callback time, so new keys are appended to the unique indexes', () => {
    const at = (seconds: number) =>
      parseWecomCallback(sample.replace('1403610513', String(seconds))).dedupKey;
    const keys = [at(1403610513), at(1403610514), at(1403610600), at(1500000000)];
    expect([...keys].sort()).toEqual(keys);
    expect(keys[0]).toMatch(/^wecom:[^:]+:1403610513:[0-9a-f]{64}$/);
    const noTime = parseWecomCallback(sample.replace('1403610513', 'soon')).dedupKey;
    expect(noTime).toMatch(/^wecom:[^:]+:-:[0-9a-f]{64}$/);
  });
});

describe('the receiver pipeline: verify → decrypt → parse', () => {
  it('turns an encrypted POST into the events of its payload', () => {
    const config = {
      token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
      encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
      receiveId: 'ww55ca070cb9b7eb22',
    };
    const platform = new WxBizMsgCrypt(config);
    const { body, query } = platform.sealCallback(
      fixture('change_external_chat-update-add_member'),
      {
        toUserName: config.receiveId,
      },
    );

    const receiver = new WxBizMsgCrypt(config);
    const opened = receiver.openCallback(
      { msgSignature: query.msg_signature, timestamp: query.timestamp, nonce: query.nonce },
      body,
    );
    const outcome = parseWecomCallback(opened.plaintext);
    expect(eventsOf(outcome).map((event) => event.type)).toEqual([
      'group.updated',
      'group.member_joined',
    ]);
    expect(outcome.dedupKey).toBe(
      parseWecomCallback(fixture('change_external_chat-update-add_member')).dedupKey,
    );
  });
});
