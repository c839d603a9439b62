import { describe, expect, it } from 'vitest';
import { ClusterIndex, type PointColumns } from '../../../../shared/map/map-clusters';
import { ClusterAnswers } from './cluster-answers';
import type { MapView } from './cluster-messages';

/** Points around two towns, a few sharing a spot. */
function columns(count: number, seed: number): PointColumns {
  const random = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647;
  const out = { lat: new Float64Array(count), lon: new Float64Array(count), approximate: new Uint8Array(count) };
  for (let i = 0; i < count; i++) {
    const [lat, lon] = i % 2 ? [34.05, -118.25] : [37.77, -122.42];
    const spread = i % 10 === 0 ? 0 : 0.4;
    out.lat[i] = lat + (random() - 0.5) * spread;
    out.lon[i] = lon + (random() - 0.5) * spread;
    out.approximate[i] = spread === 0 ? 1 : 0;
  }
  return out;
}

const STATE: MapView = { bbox: [-124.5, 32.5, -114, 42], zoom: 6 };
const LOS_ANGELES: MapView = { bbox: [-118.5, 33.9, -118, 34.2], zoom: 12 };

describe('cluster worker answers', () => {
  it("answers a load with its view's markers, the same a markers request for that view then gets", () => {
    const answers = new ClusterAnswers();
    const points = columns(2000, 7);
    for (const view of [STATE, LOS_ANGELES]) {
      const loaded = answers.answer({ type: 'load', id: 1, set: `a-${view.zoom}`, index: 1, columns: points, view });
      const asked = answers.answer({ type: 'markers', id: 2, view });
      expect(loaded.type).toBe('loaded');
      expect(loaded).toEqual({ ...asked, type: 'loaded', id: 1 });
      expect(asked).toEqual({ type: 'markers', id: 2, markers: new ClusterIndex(points).markers(view.bbox, view.zoom) });
    }
  });

  it('answers from the set loaded last, an index kept for a set loaded again', () => {
    const answers = new ClusterAnswers();
    expect(answers.answer({ type: 'markers', id: 1, view: STATE }).type).toBe('error');
    const first = columns(500, 3);
    const second = columns(800, 11);
    answers.answer({ type: 'load', id: 2, set: 'first', index: 1, columns: first, view: STATE });
    answers.answer({ type: 'load', id: 3, set: 'second', index: 1, columns: second, view: STATE });
    expect(answers.answer({ type: 'markers', id: 4, view: LOS_ANGELES })).toMatchObject({ markers: new ClusterIndex(second).markers(LOS_ANGELES.bbox, LOS_ANGELES.zoom) });
    // Loaded again under its key, the first set's kept index answers, whatever columns come with it.
    const again = answers.answer({ type: 'load', id: 5, set: 'first', index: 1, columns: second, view: LOS_ANGELES });
    expect(again).toMatchObject({ markers: new ClusterIndex(first).markers(LOS_ANGELES.bbox, LOS_ANGELES.zoom) });
  });

  it('indexes a set ahead without changing the markers of the set loaded; its load then finds the index built', () => {
    const answers = new ClusterAnswers();
    const shown = columns(500, 3);
    const next = columns(800, 11);
    answers.answer({ type: 'load', id: 1, set: 'shown', index: 1, columns: shown, view: STATE });
    expect(answers.answer({ type: 'index', id: 2, set: 'next', index: 1, columns: next })).toEqual({ type: 'indexed', id: 2 });
    expect(answers.answer({ type: 'markers', id: 3, view: STATE })).toMatchObject({ markers: new ClusterIndex(shown).markers(STATE.bbox, STATE.zoom) });
    // Loaded with other columns, the set answers from the index built ahead.
    expect(answers.answer({ type: 'load', id: 4, set: 'next', index: 1, columns: shown, view: STATE })).toMatchObject({ markers: new ClusterIndex(next).markers(STATE.bbox, STATE.zoom) });
  });

  it('keeps the whole directory’s index however many smaller sets come after it', () => {
    const answers = new ClusterAnswers();
    const all = columns(3000, 5);
    answers.answer({ type: 'load', id: 1, set: 'all', index: 1, columns: all, view: STATE });
    for (let n = 0; n < 5; n++) answers.answer({ type: 'index', id: 2 + n, set: `few ${n}`, index: 1, columns: columns(100 + n, n + 20) });
    // Loaded again under its key with other columns: the index kept for it answers.
    expect(answers.answer({ type: 'load', id: 9, set: 'all', index: 1, columns: columns(50, 9), view: STATE })).toMatchObject({ markers: new ClusterIndex(all).markers(STATE.bbox, STATE.zoom) });
    // The fourth newest of the smaller sets is clustered again from the columns it comes with.
    const other = columns(70, 13);
    expect(answers.answer({ type: 'load', id: 10, set: 'few 0', index: 1, columns: other, view: STATE })).toMatchObject({ markers: new ClusterIndex(other).markers(STATE.bbox, STATE.zoom) });
  });

  it('loads a set sent ahead without its points again, and says when it no longer holds a set asked for so', () => {
    const answers = new ClusterAnswers();
    const shown = columns(500, 3);
    const next = columns(800, 11);
    answers.answer({ type: 'load', id: 1, set: 'shown', index: 1, columns: shown, view: STATE });
    answers.answer({ type: 'index', id: 2, set: 'next', index: 1, columns: next });
    expect(answers.answer({ type: 'load', id: 3, set: 'next', index: 1, view: LOS_ANGELES })).toEqual({ type: 'loaded', id: 3, markers: new ClusterIndex(next).markers(LOS_ANGELES.bbox, LOS_ANGELES.zoom) });
    // Three newer sets later the first is let go: asked for without its points, it is missing, and the
    // markers stay those of the set loaded last until it comes again with them.
    for (let n = 0; n < 3; n++) answers.answer({ type: 'index', id: 4 + n, set: `later ${n}`, index: 1, columns: columns(100 + n, n + 20) });
    expect(answers.answer({ type: 'load', id: 7, set: 'shown', index: 1, view: STATE })).toEqual({ type: 'missing', id: 7 });
    expect(answers.answer({ type: 'markers', id: 8, view: LOS_ANGELES })).toMatchObject({ markers: new ClusterIndex(next).markers(LOS_ANGELES.bbox, LOS_ANGELES.zoom) });
    expect(answers.answer({ type: 'load', id: 9, set: 'shown', index: 1, columns: shown, view: STATE })).toMatchObject({ type: 'loaded', markers: new ClusterIndex(shown).markers(STATE.bbox, STATE.zoom) });
  });
});
