import { resolve } from 'node:path';

/** Copies of the real sample datasets kept in the repository (see test-fixtures/README.md). */
export const FIXTURES = resolve(__dirname, '..', '..', 'test-fixtures');
export const fixture = (...parts: string[]) => resolve(FIXTURES, ...parts);
