import { EdgeList } from "./edge-list";
import type { RestrictedTurn } from "./restriction-rules";

/** A turn restriction resolved to graph terms: way indices instead of OSM ids. */
export interface NodeTurnRule {
  readonly kind: "no" | "only";
  readonly turn: RestrictedTurn;
  /** Way indices a car arrives on. */
  readonly fromWays: ReadonlySet<number>;
  /** Way indices a car may not (`no`) or must (`only`) leave on. */
  readonly toWays: ReadonlySet<number>;
}

/** The edges after splitting, and which original node each node stands for. */
export interface SplitResult {
  readonly edges: EdgeList;
  /** For each node of the result, the node it copies (itself for the originals). */
  readonly nodeOrigin: Uint32Array;
  /** Copies added (the result has `nodeCount + addedNodeCount` nodes). */
  readonly addedNodeCount: number;
}

/** One state of a split via node: the node standing for it and the edges allowed to leave it. */
interface ViaCopy {
  readonly node: number;
  readonly allowed: ReadonlySet<number>;
}

/**
 * Honours turn restrictions by node splitting. Each restricted via node is replaced by one copy per
 * distinct set of allowed exits: an incoming edge is redirected to the copy whose exits are those
 * allowed after arriving on it (`no_*`: all but the "to" way's edges; `only_*`: only those; several
 * rules at one node combine). Incoming edges with the same allowed set share a copy, so the
 * unrestricted approaches share one copy with every exit; the copy with the most exits keeps the
 * original node number, the others get new numbers and keep its OSM id and coordinates (via
 * `nodeOrigin`).
 * Edges leaving the via node are duplicated onto every copy that allows them.
 *
 * When the "from" and "to" way are the same, a `u_turn` rule targets only the edge back to where
 * the car came from, and any other turn kind only the edges continuing elsewhere.
 *
 * @example
 * const { edges: split, nodeOrigin } = splitRestrictedNodes(edges, nodeCount, new Map([[via, [rule]]]));
 */
export function splitRestrictedNodes(
  edges: EdgeList,
  nodeCount: number,
  rulesByNode: ReadonlyMap<number, readonly NodeTurnRule[]>,
): SplitResult {
  const { incoming, outgoing } = collectViaEdges(edges, rulesByNode);
  const copies = new Map<number, ViaCopy[]>();
  const arrivalNode = new Map<number, number>();
  const origins: number[] = [];
  for (const [via, rules] of rulesByNode) {
    const groups = groupArrivals(edges, incoming.get(via) ?? [], outgoing.get(via) ?? [], rules);
    const viaCopies = groups.map(({ allowed, arrivals }, k) => {
      const node = k === 0 ? via : nodeCount + origins.length;
      if (k > 0) origins.push(via);
      for (const e of arrivals) arrivalNode.set(e, node);
      return { node, allowed: new Set(allowed) };
    });
    if (viaCopies.length > 0) copies.set(via, viaCopies);
  }
  const nodeOrigin = new Uint32Array(nodeCount + origins.length);
  for (let v = 0; v < nodeCount; v++) nodeOrigin[v] = v;
  nodeOrigin.set(origins, nodeCount);
  return { edges: rewireEdges(edges, copies, arrivalNode), nodeOrigin, addedNodeCount: origins.length };
}

/**
 * Incoming edges grouped by the exits they allow, the group with the most exits first (it keeps
 * the original node number, so an unrestricted approach stays on the original node).
 */
function groupArrivals(
  edges: EdgeList,
  incoming: readonly number[],
  exits: readonly number[],
  rules: readonly NodeTurnRule[],
): { allowed: number[]; arrivals: number[] }[] {
  const groups = new Map<string, { allowed: number[]; arrivals: number[] }>();
  for (const e of incoming) {
    const allowed = allowedExits(edges, e, exits, rules);
    const key = allowed.join(",");
    const group = groups.get(key);
    if (group) group.arrivals.push(e);
    else groups.set(key, { allowed, arrivals: [e] });
  }
  return [...groups.values()].sort((a, b) => b.allowed.length - a.allowed.length);
}

function collectViaEdges(edges: EdgeList, rulesByNode: ReadonlyMap<number, unknown>) {
  const incoming = new Map<number, number[]>();
  const outgoing = new Map<number, number[]>();
  const push = (map: Map<number, number[]>, node: number, e: number) => {
    const list = map.get(node);
    if (list) list.push(e);
    else map.set(node, [e]);
  };
  for (let e = 0; e < edges.count; e++) {
    if (rulesByNode.has(edges.target[e]!)) push(incoming, edges.target[e]!, e);
    if (rulesByNode.has(edges.source[e]!)) push(outgoing, edges.source[e]!, e);
  }
  return { incoming, outgoing };
}

/** The exits (edge indices, ascending) allowed after arriving on edge `e`. */
function allowedExits(
  edges: EdgeList,
  e: number,
  exits: readonly number[],
  rules: readonly NodeTurnRule[],
): number[] {
  let allowed = [...exits];
  for (const rule of rules) {
    if (!rule.fromWays.has(edges.way[e]!)) continue;
    const isTarget = (o: number) => isRuleTarget(edges, e, o, rule);
    allowed = rule.kind === "no" ? allowed.filter((o) => !isTarget(o)) : allowed.filter(isTarget);
  }
  return allowed;
}

function isRuleTarget(edges: EdgeList, e: number, o: number, rule: NodeTurnRule): boolean {
  const way = edges.way[o]!;
  if (!rule.toWays.has(way)) return false;
  if (way !== edges.way[e]) return true;
  const backToStart = edges.target[o] === edges.source[e];
  return rule.turn === "u_turn" ? backToStart : !backToStart;
}

function rewireEdges(
  edges: EdgeList,
  copies: ReadonlyMap<number, readonly ViaCopy[]>,
  arrivalNode: ReadonlyMap<number, number>,
): EdgeList {
  const result = new EdgeList();
  for (let e = 0; e < edges.count; e++) {
    const source = edges.source[e]!;
    const target = arrivalNode.get(e) ?? edges.target[e]!;
    const sourceCopies = copies.get(source);
    if (!sourceCopies) {
      result.addCopy(edges, e, source, target);
      continue;
    }
    for (const copy of sourceCopies) if (copy.allowed.has(e)) result.addCopy(edges, e, copy.node, target);
  }
  return result;
}
