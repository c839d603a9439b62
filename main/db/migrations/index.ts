import { migration001 } from './001_hsds_tables';
import { migration002 } from './002_local_tables';
import { migration003 } from './003_previous_version';
import { migration004 } from './004_feed_subscriptions';
import { migration005 } from './005_search_index';
import { migration006 } from './006_search_blobs';
import { migration007 } from './007_feed_high_water';
import { migration008 } from './008_sources';
import { migration009 } from './009_source_pulls';
import type { Migration } from './types';

/** Applied in this order, each exactly once. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];
