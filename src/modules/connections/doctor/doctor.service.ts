import type { CallbackAddress } from '../connection.mapping.js';
import { callbackUrlOf } from '../callback-url.js';
import { getConnection, listConnections } from '../connection.service.js';
import type { ConnectionRow } from '../connection.table.js';
import type { ConnectionsContext } from '../connections.context.js';
import { callbackCheck } from './callback.doctor.js';
import {
  localize,
  text,
  worstOf,
  type CheckStatus,
  type DoctorCheck,
  type DoctorLang,
  type DraftCheck,
} from './check.js';
import { doctorHttpDefaults, type DoctorHttp, type DoctorTarget } from './doctor-target.js';
import { miniProgramApiChecks } from './miniprogram.doctor.js';
import { oaApiChecks } from './oa.doctor.js';
import { wecomApiChecks } from './wecom.doctor.js';

export interface DoctorContext extends ConnectionsContext {
  /** Overrides of the doctor's HTTP settings (tests inject a fake clock and sleep). */
  http?: DoctorHttp;
}

export interface DoctorReport {
  connectionId: string;
  kind: ConnectionRow['kind'];
  appId: string;
  displayName: string;
  /** The worst status among the checks. */
  status: CheckStatus;
  checks: DoctorCheck[];
}

async function draftChecks(
  ctx: DoctorContext,
  row: ConnectionRow,
  address: CallbackAddress,
): Promise<DraftCheck[]> {
  if (row.status === 'disabled') {
    return [
      {
        id: 'connection.disabled',
        status: 'warn',
        title: text('The connection is disabled', '连接已停用'),
        detail: text(
          'Callbacks to it are refused and nothing was checked.',
          '发往它的回调会被拒绝，未执行任何检查。',
        ),
        fix: text('Enable it again to use it.', '如需使用，请重新启用。'),
      },
    ];
  }
  const target: DoctorTarget = {
    db: ctx.db,
    row,
    secret: ctx.secretBox.open(row.secret_sealed),
    http: { clock: ctx.clock, ...doctorHttpDefaults, ...ctx.http },
  };
  const callback = () =>
    callbackCheck({
      row,
      url: callbackUrlOf(address.base.url, address.workspaceSlug, row.kind, row.app_id)!,
      warning: address.base.warning,
      now: ctx.clock.now(),
    });
  switch (row.kind) {
    case 'wecom':
      return [...(await wecomApiChecks(target)), callback()];
    case 'oa':
      return [...(await oaApiChecks(target)), callback()];
    case 'miniprogram':
      return miniProgramApiChecks(target);
  }
}

/** Checks one connection for real: its credentials and permissions through the platform APIs. */
export async function diagnose(
  ctx: DoctorContext,
  row: ConnectionRow,
  address: CallbackAddress,
  lang: DoctorLang,
): Promise<DoctorReport> {
  const checks = (await draftChecks(ctx, row, address)).map((check) => localize(check, lang));
  return {
    connectionId: row.id,
    kind: row.kind,
    appId: row.app_id,
    displayName: row.display_name,
    status: worstOf(checks.map((c) => c.status)),
    checks,
  };
}

export async function diagnoseConnection(
  ctx: DoctorContext,
  workspaceId: string,
  id: string,
  address: CallbackAddress,
  lang: DoctorLang,
): Promise<DoctorReport> {
  return diagnose(ctx, await getConnection(ctx, workspaceId, id), address, lang);
}

/** Every connection of the workspace, checked one after another (they share rate limits). */
export async function diagnoseWorkspace(
  ctx: DoctorContext,
  workspaceId: string,
  address: CallbackAddress,
  lang: DoctorLang,
): Promise<DoctorReport[]> {
  const reports: DoctorReport[] = [];
  for (const row of await listConnections(ctx, workspaceId)) {
    reports.push(await diagnose(ctx, row, address, lang));
  }
  return reports;
}
