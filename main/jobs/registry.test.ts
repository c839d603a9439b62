import { describe, expect, it } from 'vitest';
import { createJobRegistry, type JobRun } from './registry';
import { ImportCancelled, runStepsAsync, type StepProgress, type Steps } from './steps';

/** A long task in batches, as an import or a sync runs one: `total` reports, then its result. */
function* batches(step: 'applying' | 'checking', total: number): Steps<string> {
  for (let done = 0; done < total; done++) yield { step, done, total };
  return `${step} ${total}`;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const first = { step: 'reading', done: 0, total: 0 } as const;

describe('the long-job registry', () => {
  it('shows the newest report of an owner’s running jobs, a job’s first step until it reports, and nothing once they end', async () => {
    const jobs = createJobRegistry<number, 'check' | 'write'>();
    /** A job whose reports and end the test drives. */
    const driven = (kind: 'check' | 'write', step: StepProgress) => {
      let run!: JobRun<never>;
      let end!: (value: string) => void;
      const started = jobs.start(1, kind, step, (r) => {
        run = r;
        return new Promise<string>((resolve) => (end = resolve));
      });
      return { ...started, run, end };
    };
    const check = driven('check', first);
    expect(jobs.progress(1)).toEqual(first);
    expect(jobs.progress(2)).toBeNull();
    const write = driven('write', { step: 'applying', done: 0, total: 0 });
    expect(jobs.progress(1)).toEqual({ step: 'applying', done: 0, total: 0 });
    check.run.onProgress({ step: 'checking', done: 1, total: 3 });
    expect(jobs.progress(1)).toEqual({ step: 'checking', done: 1, total: 3 });
    write.run.onProgress({ step: 'applying', done: 5, total: 50 });
    expect(jobs.progress(1)).toEqual({ step: 'applying', done: 5, total: 50 });

    write.end('installed');
    expect(await write.result).toBe('installed');
    expect(write.job).toMatchObject({ state: 'done', error: null });
    expect(jobs.progress(1)).toEqual({ step: 'checking', done: 1, total: 3 });
    check.end('checked');
    await check.result;
    expect(jobs.progress(1)).toBeNull();
    // Ended, they are kept for their outcome until the owner starts another; the last started is the owner's latest.
    expect(jobs.latest(1)).toBe(write.job);
    expect(check.job).toMatchObject({ state: 'done', progress: { step: 'checking', done: 1, total: 3 } });
  });

  it('stops every running job of the owner on cancel, keeping why; a failure that was not asked for is a failure', async () => {
    const jobs = createJobRegistry<string, 'check' | 'write'>();
    const a = jobs.start('a', 'check', first, (run) => runStepsAsync(batches('checking', 1_000), run));
    const b = jobs.start('a', 'write', first, (run) => runStepsAsync(batches('applying', 1_000), run));
    const other = jobs.start('b', 'write', first, (run) => runStepsAsync(batches('applying', 20), run));
    await turn();
    expect(await jobs.cancel('a')).toEqual({ outcome: 'cancelling' });
    await expect(a.result).rejects.toThrow(ImportCancelled);
    await expect(b.result).rejects.toThrow(ImportCancelled);
    expect(a.job).toMatchObject({ state: 'cancelled', error: 'Import cancelled: the directory was left as it was.' });
    expect(b.job.state).toBe('cancelled');
    expect(a.job.progress.done).toBeLessThan(1_000);
    expect(await other.result).toBe('applying 20');

    const broken = jobs.start('a', 'check', first, () => Promise.reject(new Error('The file is not a dataset.')));
    await expect(broken.result).rejects.toThrow('The file is not a dataset.');
    expect(broken.job).toMatchObject({ state: 'failed', error: 'The file is not a dataset.' });
    expect(jobs.latest('a')).toBe(broken.job);
    // Nothing runs, nothing has committed: a cancel now has nothing to stop.
    expect(await jobs.cancel('a')).toEqual({ outcome: 'idle' });
  });

  it('counts an error after a cancel as cancelled only when it is one of the errors a stop raises', async () => {
    class Stopped extends Error {}
    const jobs = createJobRegistry<number, 'check'>((err) => err instanceof Stopped);
    const stop = (error: Error) =>
      jobs.start(1, 'check', first, async (run) => {
        while (!run.signal.aborted) await turn();
        throw error;
      });
    const stopped = stop(new Stopped('stopped'));
    void jobs.cancel(1);
    await expect(stopped.result).rejects.toThrow('stopped');
    expect(stopped.job.state).toBe('cancelled');

    const failed = stop(new Error('disk full'));
    void jobs.cancel(1);
    await expect(failed.result).rejects.toThrow('disk full');
    expect(failed.job).toMatchObject({ state: 'failed', error: 'disk full' });
  });

  it('answers too late once a write has committed, running or ended, until the owner starts something else', async () => {
    const jobs = createJobRegistry<number, 'check' | 'write', number>();
    let release = () => {};
    const closing = new Promise<void>((resolve) => (release = resolve));
    const write = jobs.start(7, 'write', first, async (run) => {
      await runStepsAsync(batches('applying', 5), run);
      run.committed(3);
      // Closing its connection after the commit: cancel can no longer stop it.
      await closing;
      return 'installed';
    });
    while (write.job.committed === undefined) await turn();
    expect(await jobs.cancel(7)).toEqual({ outcome: 'too-late', committed: 3 });
    release();
    expect(await write.result).toBe('installed');
    expect(write.job.state).toBe('done');
    expect(await jobs.cancel(7)).toEqual({ outcome: 'too-late', committed: 3 });
    expect(await jobs.cancel(8)).toEqual({ outcome: 'idle' });

    const check = jobs.start(7, 'check', first, (run) => runStepsAsync(batches('checking', 2), run));
    expect(jobs.latest(7)).toBe(check.job);
    await check.result;
    expect(await jobs.cancel(7)).toEqual({ outcome: 'idle' });
  });

  it('lets a write that has begun to commit run on, answering once it has ended what became of it', async () => {
    const jobs = createJobRegistry<number, 'write', number>();
    const committing = (commits: boolean) => {
      let finish = () => {};
      let asked = false;
      const write = jobs.start(7, 'write', first, async (run) => {
        await runStepsAsync(batches('applying', 5), run);
        run.onCommitting();
        await new Promise<void>((resolve) => {
          finish = resolve;
          asked = true;
        });
        if (!commits) throw new Error('disk I/O error');
        run.committed(3);
        return 'installed';
      });
      return { write, asked: () => asked, finish: () => finish() };
    };

    const good = committing(true);
    while (!good.asked()) await turn();
    let answered = false;
    const answer = jobs.cancel(7).finally(() => (answered = true));
    await turn();
    expect(answered).toBe(false);
    good.finish();
    expect(await answer).toEqual({ outcome: 'too-late', committed: 3 });
    expect(await good.write.result).toBe('installed');
    expect(good.write.job.state).toBe('done');

    const bad = committing(false);
    while (!bad.asked()) await turn();
    const failing = jobs.cancel(7);
    bad.finish();
    expect(await failing).toEqual({ outcome: 'idle' });
    await expect(bad.write.result).rejects.toThrow('disk I/O error');
    expect(bad.write.job).toMatchObject({ state: 'failed', error: 'disk I/O error' });
  });

  it('forgets an owner: its ended jobs are gone and a running one finishes unwatched', async () => {
    const jobs = createJobRegistry<string, 'check'>();
    const running = jobs.start('x', 'check', first, (run) => runStepsAsync(batches('checking', 10), run));
    jobs.forget('x');
    expect(jobs.latest('x')).toBeUndefined();
    expect(jobs.progress('x')).toBeNull();
    expect(await jobs.cancel('x')).toEqual({ outcome: 'idle' });
    expect(await running.result).toBe('checking 10');
    expect(jobs.latest('x')).toBeUndefined();
  });
});
