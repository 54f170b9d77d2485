import type { ApiCaller } from '../../shared/api-call.js';
import { flag, orNull } from '../../shared/wire.js';

/** A group live code: customers scan it and join one of up to 5 groups. */
export interface JoinWaySettings {
  scene: 'miniprogram' | 'qrcode';
  remark?: string;
  /** Create a new group when all are full (default true). */
  autoCreateRoom?: boolean;
  roomBaseName?: string;
  roomBaseId?: number;
  /** Up to 5 groups. */
  chatIds: string[];
  /** Up to 30 characters; returned as the member's state. */
  state?: string;
}

export interface JoinWay extends JoinWaySettings {
  configId: string;
  qrCodeUrl: string | null;
}

interface JoinWayWire {
  config_id?: string;
  scene?: number;
  remark?: string;
  auto_create_room?: number;
  room_base_name?: string;
  room_base_id?: number;
  chat_id_list?: string[];
  qr_code?: string;
  state?: string;
}

function settingsToWire(s: JoinWaySettings): JoinWayWire {
  return {
    scene: s.scene === 'miniprogram' ? 1 : 2,
    remark: s.remark,
    auto_create_room: flag(s.autoCreateRoom),
    room_base_name: s.roomBaseName,
    room_base_id: s.roomBaseId,
    chat_id_list: s.chatIds,
    state: s.state,
  };
}

function joinWayFromWire(w: JoinWayWire): JoinWay {
  return {
    configId: w.config_id ?? '',
    scene: w.scene === 1 ? 'miniprogram' : 'qrcode',
    remark: w.remark,
    autoCreateRoom: w.auto_create_room === undefined ? undefined : w.auto_create_room === 1,
    roomBaseName: w.room_base_name,
    roomBaseId: w.room_base_id,
    chatIds: w.chat_id_list ?? [],
    state: w.state,
    qrCodeUrl: orNull(w.qr_code),
  };
}

const base = '/cgi-bin/externalcontact/groupchat';

export function joinWaysApi(api: ApiCaller) {
  return {
    /** Returns the config id; read the QR code with get(). */
    async add(settings: JoinWaySettings): Promise<{ configId: string }> {
      const res = await api.post<JoinWayWire>(`${base}/add_join_way`, settingsToWire(settings), {
        sideEffect: true,
      });
      return { configId: res.config_id ?? '' };
    },

    async get(configId: string): Promise<JoinWay> {
      const res = await api.post<{ join_way?: JoinWayWire }>(`${base}/get_join_way`, {
        config_id: configId,
      });
      return joinWayFromWire(res.join_way ?? {});
    },

    /** Replaces the settings (the platform expects all of them again). */
    async update(configId: string, settings: JoinWaySettings): Promise<void> {
      await api.post(`${base}/update_join_way`, {
        config_id: configId,
        ...settingsToWire(settings),
      });
    },

    async delete(configId: string): Promise<void> {
      await api.post(`${base}/del_join_way`, { config_id: configId });
    },
  };
}

export type JoinWaysApi = ReturnType<typeof joinWaysApi>;
