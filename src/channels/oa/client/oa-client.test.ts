import { describe, expect, it } from 'vitest';
import { useScriptedClient } from '../../shared/testing/harness.js';
import { readFixture } from '../../shared/testing/scripted-server.js';
import type { MenuButton } from './menu.js';
import { createOaClient } from './oa-client.js';

const fixture = (name: string) => readFixture(import.meta.url, name);
const ok = { errcode: 0, errmsg: 'ok' };
const secret = 'oa-app-secret-DO-NOT-LEAK';

describe('Official Account client', () => {
  const t = useScriptedClient(({ db, settings }) =>
    createOaClient({ ...settings, db, appId: 'wxoa', secret }),
  );

  it('gets its token from /cgi-bin/token, caches it, and refreshes once on 40001', async () => {
    t.server.reply('/cgi-bin/qrcode/create', { errcode: 40001, errmsg: 'invalid credential' });
    t.server.default('/cgi-bin/qrcode/create', fixture('qrcode-create.response.json'));
    await t.client.qrCodes.create({ scene: 'a' });
    await t.client.qrCodes.create({ scene: 'b' });
    expect(t.server.received('/cgi-bin/token').map((r) => r.query)).toEqual([
      { grant_type: 'client_credential', appid: 'wxoa', secret },
      { grant_type: 'client_credential', appid: 'wxoa', secret },
    ]);
    expect(t.server.received('/cgi-bin/qrcode/create').map((r) => r.query.access_token)).toEqual([
      'token-1',
      'token-2',
      'token-2',
    ]);
  });

  it('qrcode/create: all four action names, from the scene type and permanence', async () => {
    t.server.default('/cgi-bin/qrcode/create', fixture('qrcode-create.response.json'));
    const code = await t.client.qrCodes.create({ scene: 'test', expireSeconds: 604800 });
    expect(code).toEqual({
      ticket:
        'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==',
      url: 'http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI',
      expiresInSeconds: 60,
    });
    await t.client.qrCodes.create({ scene: 123, expireSeconds: 60 });
    await t.client.qrCodes.create({ scene: 'vip', permanent: true });
    expect(await t.client.qrCodes.create({ scene: 7, permanent: true })).toMatchObject({
      expiresInSeconds: null,
    });
    expect(t.server.bodies('/cgi-bin/qrcode/create')).toEqual([
      fixture('qrcode-create.QR_STR_SCENE.request.json'),
      { expire_seconds: 60, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 123 } } },
      { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'vip' } } },
      { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 7 } } },
    ]);
  });

  it('user/info maps a follower and a non-follower', async () => {
    t.server.reply(
      '/cgi-bin/user/info',
      {
        subscribe: 1,
        openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
        language: 'zh_CN',
        subscribe_time: 1382694957,
        unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL',
        remark: '',
        groupid: 0,
        tagid_list: [128, 2],
        subscribe_scene: 'ADD_SCENE_QR_CODE',
        qr_scene: 98765,
        qr_scene_str: '',
      },
      { subscribe: 0, openid: 'oGone' },
    );
    expect(await t.client.users.get('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toEqual({
      openId: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      subscribed: true,
      subscribedAt: 1382694957_000,
      unionId: 'o6_bmasdasdsad6_2sgVt7hMZOPfL',
      language: 'zh_CN',
      remark: null,
      tagIds: [128, 2],
      subscribeScene: 'qr_code',
      qrScene: '98765',
    });
    expect(await t.client.users.get('oGone')).toMatchObject({
      openId: 'oGone',
      subscribed: false,
      unionId: null,
      qrScene: null,
    });
    expect(t.server.received('/cgi-bin/user/info')[0]!.query).toMatchObject({
      openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      lang: 'zh_CN',
    });
  });

  it('message/custom/send: text, link and mini-program messages; 45047 is quota_exceeded', async () => {
    const path = '/cgi-bin/message/custom/send';
    t.server.reply(path, ok, ok, ok, { errcode: 45047, errmsg: 'out of response count limit' });
    await t.client.messages.sendCustom({
      toOpenId: 'OPENID',
      message: { type: 'text', text: 'Hello' },
    });
    await t.client.messages.sendCustom({
      toOpenId: 'OPENID',
      message: {
        type: 'link',
        title: '新品',
        description: '看看',
        url: 'https://shop/x',
        picUrl: 'https://img/x',
      },
    });
    await t.client.messages.sendCustom({
      toOpenId: 'OPENID',
      message: {
        type: 'miniprogram',
        title: '商城',
        appId: 'wxmini',
        pagePath: 'pages/index',
        thumbMediaId: 'T',
      },
      kfAccount: 'kf2001@gh_123',
    });
    const error = await t.client.messages
      .sendCustom({ toOpenId: 'OPENID', message: { type: 'text', text: 'again' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'quota_exceeded', errcode: 45047, retryable: false });
    expect(t.server.bodies(path)).toEqual([
      { touser: 'OPENID', msgtype: 'text', text: { content: 'Hello' } },
      {
        touser: 'OPENID',
        msgtype: 'news',
        news: {
          articles: [
            { title: '新品', description: '看看', url: 'https://shop/x', picurl: 'https://img/x' },
          ],
        },
      },
      {
        touser: 'OPENID',
        msgtype: 'miniprogrampage',
        miniprogrampage: {
          title: '商城',
          appid: 'wxmini',
          pagepath: 'pages/index',
          thumb_media_id: 'T',
        },
        customservice: { kf_account: 'kf2001@gh_123' },
      },
      { touser: 'OPENID', msgtype: 'text', text: { content: 'again' } },
    ]);
  });

  it('message/template/send sends the documented request and returns the msgid', async () => {
    t.server.reply('/cgi-bin/message/template/send', { ...ok, msgid: 200228332 });
    const sent = await t.client.messages.sendTemplate({
      toOpenId: 'OPENID',
      templateId: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
      url: 'http://weixin.qq.com/download',
      miniProgram: { appId: 'xiaochengxuappid12345', pagePath: 'index?foo=bar' },
      data: {
        first: { value: '恭喜你购买成功！', color: '#173177' },
        keyword1: { value: '巧克力', color: '#173177' },
        keyword2: { value: '39.8元', color: '#173177' },
        keyword3: { value: '2014年9月22日', color: '#173177' },
        remark: { value: '欢迎再次购买！', color: '#173177' },
      },
    });
    expect(sent).toEqual({ msgId: '200228332' });
    expect(t.server.bodies('/cgi-bin/message/template/send')).toEqual([
      fixture('message-template-send.request.json'),
    ]);
  });

  it('menu/create and menu/get round-trip the buttons; no menu reads as empty', async () => {
    const buttons: MenuButton[] = [
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
      {
        type: 'group',
        name: '菜单',
        children: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
          {
            type: 'miniprogram',
            name: 'wxa',
            url: 'http://mp.weixin.qq.com',
            appId: 'wx286b93c14bbf93aa',
            pagePath: 'pages/lunar/index',
          },
          { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1' },
        ],
      },
      { type: 'article', name: '文章', articleId: 'ARTICLE_ID' },
    ];
    t.server.reply('/cgi-bin/menu/create', ok);
    await t.client.menu.create(buttons);
    const [created] = t.server.bodies('/cgi-bin/menu/create') as { button: unknown[] }[];
    expect(created!.button).toEqual([
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
      {
        name: '菜单',
        sub_button: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
          {
            type: 'miniprogram',
            name: 'wxa',
            url: 'http://mp.weixin.qq.com',
            appid: 'wx286b93c14bbf93aa',
            pagepath: 'pages/lunar/index',
          },
          { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1' },
        ],
      },
      { type: 'article_id', name: '文章', article_id: 'ARTICLE_ID' },
    ]);

    // menu/get echoes the buttons, leaves with an empty sub_button.
    const echoed = created!.button.map((b) => ({ sub_button: [], ...(b as object) }));
    t.server.reply('/cgi-bin/menu/get', { menu: { button: echoed, menuid: 1 } });
    expect(await t.client.menu.get()).toEqual(buttons);

    t.server.reply('/cgi-bin/menu/get', { errcode: 46003, errmsg: 'menu no exist' });
    expect(await t.client.menu.get()).toEqual([]);
  });
});
