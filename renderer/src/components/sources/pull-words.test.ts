import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { SourcePullSummary } from '../../../../shared/domain';
import { resources } from '../../i18n';
import { pullResultText, removalsToConfirm, resultOfSummary } from './pull-words';

const t = i18next.createInstance();
void t.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
const es = t.cloneInstance({ lng: 'es' });
const summary = (over: Partial<SourcePullSummary>): SourcePullSummary => ({ ok: true, source: 'county', added: 0, changed: 0, removed: 0, quarantined: [], errors: [], warnings: [], ...over });

describe("a pull's outcome in words", () => {
  it('counts what changed, in either language, the left-out services included', () => {
    const r = resultOfSummary(summary({ added: 12, changed: 3, removed: 1, quarantined: [{ id: 'a', reason: 'x' }, { id: 'b', reason: 'y' }] }));
    expect(pullResultText(r, t.t)).toBe('12 added, 3 changed, 1 removed, 2 left out');
    expect(pullResultText({ ...r, added: 12_000 }, es.t)).toBe('añadidos: 12.000, cambiados: 3, quitados: 1, excluidos: 2');
  });
  it("says main's sentence when the pull failed", () => {
    const r = resultOfSummary(summary({ ok: false, errors: ['The HSDS API at 127.0.0.1:9 answered with an internal error (500). Nothing was changed.'] }));
    expect(pullResultText(r, t.t)).toBe('The HSDS API at 127.0.0.1:9 answered with an internal error (500). Nothing was changed.');
  });
  it('words a pull refused for want of a yes to its removals as the screen asks it, not as the command line does', () => {
    const r = resultOfSummary(summary({ ok: false, removed: 67, errors: ['The pull was not applied. This would remove 67 of the 70 services it replaces, more than half of them, so it needs an explicit yes: pull again with --allow-removals if that is what you mean. Nothing was changed.'] }));
    expect(pullResultText(r, t.t)).toBe('Not applied: it would remove 67 services, more than half of this source. Pull now asks before it does. Nothing was changed.');
  });
  it('asks before removals only for the refusal that carries its counts', () => {
    expect(removalsToConfirm(summary({ ok: false, removed: 3, errors: ['The pull was not applied. This would remove 3 of the 5 …'] }), 5)).toEqual({ removed: 3, installed: 5 });
    expect(removalsToConfirm(summary({ ok: false, errors: ['The server at x answered 500.'] }), 5)).toBeNull();
    expect(removalsToConfirm(summary({ removed: 1 }), 5)).toBeNull();
  });
});
