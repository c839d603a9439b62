import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../../scripts/gen-synthetic-data';
import { flattenHsdsJson } from '../../hsds/read/flatten-json';
import { runSteps, runStepsAsync, type StepProgress } from '../../jobs/steps';
import { serviceFactsFromRows } from './facts-from-rows';
import type { ServiceFacts } from '../service-facts';
import { startWordIndex, wordTags, wordTextsSteps, wordWorkerScript } from './word-index-job';
import type { WordIndexResult } from './word-worker-protocol';

const facts = serviceFactsFromRows(flattenHsdsJson(generateSynthetic(3000)).tables, 'test');

/** The reference: the same word index and name order built on this thread. */
function buildServiceTextIndex(of: readonly ServiceFacts[]): WordIndexResult {
  const job = startWordIndex(of, { inThread: true });
  job.sendTags(wordTags(of));
  return runSteps(job.finishSteps());
}

describe('the word index on a worker thread', () => {
  it('has its built script to run (npm test builds before testing)', () => {
    expect(wordWorkerScript(), 'run `npm run build` first: the worker runs the built out/main/word-index-worker.js').not.toBeNull();
  });

  it('builds exactly the index and name order this thread builds, straight through', () => {
    const job = startWordIndex(facts);
    job.sendTags(wordTags(facts));
    const fromWorker = runSteps(job.finishSteps());
    expect(fromWorker).toEqual(buildServiceTextIndex(facts));
    expect(fromWorker.index.terms).toContain('refugio');
    expect(fromWorker.nameRank).toHaveLength(facts.length);
  });

  it('builds the same index from texts handed over in several pieces', () => {
    // Long descriptions: over 4 million characters in all, so the texts go to the worker in more than one piece.
    const long = facts.map((f, i) => ({ ...f, description: `${f.description ?? ''} ${'palabra'.repeat(200)} item${i}` }));
    const pieces: string[] = [];
    const packing = wordTextsSteps(long, (piece) => pieces.push(piece));
    while (!packing.next().done);
    expect(pieces.length).toBeGreaterThan(1);
    const job = startWordIndex(long);
    job.sendTags(wordTags(long));
    const fromWorker = runSteps(job.finishSteps());
    expect(fromWorker).toEqual(buildServiceTextIndex(long));
    expect(fromWorker.index.terms).toContain(`item${long.length - 1}`);
  });

  it('reports how far it has scanned, in order, while the caller is free between reports', async () => {
    const job = startWordIndex(facts);
    const seen: StepProgress[] = [];
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    job.sendTags(wordTags(facts));
    const index = await runStepsAsync(job.finishSteps(), { onProgress: (p) => seen.push(p) });
    clearInterval(timer);
    expect(index).toEqual(buildServiceTextIndex(facts));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.step === 'indexing' && p.total === facts.length)).toBe(true);
    const done = seen.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(turns).toBeGreaterThan(0);
  });

  it('reports a failure in the worker as an error, not a hang', () => {
    const tags = wordTags(facts);
    const broken = { ...tags, placeOf: tags.placeOf.map(() => tags.placeKeys.length + 5) };
    const job = startWordIndex(facts);
    job.sendTags(broken);
    expect(() => runSteps(job.finishSteps())).toThrow(/Preparing search failed/);
  });

  it('does the work on this thread when the worker never starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-worker-'));
    try {
      const silent = join(dir, 'silent.js');
      writeFileSync(silent, 'setTimeout(() => {}, 60_000);'); // loads, but never takes the work
      const job = startWordIndex(facts, { script: silent, startTimeoutMs: 300 });
      job.sendTags(wordTags(facts));
      expect(runSteps(job.finishSteps())).toEqual(buildServiceTextIndex(facts));
      job.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a worker that ends without answering, between the yields of an install in the app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-worker-'));
    try {
      const dying = join(dir, 'dying.js');
      writeFileSync(dying, 'const { workerData } = require("node:worker_threads"); Atomics.store(workerData.state, 0, 1); process.exit(3);');
      const job = startWordIndex(facts, { script: dying });
      job.sendTags(wordTags(facts));
      await expect(runStepsAsync(job.finishSteps())).rejects.toThrow(/worker thread ended/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
