import {
  PostgresAdapter,
  sql,
  type InsertQueryBuilder,
  type InsertResult,
  type Insertable,
  type Kysely,
  type RawBuilder,
} from 'kysely';

/** The SQL type of a column, as PostgreSQL names its array's element. */
export type BulkColumnType = 'text' | 'bigint' | 'integer';

/** Every column of a table's rows with its type (a column left out does not compile). */
export type BulkColumns<T> = { readonly [K in keyof T & string]-?: BulkColumnType };

/**
 * Many rows for one insert. On PostgreSQL as one array parameter per column, unnested
 * (`insert … select * from unnest($1::text[], …)`): no bind variable per value, and about a
 * third less server time and half the client time of a VALUES list of a thousand rows. On
 * SQLite as a VALUES list (Kysely's own), whose statements SQLite prepares cheaply. Every row
 * gives every column (null for none): on PostgreSQL a missing value is inserted as null, not as
 * the column's default.
 */
export function insertMany<DB, TB extends keyof DB & string, Row extends Insertable<DB[TB]>>(
  db: Kysely<DB>,
  table: TB,
  columns: BulkColumns<Row>,
  rows: readonly Row[],
): InsertQueryBuilder<DB, TB, InsertResult> {
  const insert = db.insertInto(table);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return insert.values([...rows]);
  const typed = Object.entries(columns) as [keyof Row & string, BulkColumnType][];
  return insert
    .columns(typed.map(([column]) => column) as never)
    .expression(unnested(typed, rows) as never);
}

function unnested<Row>(
  columns: readonly [keyof Row & string, BulkColumnType][],
  rows: readonly Row[],
): RawBuilder<unknown> {
  const arrays = columns.map(
    ([column, type]) => sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(type)}[]`,
  );
  return sql`select * from unnest(${sql.join(arrays)})`;
}
