import type { EventActor } from "@waybill/shared";
import type { Principal } from "../db/repositories/identity.repository";

/** The timeline's actor for an authenticated caller: a person (driver or not) or an integration key. */
export function actorOf(principal: Principal): EventActor {
  if (principal.kind === "api_key") return { kind: "api_key", id: principal.id };
  return { kind: principal.role === "driver" ? "driver" : "user", id: principal.id };
}
