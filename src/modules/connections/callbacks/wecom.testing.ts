/** Test helpers for the WeCom receiver: the official vector's crypt and a callback fixture. */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { WxBizMsgCrypt } from '../../../channels/shared/wxbiz-crypto.js';
import type { TestApp } from '../../../testing/app.js';
import { vector } from '../connections.testing.js';

/** The add_external_contact sample, addressed to the vector's corp. */
export const addExternalContact = readFileSync(
  new URL(
    '../../../channels/wecom/fixtures/wecom-callback-add_external_contact.xml',
    import.meta.url,
  ),
  'utf8',
).replace('toUser', vector.corpId);

/** Seals callbacks as the platform does for the vector's corp. */
export const vectorCrypt = new WxBizMsgCrypt({
  token: vector.token,
  encodingAesKey: vector.aesKey,
  receiveId: vector.corpId,
});

/**
 * Makes writing a callback's dispatch job fail (as a full disk would) in whichever connection
 * writes it — the app's or the callback thread's — until the returned function is called.
 */
export async function failDispatchJobInserts(t: TestApp): Promise<() => Promise<void>> {
  const { db, dialect } = t.database;
  if (dialect === 'sqlite') {
    await sql`create trigger fail_dispatch before insert on jobs when new.queue = 'callbacks.dispatch'
      begin select raise(abort, 'disk full'); end`.execute(db);
    return async () => void (await sql`drop trigger fail_dispatch`.execute(db));
  }
  await sql`create function fail_dispatch() returns trigger language plpgsql as $$
    begin raise exception 'disk full'; end $$`.execute(db);
  await sql`create trigger fail_dispatch before insert on jobs for each row
    when (new.queue = 'callbacks.dispatch') execute function fail_dispatch()`.execute(db);
  return async () => {
    await sql`drop trigger fail_dispatch on jobs`.execute(db);
    await sql`drop function fail_dispatch()`.execute(db);
  };
}

/** Makes storing a callback whose plaintext contains `marker` fail, until the returned function is called. */
export async function failInboxInsertsOf(t: TestApp, marker: string): Promise<() => Promise<void>> {
  const { db, dialect } = t.database;
  if (dialect === 'sqlite') {
    await sql`create trigger fail_inbox before insert on inbound_callback
      when instr(new.plaintext, ${sql.lit(marker)}) > 0
      begin select raise(abort, 'disk full'); end`.execute(db);
    return async () => void (await sql`drop trigger fail_inbox`.execute(db));
  }
  await sql`create function fail_inbox() returns trigger language plpgsql as $$
    begin raise exception 'disk full'; end $$`.execute(db);
  await sql`create trigger fail_inbox before insert on inbound_callback for each row
    when (position(${sql.lit(marker)} in new.plaintext) > 0) execute function fail_inbox()`.execute(
    db,
  );
  return async () => {
    await sql`drop trigger fail_inbox on inbound_callback`.execute(db);
    await sql`drop function fail_inbox()`.execute(db);
  };
}
