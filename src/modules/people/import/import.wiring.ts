import { syncDirectory } from '../../employees/directory-sync.service.js';
import { upsertFollowsFromImport } from '../follow.import.js';
import type { PeopleContext } from '../people.context.js';
import { pullCorpTags } from '../wecom-tags.pull.js';
import type { WecomImportSources } from './import.sources.js';

/**
 * The import's phases, written by the modules that own the data: the directory sync
 * (employees), the corp-tag pull, and the follows' import upsert (which also reconciles the
 * customers' tags with the corp tags their employees put on them).
 */
export function wecomImportSources(
  ctx: PeopleContext & Parameters<typeof syncDirectory>[0],
): WecomImportSources {
  return {
    syncEmployees: async (workspaceId) => (await syncDirectory(ctx, workspaceId)).employees,
    pullCorpTags: async (workspaceId) => (await pullCorpTags(ctx, workspaceId)).tags,
    writeContacts: async (trx, { workspaceId, corpId, items }) => {
      const applied = await upsertFollowsFromImport(trx, ctx, workspaceId, corpId, items);
      return {
        follows: applied.followsCreated + applied.followsUpdated,
        personsCreated: applied.personsCreated,
        merged: applied.merged,
      };
    },
  };
}
