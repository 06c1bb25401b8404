import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/api-error";
import { Outbox } from "./outbox";
import type { OutboxAction } from "./outbox-action";
import { MemoryOutboxStore } from "./outbox-store";

const arrived = (stopId: string): OutboxAction => ({
  kind: "stop-status",
  stopId,
  body: { status: "arrived" },
});
const offline = () => new ApiError(0, null, "Cannot reach the Waybill server.");

/** An outbox whose server answers with the queued responses in turn (undefined: accepted). */
function outboxAnswering(answers: (ApiError | undefined)[], store = new MemoryOutboxStore()) {
  const sent: OutboxAction[] = [];
  const send = vi.fn(async (action: OutboxAction) => {
    const answer = answers.shift();
    if (answer) throw answer;
    sent.push(action);
  });
  const outbox = new Outbox({ store, send, onChange: () => undefined, random: () => 1 });
  return { outbox, sent, send, store };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe(Outbox.name, () => {
  it("sends actions in the order they were made", async () => {
    const { outbox, sent } = outboxAnswering([]);
    await outbox.enqueue(arrived("a"), "Arrived: A");
    await outbox.enqueue(arrived("b"), "Arrived: B");
    await vi.runAllTimersAsync();
    expect(sent).toEqual([arrived("a"), arrived("b")]);
    expect(outbox.pending()).toEqual([]);
  });

  it("keeps later actions behind a head that waits for the network, then sends all in order", async () => {
    const { outbox, sent, send } = outboxAnswering([offline(), offline()]);
    await outbox.enqueue(arrived("a"), "Arrived: A");
    await outbox.enqueue(arrived("b"), "Arrived: B");
    expect(outbox.pending()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(sent).toEqual([arrived("a"), arrived("b")]);
  });

  it("retries at once when asked, without waiting for the backoff", async () => {
    const { outbox, sent } = outboxAnswering([offline()]);
    await outbox.enqueue(arrived("a"), "Arrived: A");
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);
    outbox.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([arrived("a")]);
  });

  it("drops an action the server refuses, keeps the reason and goes on with the next", async () => {
    const refused = new ApiError(409, null, "Stop s1 is completed; it cannot become arrived.");
    const { outbox, sent } = outboxAnswering([refused]);
    await outbox.enqueue(arrived("a"), "Arrived: A");
    await outbox.enqueue(arrived("b"), "Arrived: B");
    await vi.runAllTimersAsync();
    expect(sent).toEqual([arrived("b")]);
    expect(outbox.rejections()).toMatchObject([
      { entry: { label: "Arrived: A" }, reason: "Stop s1 is completed; it cannot become arrived." },
    ]);
    outbox.dismiss(outbox.rejections()[0]!.entry.id);
    expect(outbox.rejections()).toEqual([]);
  });

  it("counts a retry that finds its work done as sent, not refused", async () => {
    const problem = {
      type: "about:blank",
      title: "Conflict",
      status: 409,
      code: "conflict",
      currentState: "arrived",
    } as const;
    const { outbox, sent } = outboxAnswering([new ApiError(409, problem, "Stop s1 is arrived.")]);
    await outbox.enqueue(arrived("a"), "Arrived: A");
    await outbox.enqueue(arrived("b"), "Arrived: B");
    await vi.runAllTimersAsync();
    expect(outbox.rejections()).toEqual([]);
    expect(sent).toEqual([arrived("b")]);
  });

  it("keeps everything on an expired session for the next sign-in", async () => {
    const { outbox, sent, store } = outboxAnswering([new ApiError(401, null, "Sign in again.")]);
    await outbox.enqueue(arrived("a"), "Arrived: A");
    await outbox.enqueue(arrived("b"), "Arrived: B");
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
    expect((await store.load()).map((entry) => entry.label)).toEqual(["Arrived: A", "Arrived: B"]);
  });

  it("sends what an earlier session left in the store", async () => {
    const store = new MemoryOutboxStore();
    await store.add({ action: arrived("a"), label: "Arrived: A", queuedAt: 0 });
    const { outbox, sent } = outboxAnswering([], store);
    await outbox.start();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([arrived("a")]);
    expect(await store.load()).toEqual([]);
  });
});
