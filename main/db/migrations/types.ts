export interface Migration {
  /** Recorded in schema_migrations; must never change once released. */
  name: string;
  up: string;
}
