import type { Migration, MigrationProvider } from 'kysely';
import type { StoreKind } from '../types.js';
import { initial } from './001_initial.js';
import { rowKeys } from './002_row_keys.js';
import { mentorLoop } from './003_mentor_loop.js';

/**
 * Every schema change, in order, for kysely's Migrator. Listed in code rather than read from a folder, so the same
 * list runs from the TypeScript sources (tests, tsx) and from the compiled dist/. Never edit a released migration:
 * add the next one.
 */
export function storeMigrations(kind: StoreKind): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '001_initial': initial(kind),
    '002_row_keys': rowKeys,
    '003_mentor_loop': mentorLoop,
  };
  return { getMigrations: async () => migrations };
}
