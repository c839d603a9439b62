/**
 * One long write at a time across the Import and Sync screens. An import apply, a rollback and a sync
 * apply or restore each hold the database's write lock on their writer connection until they commit; a
 * second one started meanwhile would wait for that lock with the main process blocked (better-sqlite3
 * waits synchronously), then fail. It is refused at once instead, saying what is running.
 */
export function createWriteTurn() {
  let running: string | null = null;
  return {
    /** Takes the turn for a write described as `what`, returning what gives it back; throws while another holds it. */
    take(what: string): () => void {
      if (running) throw new Error(`${running}; wait for it to finish.`);
      running = what;
      return () => void (running = null);
    },
    busy: (): boolean => running !== null,
  };
}

export type WriteTurn = ReturnType<typeof createWriteTurn>;
