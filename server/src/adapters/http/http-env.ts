import type { Principal } from "../db/repositories/identity.repository";

/** Hono environment of the API: what middleware puts on the context. */
export interface HttpEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
