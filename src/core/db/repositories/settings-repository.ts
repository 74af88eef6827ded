import type { Queryable } from '../queryable';

/** All SQL over the key/value settings table (values are JSON). */
export class SettingsRepository {
  constructor(private readonly db: Queryable) {}

  /** The stored value for a key, or undefined. */
  async get<T>(key: string): Promise<T | undefined> {
    const result = await this.db.query<{ value: T }>('select value from settings where key = $1', [key]);
    return result.rows[0]?.value;
  }

  /** Stores a value (null removes the key). */
  async set(key: string, value: unknown): Promise<void> {
    if (value === null || value === undefined) {
      await this.db.query('delete from settings where key = $1', [key]);
      return;
    }
    await this.db.query('insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value', [key, JSON.stringify(value)]);
  }
}
