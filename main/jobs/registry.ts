import { ImportCancelled, type StepListener, type StepProgress } from './steps';

/** running until its task settles; then done, cancelled (asked to stop, and it stopped) or failed. */
export type JobState = 'running' | 'done' | 'cancelled' | 'failed';

/** One run of a long task (a check, an apply, a restore) as the screens see it while it runs and after. */
export interface Job<Owner, Kind extends string, Committed> {
  readonly owner: Owner;
  readonly kind: Kind;
  readonly state: JobState;
  /** The last step it reported; the one it started with until then. */
  readonly progress: StepProgress;
  /** Why it stopped, for the person: the cancel's or the failure's message. */
  readonly error: string | null;
  /** What its write committed, once it has: a cancel from then on is too late. */
  readonly committed: Committed | undefined;
}

/**
 * What a task is handed: progress, cancel and the commit's start as a write takes them (a cancel from
 * onCommitting on waits for the task to end), the signal for a download, and the commit hook.
 */
export interface JobRun<Committed> extends Required<Pick<StepListener, 'onProgress' | 'isCancelled' | 'onCommitting'>> {
  signal: AbortSignal;
  /** Says the task's write has committed: it can no longer be cancelled, and a cancel now answers too-late. */
  committed: (value: Committed) => void;
}

export type CancelAnswer<Committed> = { outcome: 'cancelling' } | { outcome: 'too-late'; committed: Committed } | { outcome: 'idle' };

interface Entry<Owner, Kind extends string, Committed> extends Job<Owner, Kind, Committed> {
  state: JobState;
  progress: StepProgress;
  error: string | null;
  committed: Committed | undefined;
  /** Its write has begun to commit: a cancel can no longer stop it. */
  committing: boolean;
  abort: AbortController;
  /** Settles once the job has ended, however it ended. */
  ended: Promise<unknown>;
  /** When it last reported (a count of reports across the registry): the owner's newest report is the one shown. */
  reported: number;
}

/**
 * The long jobs of one screen's channels (the Import screen's, the Sync screen's, the sources' pulls), each
 * under an owner (an import's id, a feed, a source): how far each has got, its cancel, and how it ended. An
 * owner may run several at once (a feed's check while it applies). A job that has ended is kept, so its
 * outcome can still be asked for, until its owner starts another or is forgotten.
 */
export function createJobRegistry<Owner, Kind extends string, Committed = never>(
  /** Which errors are a task stopping because it was asked to (with its signal aborted), not failing. */
  isCancellation: (err: unknown) => boolean = (err) => err instanceof ImportCancelled,
) {
  let jobs: Entry<Owner, Kind, Committed>[] = [];
  let reports = 0;
  const of = (owner: Owner) => jobs.filter((j) => j.owner === owner);

  return {
    /**
     * Starts `task` as a job of `owner`, reporting `first` until it reports a step of its own; the owner's
     * ended jobs are dropped. The promise settles as the task does, once the job's state says how it ended.
     */
    start<T>(owner: Owner, kind: Kind, first: StepProgress, task: (run: JobRun<Committed>) => Promise<T>): { job: Job<Owner, Kind, Committed>; result: Promise<T> } {
      jobs = jobs.filter((j) => j.owner !== owner || j.state === 'running');
      const job: Entry<Owner, Kind, Committed> = {
        owner,
        kind,
        state: 'running',
        progress: first,
        error: null,
        committed: undefined,
        committing: false,
        abort: new AbortController(),
        ended: Promise.resolve(),
        reported: ++reports,
      };
      jobs.push(job);
      const run: JobRun<Committed> = {
        signal: job.abort.signal,
        onProgress: ({ step, done, total }) => {
          job.progress = { step, done, total };
          job.reported = ++reports;
        },
        isCancelled: () => job.abort.signal.aborted,
        onCommitting: () => void (job.committing = true),
        committed: (value) => void (job.committed = value),
      };
      const result = (async () => task(run))().then(
        (value) => {
          job.state = 'done';
          return value;
        },
        (err: unknown) => {
          job.state = job.abort.signal.aborted && isCancellation(err) ? 'cancelled' : 'failed';
          job.error = err instanceof Error ? err.message : String(err);
          throw err;
        },
      );
      job.ended = result.catch(() => undefined);
      return { job, result };
    },

    /** The job the owner started last, running or ended; undefined when it has none kept. */
    latest: (owner: Owner): Job<Owner, Kind, Committed> | undefined => of(owner).at(-1),

    /** How far the owner's running jobs have got (the newest report of them), or null when none runs. */
    progress(owner: Owner): StepProgress | null {
      const running = of(owner).filter((j) => j.state === 'running');
      if (running.length === 0) return null;
      return running.reduce((a, b) => (b.reported > a.reported ? b : a)).progress;
    },

    /**
     * Asks the owner's running jobs that have not begun to commit to stop; they stop at their next step and
     * undo what they started. Too late when nothing is left to stop but a write of the owner's has
     * committed: one still committing is waited for.
     */
    async cancel(owner: Owner): Promise<CancelAnswer<Committed>> {
      const mine = of(owner);
      const running = mine.filter((j) => j.state === 'running' && j.committed === undefined);
      const stoppable = running.filter((j) => !j.committing);
      for (const j of stoppable) j.abort.abort();
      if (stoppable.length > 0) return { outcome: 'cancelling' };
      await Promise.all(running.map((j) => j.ended));
      const done = mine.findLast((j) => j.committed !== undefined);
      return done ? { outcome: 'too-late', committed: done.committed! } : { outcome: 'idle' };
    },

    /** Drops the owner's jobs: ended ones are no longer asked about, running ones finish unwatched. */
    forget(owner: Owner): void {
      jobs = jobs.filter((j) => j.owner !== owner);
    },
  };
}
