import type { SandboxContext } from '../core/context.js';
import { WxError } from '../http/wx-error.js';
import type { OaQrTicket, OfficialAccount } from '../state/oa.js';

const MAX_EXPIRE = 2_592_000;

/** A ticket shaped like the platform's: base64 wrapping the short URL it stands for. */
function makeTicket(ctx: SandboxContext): { ticket: string; url: string } {
  const url = `http://weixin.qq.com/q/${ctx.ids.chars('02', 24)}`;
  const bytes = Buffer.concat([
    Buffer.from([0x81, 0x3c, 0x00, 0x00]),
    Buffer.from(url),
    Buffer.from([0x02, 0x04]),
  ]);
  return { ticket: `gQ${bytes.toString('base64')}`, url };
}

export function ticketExpired(ctx: SandboxContext, ticket: OaQrTicket): boolean {
  return (
    ticket.expire_seconds !== null && ctx.now() > ticket.createdAt + ticket.expire_seconds * 1000
  );
}

/** The scene a ticket carries, as it appears in EventKey (`qrscene_` is added on subscribe). */
export function sceneOf(ticket: OaQrTicket): string {
  return ticket.scene_str ?? String(ticket.scene_id);
}

/** Creates a ticket; shared by the API and the control API's "scan a scene" shortcut. */
export function createQrTicket(
  ctx: SandboxContext,
  oa: OfficialAccount,
  spec: {
    action_name: OaQrTicket['action_name'];
    scene_id?: number;
    scene_str?: string;
    expire_seconds?: number;
  },
): OaQrTicket {
  const permanent = spec.action_name.startsWith('QR_LIMIT');
  const byString = spec.action_name.endsWith('STR_SCENE');
  if (byString) {
    if (!spec.scene_str || spec.scene_str.length > 64)
      throw new WxError(40053, 'scene_str must be 1-64 chars');
  } else {
    const max = permanent ? 100_000 : 4_294_967_295;
    if (!spec.scene_id || spec.scene_id < 1 || spec.scene_id > max)
      throw new WxError(40053, 'scene_id out of range');
  }
  const { ticket, url } = makeTicket(ctx);
  const record: OaQrTicket = {
    ticket,
    action_name: spec.action_name,
    scene_id: byString ? null : spec.scene_id!,
    scene_str: byString ? spec.scene_str! : null,
    expire_seconds: permanent ? null : Math.min(spec.expire_seconds ?? 30, MAX_EXPIRE),
    url,
    createdAt: ctx.now(),
  };
  oa.qrTickets[ticket] = record;
  return record;
}
