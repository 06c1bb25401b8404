import { DISPATCH_NAMESPACE, type ProposalDto } from "@waybill/shared";
import { io, type Socket } from "socket.io-client";

/** A dispatcher's `/dispatch` socket and the proposals it announced, each with when it came. */
export interface DispatcherListener {
  readonly socket: Socket;
  readonly announced: { proposal: ProposalDto; at: number }[];
}

/** Connects to `/dispatch` with an admin or dispatcher key and records every `proposal:created`. Close it after the test. */
export async function listenAsDispatcher(url: string, token: string): Promise<DispatcherListener> {
  const socket = io(`${url}${DISPATCH_NAMESPACE}`, { auth: { token }, transports: ["websocket"] });
  const announced: DispatcherListener["announced"] = [];
  socket.on("proposal:created", (proposal: ProposalDto) => announced.push({ proposal, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, announced };
}
