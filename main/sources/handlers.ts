import type { Db, ReadDb } from '../db/open';
import type { WriteTurn } from '../db/write-turn';
import type { Handlers } from '../handler-types';
import { listSources } from './source-list';
import { removeSourceAndAddress } from './source-remove';

type SourceChannel = 'sourceList' | 'sourceRemove';

/**
 * The Settings panel's sources, through the same functions as `source list` and `source remove`. A removal
 * writes on a connection of its own and takes the write turn, so it never runs beside an import or a sync.
 */
export function createSourceHandlers(db: ReadDb, { openWriter, writeTurn }: { openWriter: () => Db; writeTurn: WriteTurn }): Pick<Handlers, SourceChannel> {
  return {
    sourceList: () => listSources(db),
    sourceRemove: ({ name }) => {
      const giveBack = writeTurn.take('A source is being removed');
      let writer: Db | null = null;
      try {
        writer = openWriter();
        const { source, removed, services } = removeSourceAndAddress(writer, name);
        return { source, removed, services };
      } finally {
        writer?.close();
        giveBack();
      }
    },
  };
}
