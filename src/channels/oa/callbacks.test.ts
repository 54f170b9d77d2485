import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WxBizMsgCrypt } from '../shared/wxbiz-crypto.js';
import { verifyOaSignature, oaSignature } from '../shared/wxbiz-signature.js';
import { XmlRejectedError } from '../shared/xml.js';
import { parseOaCallback, type CallbackOutcome } from './callbacks.js';

// Fixtures: the official documentation's example payloads (see docs/wechat-samples/SOURCES.md).
function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/mp-callback-${name}.xml`, import.meta.url), 'utf8');
}

const appId = 'wx1234567890abcdef';

function parse(xml: string): CallbackOutcome {
  return parseOaCallback(xml, { appId });
}

function onlyEvent(outcome: CallbackOutcome) {
  if (outcome.kind !== 'events') throw new Error(`unhandled: ${JSON.stringify(outcome)}`);
  expect(outcome.events).toHaveLength(1);
  expect(outcome.events[0]!.dedupKey).toBe(outcome.dedupKey);
  return outcome.events[0]!;
}

describe('parseOaCallback on every documented sample', () => {
  it('covers every Official Account callback fixture', () => {
    const files = readdirSync(new URL('./fixtures/', import.meta.url)).filter((file) =>
      /^mp-callback-.*\.xml$/.test(file),
    );
    expect(files.sort()).toEqual(
      ['SCAN', 'TEMPLATESENDJOBFINISH', 'subscribe-qrscene', 'subscribe', 'text']
        .map((name) => `mp-callback-${name}.xml`)
        .sort(),
    );
  });

  it('subscribe → oa.followed, keyed by follower + time', () => {
    expect(onlyEvent(parse(fixture('subscribe')))).toEqual({
      type: 'oa.followed',
      dedupKey: `oa:${appId}:event:123456789:FromUser:subscribe`,
      occurredAt: 123456789_000,
      data: { appId, openId: 'FromUser' },
    });
  });

  it('subscribe through a parametric QR code → oa.followed with scene and ticket', () => {
    expect(onlyEvent(parse(fixture('subscribe-qrscene')))).toEqual({
      type: 'oa.followed',
      dedupKey: `oa:${appId}:event:123456789:FromUser:subscribe`,
      occurredAt: 123456789_000,
      data: { appId, openId: 'FromUser', scene: '123123', ticket: 'TICKET' },
    });
  });

  it('SCAN by an existing follower → oa.scanned with the unprefixed scene', () => {
    expect(onlyEvent(parse(fixture('SCAN')))).toEqual({
      type: 'oa.scanned',
      dedupKey: `oa:${appId}:event:123456789:FromUser:SCAN`,
      occurredAt: 123456789_000,
      data: { appId, openId: 'FromUser', scene: 'SCENE_VALUE', ticket: 'TICKET' },
    });
  });

  it('a text message → oa.message_received, keyed by its exact MsgId', () => {
    expect(onlyEvent(parse(fixture('text')))).toEqual({
      type: 'oa.message_received',
      dedupKey: `oa:${appId}:msg:1234567890123456`,
      occurredAt: 1348831860_000,
      data: {
        appId,
        openId: 'fromUser',
        msgId: '1234567890123456',
        msgType: 'text',
        content: 'this is a test',
      },
    });
  });

  it('TEMPLATESENDJOBFINISH → oa.template_finished', () => {
    expect(onlyEvent(parse(fixture('TEMPLATESENDJOBFINISH')))).toEqual({
      type: 'oa.template_finished',
      dedupKey: `oa:${appId}:event:1395658920:oia2TjuEGTNoeX76QEjQNrcURxG8:TEMPLATESENDJOBFINISH:200163836`,
      occurredAt: 1395658920_000,
      data: {
        appId,
        openId: 'oia2TjuEGTNoeX76QEjQNrcURxG8',
        msgId: '200163836',
        status: 'success',
      },
    });
  });
});

function oaXml(fields: string, createTime = '1700000000'): string {
  return `<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[oUser1]]></FromUserName><CreateTime>${createTime}</CreateTime>${fields}</xml>`;
}

describe('parseOaCallback beyond the samples', () => {
  it('unsubscribe → oa.unfollowed; a plain subscribe with an empty EventKey has no scene', () => {
    expect(
      onlyEvent(parse(oaXml('<MsgType>event</MsgType><Event>unsubscribe</Event>'))),
    ).toMatchObject({
      type: 'oa.unfollowed',
      data: { appId, openId: 'oUser1' },
    });
    const plain = parse(
      oaXml('<MsgType>event</MsgType><Event>subscribe</Event><EventKey><![CDATA[]]></EventKey>'),
    );
    expect(onlyEvent(plain).data).toEqual({ appId, openId: 'oUser1' });
  });

  it('keeps a follow and an unfollow in the same second apart', () => {
    const follow = parse(oaXml('<MsgType>event</MsgType><Event>subscribe</Event>'));
    const unfollow = parse(oaXml('<MsgType>event</MsgType><Event>unsubscribe</Event>'));
    expect(follow.dedupKey).not.toBe(unfollow.dedupKey);
  });

  it('menu clicks and views → oa.menu_clicked', () => {
    const click = parse(
      oaXml('<MsgType>event</MsgType><Event>CLICK</Event><EventKey>V1001_TODAY</EventKey>'),
    );
    expect(onlyEvent(click).data).toEqual({
      appId,
      openId: 'oUser1',
      kind: 'click',
      key: 'V1001_TODAY',
    });
    const view = parse(
      oaXml(
        '<MsgType>event</MsgType><Event>VIEW</Event><EventKey>https://shop.example/</EventKey><MenuId>42</MenuId>',
      ),
    );
    expect(onlyEvent(view).data).toEqual({
      appId,
      openId: 'oUser1',
      kind: 'view',
      key: 'https://shop.example/',
      menuId: '42',
    });
  });

  it('template failures map to user_blocked or failed', () => {
    const blocked = parse(
      oaXml(
        '<MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>1</MsgID><Status>failed:user block</Status>',
      ),
    );
    expect(onlyEvent(blocked).data).toMatchObject({ status: 'user_blocked' });
    const failed = parse(
      oaXml(
        '<MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>2</MsgID><Status>failed: system failed</Status>',
      ),
    );
    expect(onlyEvent(failed).data).toMatchObject({ status: 'failed' });
  });

  it('image, location and link messages carry their own fields', () => {
    const image = parse(
      oaXml(
        '<MsgType>image</MsgType><PicUrl>http://mmbiz/x.jpg</PicUrl><MediaId>m1</MediaId><MsgId>9223372036854775807</MsgId>',
      ),
    );
    expect(onlyEvent(image).data).toEqual({
      appId,
      openId: 'oUser1',
      msgType: 'image',
      msgId: '9223372036854775807',
      pictureUrl: 'http://mmbiz/x.jpg',
      mediaId: 'm1',
    });
    const where = parse(
      oaXml(
        '<MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>5</MsgId>',
      ),
    );
    expect(onlyEvent(where).data).toMatchObject({
      location: { latitude: 23.134521, longitude: 113.358803, scale: 20, label: '位置信息' },
    });
    const link = parse(
      oaXml(
        '<MsgType>link</MsgType><Title>t</Title><Description>d</Description><Url>https://x/</Url><MsgId>6</MsgId>',
      ),
    );
    expect(onlyEvent(link).data).toMatchObject({
      link: { title: 't', description: 'd', url: 'https://x/' },
    });
  });

  it('keeps unknown events and message types as unhandled, with a dedup key', () => {
    const location = parse(
      oaXml(
        '<MsgType>event</MsgType><Event>LOCATION</Event><Latitude>23.1</Latitude><Longitude>113.3</Longitude>',
      ),
    );
    expect(location).toEqual({
      kind: 'unhandled',
      reason: 'unknown_type',
      topic: 'event/LOCATION',
      dedupKey: `oa:${appId}:event:1700000000:oUser1:LOCATION`,
      occurredAt: 1700000000_000,
    });
    const file = parse(oaXml('<MsgType>file</MsgType><MsgId>77</MsgId>'));
    expect(file).toMatchObject({
      kind: 'unhandled',
      topic: 'file',
      dedupKey: `oa:${appId}:msg:77`,
    });
    const nothing = parse(oaXml(''));
    expect(nothing).toMatchObject({ kind: 'unhandled', reason: 'unknown_type' });
    expect(nothing.dedupKey).toMatch(new RegExp(`^oa:${appId}:xml:[0-9a-f]{64}$`));
  });

  it('keeps a known callback with missing fields as invalid', () => {
    const noMsgId = parse(oaXml('<MsgType>text</MsgType><Content>hi</Content>'));
    expect(noMsgId).toMatchObject({ kind: 'unhandled', reason: 'invalid', topic: 'text' });
    const scanWithoutTicket = parse(
      oaXml('<MsgType>event</MsgType><Event>SCAN</Event><EventKey>1</EventKey>'),
    );
    expect(scanWithoutTicket).toMatchObject({ kind: 'unhandled', reason: 'invalid' });
  });

  it('refuses XML that must not be parsed at all', () => {
    expect(() =>
      parse(
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml>&x;</xml>',
      ),
    ).toThrow(XmlRejectedError);
  });
});

describe('safe mode: verify both signatures → decrypt → parse', () => {
  it('turns an encrypted follow into oa.followed', () => {
    const config = {
      token: 'oa-token',
      encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      receiveId: appId,
    };
    const sealed = new WxBizMsgCrypt(config).seal(fixture('subscribe-qrscene'));
    const body = `<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`;
    const query = {
      signature: oaSignature(config.token, sealed.timestamp, sealed.nonce),
      msgSignature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };

    expect(() => verifyOaSignature(config.token, query)).not.toThrow();
    const opened = new WxBizMsgCrypt(config).openCallback(query, body);
    expect(opened.toUserName).toBe('gh_abc');
    expect(onlyEvent(parse(opened.plaintext))).toMatchObject({
      type: 'oa.followed',
      data: { appId, openId: 'FromUser', scene: '123123', ticket: 'TICKET' },
    });
  });
});
