import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** `../shared` beside the repository (CI has it; a laptop may not). */
export const SHARED = join(ROOT, '..', 'shared');
export const SEED = join(SHARED, 'seeds', '000_a55e73ebcac163b5.txt');
export const haveShared = existsSync(join(SHARED, 'data'));
export const haveSeed = existsSync(SEED);
export const SKIP_SHARED = 'SKIPPED: ../shared/data is not beside the repository';
