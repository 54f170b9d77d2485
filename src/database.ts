import type { ChannelsTables } from './channels/channels.table.js';
import type { ConnectionsTables } from './modules/connections/connection.table.js';
import type { EmployeesTables } from './modules/employees/employee.table.js';
import type { ImportTables } from './modules/people/import/import-run.table.js';
import type { PeopleTables } from './modules/people/people.table.js';
import type { WecomTagSyncTables } from './modules/people/wecom-tags.table.js';
import type { WorkspaceTables } from './modules/workspace/workspace.table.js';
import type { EventBusTables } from './platform/event-bus/event.table.js';
import type { JobsTables } from './platform/jobs/jobs.table.js';

/** The whole schema as Kysely sees it: each module contributes the tables it owns. */
export interface Database
  extends
    JobsTables,
    WorkspaceTables,
    ChannelsTables,
    EventBusTables,
    ConnectionsTables,
    PeopleTables,
    WecomTagSyncTables,
    EmployeesTables,
    ImportTables {}
