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
  const view: Record<string, unknown> = {
    external_userid: person.externalUserIds[corp.corpid],
    name: person.nickname,
    avatar: person.avatar,
    type: 1,
    gender: person.gender,
  };
  // Assigned, not spread in (see followFields).
  if (unionidBound) view.unionid = person.unionid;
  return view;
}

/**
 * A follow's fields in the platform's order, with `middle` (its tags) after the common ones.
 * Built by assignment, not spreads: batch/get_by_user makes one per customer, and spreading
 * conditional parts took ~11 µs each (over a second per 100,000 customers).
 */
function followFields(follow: Follow, middle: [string, unknown]): Record<string, unknown> {
  const view: Record<string, unknown> = {
    userid: follow.userid,
    remark: follow.remark,
    description: follow.description,
    createtime: follow.createtime,
  };
  view[middle[0]] = middle[1];
  if (follow.remark_corp_name) view.remark_corp_name = follow.remark_corp_name;
  view.remark_mobiles = follow.remark_mobiles;
  if (follow.state) view.state = follow.state;
  view.oper_userid = follow.oper_userid;
  view.add_way = follow.add_way;
  return view;
}

/** A follow_user entry of externalcontact/get: tags with their group names. */
export function followUserView(corp: Corp, follow: Follow): Record<string, unknown> {
  const tags = follow.tag_id.flatMap((id) => {
    const found = findTag(corp.tagGroups, id);
    return found
      ? [{ group_name: found.group.group_name, tag_name: found.tag.name, tag_id: id, type: 1 }]
      : [];
  });
  return followFields(follow, ['tags', tags]);
}

/** A follow_info entry of batch/get_by_user: tag ids only. */
export function followInfoView(follow: Follow): Record<string, unknown> {
  return followFields(follow, ['tag_id', follow.tag_id]);
}
