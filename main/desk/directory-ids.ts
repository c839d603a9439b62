import type { Db } from '../db/open';

/**
 * Whether the installed directory lists a service. The desk makes new notes, call marks and saved lists
 * only for those: an id the page makes up (`__proto__`, `../../etc/passwd`) gets nothing stored.
 */
export function createDirectoryIds(db: Db) {
  const one = db.prepare('SELECT 1 FROM service WHERE id = ?').pluck();
  const has = (serviceId: string): boolean => one.get(serviceId) !== undefined;
  return { has, listed: (serviceIds: readonly string[]): string[] => serviceIds.filter(has) };
}
