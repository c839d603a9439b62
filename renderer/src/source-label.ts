import type { TFunction } from 'i18next';
import { BUNDLED_SOURCE } from '../../shared/domain';

/**
 * A source's name as screens show it: the bundled directory in the reader's language (its stored name,
 * "bundled", is a key, not words), every other source by the name it was given (a file name, a host, the
 * name `source add` gave it), which is what the desk typed or will type on the command line.
 */
export function sourceLabel(name: string, t: TFunction): string {
  return name === BUNDLED_SOURCE ? t('bundledDirectory') : name;
}
