import { fromUnixSeconds, orNull } from '../../shared/wire.js';

/** What a customer-service session event says. */
export type KfEvent =
  | {
      type: 'enter_session';
      externalUserId: string;
      scene: string | null;
      sceneParam: string | null;
      /** For send_msg_on_event within 20 s. */
      welcomeCode: string | null;
    }
  | { type: 'msg_send_fail'; externalUserId: string; failedMsgId: string; failType: number }
  | {
      type: 'session_status_change';
      externalUserId: string;
      changeType: number;
      oldServicerUserId: string | null;
      newServicerUserId: string | null;
      msgCode: string | null;
    }
  | { type: 'other'; eventType: string; externalUserId: string | null };

export type KfContent =
  | { type: 'text'; text: string; menuId: string | null }
  | { type: 'image' | 'voice' | 'video' | 'file'; mediaId: string }
  | { type: 'location'; latitude: number; longitude: number; name: string; address: string }
  | { type: 'link'; title: string; description: string; url: string; picUrl: string }
  | { type: 'business_card'; userId: string }
  | { type: 'miniprogram'; title: string; appId: string; pagePath: string; thumbMediaId: string }
  | { type: 'event'; event: KfEvent }
  /** A message type this client does not map (yet). */
  | { type: 'other'; msgType: string };

export interface KfMessage {
  msgId: string;
  openKfId: string;
  externalUserId: string | null;
  sentAt: number | null;
  /** The customer, a system event, or the servicer (employee) from the WeCom client. */
  origin: 'customer' | 'event' | 'servicer' | 'unknown';
  servicerUserId: string | null;
  content: KfContent;
}

interface KfEventWire {
  event_type?: string;
  external_userid?: string;
  scene?: string;
  scene_param?: string;
  welcome_code?: string;
  fail_msgid?: string;
  fail_type?: number;
  change_type?: number;
  old_servicer_userid?: string;
  new_servicer_userid?: string;
  msg_code?: string;
}

export interface KfMessageWire {
  msgid?: string;
  open_kfid?: string;
  external_userid?: string;
  send_time?: number;
  origin?: number;
  servicer_userid?: string;
  msgtype?: string;
  text?: { content?: string; menu_id?: string };
  image?: { media_id?: string };
  voice?: { media_id?: string };
  video?: { media_id?: string };
  file?: { media_id?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  link?: { title?: string; desc?: string; url?: string; pic_url?: string };
  business_card?: { userid?: string };
  miniprogram?: { title?: string; appid?: string; pagepath?: string; thumb_media_id?: string };
  event?: KfEventWire;
}

const origins = { 3: 'customer', 4: 'event', 5: 'servicer' } as const;

function eventFromWire(e: KfEventWire): KfEvent {
  const externalUserId = e.external_userid ?? '';
  switch (e.event_type) {
    case 'enter_session':
      return {
        type: 'enter_session',
        externalUserId,
        scene: orNull(e.scene),
        sceneParam: orNull(e.scene_param),
        welcomeCode: orNull(e.welcome_code),
      };
    case 'msg_send_fail':
      return {
        type: 'msg_send_fail',
        externalUserId,
        failedMsgId: e.fail_msgid ?? '',
        failType: e.fail_type ?? 0,
      };
    case 'session_status_change':
      return {
        type: 'session_status_change',
        externalUserId,
        changeType: e.change_type ?? 0,
        oldServicerUserId: orNull(e.old_servicer_userid),
        newServicerUserId: orNull(e.new_servicer_userid),
        msgCode: orNull(e.msg_code),
      };
    default:
      return {
        type: 'other',
        eventType: e.event_type ?? '',
        externalUserId: orNull(e.external_userid),
      };
  }
}

function contentFromWire(m: KfMessageWire): KfContent {
  const type = m.msgtype ?? '';
  if (type === 'text')
    return { type, text: m.text?.content ?? '', menuId: orNull(m.text?.menu_id) };
  if (type === 'image' || type === 'voice' || type === 'video' || type === 'file')
    return { type, mediaId: m[type]?.media_id ?? '' };
  if (type === 'location' && m.location) {
    const l = m.location;
    return {
      type,
      latitude: l.latitude ?? 0,
      longitude: l.longitude ?? 0,
      name: l.name ?? '',
      address: l.address ?? '',
    };
  }
  if (type === 'link' && m.link) {
    const l = m.link;
    return {
      type,
      title: l.title ?? '',
      description: l.desc ?? '',
      url: l.url ?? '',
      picUrl: l.pic_url ?? '',
    };
  }
  if (type === 'business_card') return { type, userId: m.business_card?.userid ?? '' };
  if (type === 'miniprogram' && m.miniprogram) {
    const mp = m.miniprogram;
    return {
      type,
      title: mp.title ?? '',
      appId: mp.appid ?? '',
      pagePath: mp.pagepath ?? '',
      thumbMediaId: mp.thumb_media_id ?? '',
    };
  }
  if (type === 'event' && m.event) return { type, event: eventFromWire(m.event) };
  return { type: 'other', msgType: type };
}

export function kfMessageFromWire(m: KfMessageWire): KfMessage {
  return {
    msgId: m.msgid ?? '',
    openKfId: m.open_kfid ?? '',
    externalUserId: orNull(m.external_userid),
    sentAt: fromUnixSeconds(m.send_time),
    origin: origins[m.origin as 3 | 4 | 5] ?? 'unknown',
    servicerUserId: orNull(m.servicer_userid),
    content: contentFromWire(m),
  };
}
