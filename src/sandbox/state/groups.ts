/** Customer groups (客户群) and group join ways (加入群聊 / 群活码). */

export interface GroupMember {
  /** userid for employees, external_userid for customers. */
  userid: string;
  /** 1 employee, 2 external contact. */
  type: 1 | 2;
  /** Epoch seconds. */
  join_time: number;
  /** 1 invited directly, 2 invite link, 3 QR code. */
  join_scene: 1 | 2 | 3;
  invitor: string | null;
  group_nickname: string;
  name: string;
  unionid: string | null;
  state: string;
}

export interface GroupChat {
  chat_id: string;
  name: string;
  owner: string;
  /** Epoch seconds. */
  create_time: number;
  notice: string;
  member_list: GroupMember[];
  admin_list: string[];
  /** 0 normal, 1 owner resigned, 2 transferring, 3 inherited. */
  status: 0 | 1 | 2 | 3;
  dismissed: boolean;
}

export interface JoinWay {
  config_id: string;
  scene: 1 | 2;
  remark: string;
  auto_create_room: 0 | 1;
  room_base_name: string;
  room_base_id: number;
  chat_id_list: string[];
  state: string;
  createdAt: number;
}
