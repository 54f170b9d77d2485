import { buildXml, type XmlBuildFields } from '../../channels/shared/xml.js';
import type { SandboxContext } from '../core/context.js';
import type { Corp } from '../state/corp.js';
import type { Delivery } from '../state/platform.js';

/** Callback XML in the field order the WeCom documentation shows (see docs/wechat-samples). */

function header(corp: Corp, createTime: number, event: string): XmlBuildFields {
  return {
    ToUserName: corp.corpid,
    FromUserName: 'sys',
    CreateTime: createTime,
    MsgType: 'event',
    Event: event,
  };
}

export type ExternalContactChange =
  | {
      changeType: 'add_external_contact' | 'add_half_external_contact';
      userid: string;
      externalUserid: string;
      state?: string;
      welcomeCode?: string;
    }
  | {
      changeType: 'edit_external_contact' | 'del_follow_user';
      userid: string;
      externalUserid: string;
    }
  | {
      changeType: 'del_external_contact';
      userid: string;
      externalUserid: string;
      source?: 'DELETE_BY_TRANSFER';
    }
  | {
      changeType: 'transfer_fail';
      userid: string;
      externalUserid: string;
      failReason: 'customer_refused' | 'customer_limit_exceed';
    };

export function externalContactXml(
  corp: Corp,
  createTime: number,
  change: ExternalContactChange,
): string {
  const fields: Record<string, XmlBuildFields[string]> = {
    ...header(corp, createTime, 'change_external_contact'),
    ChangeType: change.changeType,
  };
  if (change.changeType === 'transfer_fail') fields.FailReason = change.failReason;
  fields.UserID = change.userid;
  fields.ExternalUserID = change.externalUserid;
  if (
    change.changeType === 'add_external_contact' ||
    change.changeType === 'add_half_external_contact'
  ) {
    if (change.state) fields.State = change.state;
    if (change.welcomeCode) fields.WelcomeCode = change.welcomeCode;
  }
  if (change.changeType === 'del_external_contact' && change.source) fields.Source = change.source;
  return buildXml(fields);
}

export type ExternalChatChange =
  | { changeType: 'create' | 'dismiss'; chatId: string }
  | {
      changeType: 'update';
      chatId: string;
      updateDetail: 'add_member' | 'del_member' | 'change_owner' | 'change_name' | 'change_notice';
      joinScene?: number;
      quitScene?: number;
      members?: string[];
      lastMemVer?: string;
      curMemVer?: string;
    };

export function externalChatXml(
  corp: Corp,
  createTime: number,
  change: ExternalChatChange,
): string {
  const fields: Record<string, XmlBuildFields[string]> = {
    ...header(corp, createTime, 'change_external_chat'),
    ChatId: change.chatId,
    ChangeType: change.changeType,
  };
  if (change.changeType === 'update') {
    fields.UpdateDetail = change.updateDetail;
    if (change.updateDetail === 'add_member' || change.updateDetail === 'del_member') {
      fields.JoinScene = change.joinScene ?? 0;
      fields.QuitScene = change.quitScene ?? 0;
      fields.MemChangeCnt = change.members?.length ?? 0;
      fields.MemChangeList = { Item: change.members ?? [] };
      fields.LastMemVer = change.lastMemVer;
      fields.CurMemVer = change.curMemVer;
    }
  }
  return buildXml(fields);
}

export function externalTagXml(
  corp: Corp,
  createTime: number,
  change: {
    id: string;
    tagType: 'tag' | 'tag_group';
    changeType: 'create' | 'update' | 'delete' | 'shuffle';
  },
): string {
  return buildXml({
    ...header(corp, createTime, 'change_external_tag'),
    Id: change.id,
    TagType: change.tagType,
    ChangeType: change.changeType,
  });
}

export function deleteUserXml(corp: Corp, createTime: number, userid: string): string {
  return buildXml({
    ...header(corp, createTime, 'change_contact'),
    ChangeType: 'delete_user',
    UserID: userid,
  });
}

export function kfMsgOrEventXml(
  corp: Corp,
  createTime: number,
  token: string,
  openKfid: string,
): string {
  return buildXml({
    ToUserName: corp.corpid,
    CreateTime: createTime,
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: token,
    OpenKfId: openKfid,
  });
}

/** Pushes a WeCom callback to the corp's receiver. */
export function pushWecom(
  ctx: SandboxContext,
  corp: Corp,
  event: string,
  plaintext: string,
): Delivery {
  return ctx.pusher.push({ receiver: `wecom:${corp.corpid}`, event, plaintext });
}
