import type { ApiCaller } from '../../shared/api-call.js';

/**
 * A parametric QR code. A number scene (1–100000 for permanent codes) or a string scene (1–64
 * characters); temporary codes live `expireSeconds` (up to 30 days, default 30 s).
 */
export type QrCodeRequest =
  | { permanent?: false; scene: number | string; expireSeconds?: number }
  | { permanent: true; scene: number | string };

export interface QrCode {
  ticket: string;
  /** The URL the QR code encodes (render it as an image). */
  url: string;
  /** Null for permanent codes. */
  expiresInSeconds: number | null;
}

function actionName(request: QrCodeRequest): string {
  const kind = typeof request.scene === 'number' ? 'SCENE' : 'STR_SCENE';
  return request.permanent ? `QR_LIMIT_${kind}` : `QR_${kind}`;
}

export function qrCodesApi(api: ApiCaller) {
  return {
    async create(request: QrCodeRequest): Promise<QrCode> {
      const scene =
        typeof request.scene === 'number'
          ? { scene_id: request.scene }
          : { scene_str: request.scene };
      const res = await api.post<{ ticket?: string; url?: string; expire_seconds?: number }>(
        '/cgi-bin/qrcode/create',
        {
          expire_seconds: request.permanent ? undefined : request.expireSeconds,
          action_name: actionName(request),
          action_info: { scene },
        },
      );
      return {
        ticket: res.ticket ?? '',
        url: res.url ?? '',
        expiresInSeconds: request.permanent ? null : (res.expire_seconds ?? null),
      };
    },
  };
}

export type QrCodesApi = ReturnType<typeof qrCodesApi>;
