import type { TestDatabase } from '../../../testing/db.js';

/** A SIYU_DATABASE_URL that opens this test database (its own schema on PostgreSQL). */
export function testDatabaseUrlOf(database: TestDatabase): string {
  if (database.config.dialect === 'sqlite') return database.config.file;
  const options = encodeURIComponent(`-c search_path=${database.searchPath}`);
  return `${database.config.url}${database.config.url.includes('?') ? '&' : '?'}options=${options}`;
}
