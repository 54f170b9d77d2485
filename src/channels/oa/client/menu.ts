import type { ApiCaller } from '../../shared/api-call.js';
import { isWechatApiError } from '../../shared/api-errors.js';

/** menu/get's answer when no menu was ever created. */
const menuDoesNotExist = 46003;

/** Buttons that send the app an event carrying `key`. */
export const keyedButtonTypes = [
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
] as const;
type KeyedButtonType = (typeof keyedButtonTypes)[number];

/** A menu button: up to 3 top-level buttons, each a group of up to 5 or an action. */
export type MenuButton =
  | { type: 'group'; name: string; children: MenuButton[] }
  | { type: KeyedButtonType; name: string; key: string }
  | { type: 'view'; name: string; url: string }
  | { type: 'miniprogram'; name: string; url: string; appId: string; pagePath: string }
  | { type: 'media'; name: string; mediaId: string }
  | { type: 'article'; name: string; articleId: string }
  /** A type this client does not map (read from an existing menu). */
  | { type: 'unsupported'; name: string };

interface ButtonWire {
  type?: string;
  name?: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button?: ButtonWire[] | { list?: ButtonWire[] };
}

function buttonToWire(b: MenuButton): ButtonWire {
  switch (b.type) {
    case 'group':
      return { name: b.name, sub_button: b.children.map(buttonToWire) };
    case 'view':
      return { type: 'view', name: b.name, url: b.url };
    case 'miniprogram':
      return {
        type: 'miniprogram',
        name: b.name,
        url: b.url,
        appid: b.appId,
        pagepath: b.pagePath,
      };
    case 'media':
      return { type: 'media_id', name: b.name, media_id: b.mediaId };
    case 'article':
      return { type: 'article_id', name: b.name, article_id: b.articleId };
    case 'unsupported':
      throw new Error(`Menu button "${b.name}" has a type this client cannot create`);
    default:
      return { type: b.type, name: b.name, key: b.key };
  }
}

function buttonFromWire(w: ButtonWire): MenuButton {
  const name = w.name ?? '';
  const children = Array.isArray(w.sub_button) ? w.sub_button : (w.sub_button?.list ?? []);
  if (!w.type || children.length > 0)
    return { type: 'group', name, children: children.map(buttonFromWire) };
  if ((keyedButtonTypes as readonly string[]).includes(w.type))
    return { type: w.type as KeyedButtonType, name, key: w.key ?? '' };
  switch (w.type) {
    case 'view':
      return { type: 'view', name, url: w.url ?? '' };
    case 'miniprogram':
      return {
        type: 'miniprogram',
        name,
        url: w.url ?? '',
        appId: w.appid ?? '',
        pagePath: w.pagepath ?? '',
      };
    case 'media_id':
      return { type: 'media', name, mediaId: w.media_id ?? '' };
    case 'article_id':
      return { type: 'article', name, articleId: w.article_id ?? '' };
    default:
      return { type: 'unsupported', name };
  }
}

export function menuApi(api: ApiCaller) {
  return {
    /** Replaces the default menu. */
    async create(buttons: MenuButton[]): Promise<void> {
      await api.post('/cgi-bin/menu/create', { button: buttons.map(buttonToWire) });
    },

    /** The default menu as set through the API (empty when there is none). */
    async get(): Promise<MenuButton[]> {
      try {
        const res = await api.get<{ menu?: { button?: ButtonWire[] } }>('/cgi-bin/menu/get');
        return (res.menu?.button ?? []).map(buttonFromWire);
      } catch (error) {
        if (isWechatApiError(error) && error.errcode === menuDoesNotExist) return [];
        throw error;
      }
    },
  };
}

export type MenuApi = ReturnType<typeof menuApi>;
