/**
 * The conformance corpora live in `../shared` beside the repository (on a developer machine
 * and in CI alike); they are read there at test time, never copied into the repository.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared');
export const OPA_CASES_ROOT = join(SHARED_DIR, 'opa-conformance', 'cases');
export const REGORUS_CASES_ROOT = join(SHARED_DIR, 'regorus-cases', 'cases');

/** False when `../shared` is absent: corpus-driven specs then say so and skip. */
export const SHARED_CORPORA_PRESENT = existsSync(OPA_CASES_ROOT) && existsSync(REGORUS_CASES_ROOT);
