/** On-job and resigned transfers of customers between employees. */

export interface Transfer {
  kind: 'onjob' | 'resigned';
  handover_userid: string;
  takeover_userid: string;
  external_userid: string;
  /** Epoch ms. */
  requestedAt: number;
  /** 1 done, 2 waiting, 3 refused, 4 takeover at limit. */
  status: 1 | 2 | 3 | 4;
  takeoverAt: number | null;
}

export interface UnassignedCustomer {
  handover_userid: string;
  external_userid: string;
  /** Epoch seconds. */
  dimission_time: number;
}
