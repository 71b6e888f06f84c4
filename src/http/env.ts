import type { Principal } from '../core/tenancy.ts';

/** Hono's typed context variables of Cairn's app. */
export interface AppEnv {
  Variables: {
    principal: Principal;
  };
}
