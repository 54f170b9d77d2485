/** The simulated WeCom corp: its apps, address book and everything corp-scoped. */

import type { AcquisitionLink, ContactWay, Follow, WelcomeCode } from './contacts.js';
import type { GroupChat, JoinWay } from './groups.js';
import type { AppMessage, MassTemplate, MomentTask } from './campaigns.js';
import type { KfState } from './kf.js';
import type { TagGroup } from './tags.js';
import type { Transfer, UnassignedCustomer } from './transfers.js';

export interface CorpApp {
  agentid: number;
  name: string;
  secret: string;
  /** `contact`: the customer-contact secret; `kf`: WeChat Customer Service; `app`: a self-built app. */
  kind: 'app' | 'contact' | 'kf';
}

export interface Department {
  id: number;
  name: string;
  name_en: string;
  parentid: number;
  order: number;
  department_leader: string[];
}

export interface Employee {
  userid: string;
  name: string;
  department: number[];
  main_department: number;
  position: string;
  mobile: string;
  gender: '0' | '1' | '2';
  email: string;
  avatar: string;
  /** 1 active, 2 disabled, 4 not activated, 5 resigned. */
  status: 1 | 2 | 4 | 5;
  /** Has the customer-contact (客户联系) permission. */
  customerContact: boolean;
  /** Epoch ms when the employee left the company. */
  resignedAt: number | null;
}

export interface Corp {
  corpid: string;
  name: string;
  fullName: string;
  apps: CorpApp[];
  callback: { token: string; encodingAesKey: string };
  departments: Department[];
  employees: Record<string, Employee>;
  contactWays: Record<string, ContactWay>;
  /** external_userid → userid → follow. */
  follows: Record<string, Record<string, Follow>>;
  welcomeCodes: Record<string, WelcomeCode>;
  tagGroups: TagGroup[];
  groups: Record<string, GroupChat>;
  joinWays: Record<string, JoinWay>;
  links: Record<string, AcquisitionLink>;
  massTemplates: Record<string, MassTemplate>;
  /** external_userid → epoch ms of every mass message the customer received. */
  massReceipts: Record<string, number[]>;
  moments: Record<string, MomentTask>;
  kf: KfState;
  transfers: Transfer[];
  unassigned: UnassignedCustomer[];
  appMessages: AppMessage[];
}

export function createCorp(init: {
  corpid: string;
  name: string;
  fullName?: string;
  apps: CorpApp[];
  callback: Corp['callback'];
}): Corp {
  return {
    corpid: init.corpid,
    name: init.name,
    fullName: init.fullName ?? init.name,
    apps: init.apps,
    callback: init.callback,
    departments: [
      { id: 1, name: init.name, name_en: '', parentid: 0, order: 100000000, department_leader: [] },
    ],
    employees: {},
    contactWays: {},
    follows: {},
    welcomeCodes: {},
    tagGroups: [],
    groups: {},
    joinWays: {},
    links: {},
    massTemplates: {},
    massReceipts: {},
    moments: {},
    kf: { accounts: {}, messages: [], tokens: {}, eventCodes: {}, sent: {} },
    transfers: [],
    unassigned: [],
    appMessages: [],
  };
}

/** The department ids below (and including) `id`. */
export function departmentTree(corp: Corp, id: number): Set<number> {
  const ids = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of corp.departments) {
      if (!ids.has(d.id) && ids.has(d.parentid)) {
        ids.add(d.id);
        grew = true;
      }
    }
  }
  return ids;
}

export function activeEmployees(corp: Corp): Employee[] {
  return Object.values(corp.employees).filter((e) => e.status !== 5);
}
