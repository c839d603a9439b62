import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../scripts/gen-synthetic-data';
import { flattenHsdsJson } from '../hsds/flatten-json';
import { runSteps, runStepsAsync, type StepProgress } from '../hsds/steps';
import { serviceFactsFromRows } from './facts-from-rows';
import { buildServiceTextIndex } from './text-index';
import { startWordIndex, wordTags, wordWorkerScript } from './word-index-job';

const facts = serviceFactsFromRows(flattenHsdsJson(generateSynthetic(3000)).tables);

describe('the word index on a worker thread', () => {
  it('has its built script to run (npm test builds before testing)', () => {
    expect(wordWorkerScript(), 'run `npm run build` first: the worker runs the built out/main/word-index-worker.js').not.toBeNull();
  });

  it('builds exactly the index this thread builds, straight through', () => {
    const fromWorker = runSteps(startWordIndex(facts).finishSteps(wordTags(facts)));
    expect(fromWorker).toEqual(buildServiceTextIndex(facts));
    expect(fromWorker.terms).toContain('refugio');
  });

  it('reports how far it has scanned, in order, while the caller is free between reports', async () => {
    const job = startWordIndex(facts);
    const seen: StepProgress[] = [];
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const index = await runStepsAsync(job.finishSteps(wordTags(facts)), { onProgress: (p) => seen.push(p) });
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
    expect(() => runSteps(startWordIndex(facts).finishSteps(broken))).toThrow(/Preparing search failed/);
  });
});
