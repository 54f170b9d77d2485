import type { Follow } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import type { WechatUser } from '../state/people.js';
import { findTag } from '../state/tags.js';

/** State → the JSON shapes of externalcontact/get and batch/get_by_user (docs 92114, 92994). */

export function externalContactView(
  corp: Corp,
  person: WechatUser,
  unionidBound: boolean,
): Record<string, unknown> {
  return {
    external_userid: person.externalUserIds[corp.corpid],
    name: person.nickname,
    avatar: person.avatar,
    type: 1,
    gender: person.gender,
    ...(unionidBound ? { unionid: person.unionid } : {}),
  };
}

function commonFollowFields(follow: Follow): Record<string, unknown> {
  return {
    userid: follow.userid,
    remark: follow.remark,
    description: follow.description,
    createtime: follow.createtime,
  };
}

function trailingFollowFields(follow: Follow): Record<string, unknown> {
  return {
    ...(follow.remark_corp_name ? { remark_corp_name: follow.remark_corp_name } : {}),
    remark_mobiles: follow.remark_mobiles,
    ...(follow.state ? { state: follow.state } : {}),
    oper_userid: follow.oper_userid,
    add_way: follow.add_way,
  };
}

/** A follow_user entry of externalcontact/get: tags with their group names. */
export function followUserView(corp: Corp, follow: Follow): Record<string, unknown> {
  const tags = follow.tag_id.flatMap((id) => {
    const found = findTag(corp.tagGroups, id);
    return found
      ? [{ group_name: found.group.group_name, tag_name: found.tag.name, tag_id: id, type: 1 }]
      : [];
  });
  return { ...commonFollowFields(follow), tags, ...trailingFollowFields(follow) };
}

/** A follow_info entry of batch/get_by_user: tag ids only. */
export function followInfoView(follow: Follow): Record<string, unknown> {
  return { ...commonFollowFields(follow), tag_id: follow.tag_id, ...trailingFollowFields(follow) };
}
