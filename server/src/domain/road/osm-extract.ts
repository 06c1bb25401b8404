/**
 * The part of an OSM file the car profile needs, as the readers (PBF, XML) and the synthetic town
 * produce it: node coordinates, the ways that may carry cars, and turn-restriction relations.
 * Ids are OSM ids (numbers, exact below 2^53); coordinates are degrees.
 */

/** Tags of a way or relation, `key → value`. */
export type OsmTags = Readonly<Record<string, string>>;

/**
 * Node coordinates sorted by OSM id (ascending, unique), as parallel typed arrays, so a lookup is
 * a binary search and a node costs 24 bytes (no per-node object).
 *
 * @example
 * const i = findOsmNode(table, 21912089);
 * if (i >= 0) console.log(table.lng[i], table.lat[i]);
 */
export interface OsmNodeTable {
  readonly count: number;
  /** OSM ids, ascending, no duplicates. */
  readonly ids: Float64Array;
  /** Longitude of each node, degrees. */
  readonly lng: Float64Array;
  /** Latitude of each node, degrees. */
  readonly lat: Float64Array;
}

/** A way: its OSM id, its node refs in order, and its tags. */
export interface OsmWay {
  readonly id: number;
  readonly nodeRefs: readonly number[];
  readonly tags: OsmTags;
}

/** A member of a relation (`from`, `via`, `to` for restrictions). */
export interface OsmRelationMember {
  readonly type: "node" | "way" | "relation";
  readonly ref: number;
  readonly role: string;
}

/** A relation: its OSM id, tags and members. */
export interface OsmRelation {
  readonly id: number;
  readonly tags: OsmTags;
  readonly members: readonly OsmRelationMember[];
}

/** What a reader hands to {@link buildRoadGraphFromExtract}. */
export interface OsmExtract {
  readonly nodes: OsmNodeTable;
  readonly ways: readonly OsmWay[];
  readonly relations: readonly OsmRelation[];
}

/**
 * Index of the node with OSM id `id` in `table`, or -1 (binary search, O(log n)).
 *
 * @example
 * findOsmNode(table, 42); // -1 when node 42 is absent
 */
export function findOsmNode(table: OsmNodeTable, id: number): number {
  const ids = table.ids;
  let low = 0;
  let high = table.count - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const midId = ids[mid]!;
    if (midId < id) low = mid + 1;
    else if (midId > id) high = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Collects node coordinates one by one in growing typed arrays (24 bytes a node) and turns them
 * into an {@link OsmNodeTable}: sorted by id when they came unsorted, the first of duplicate ids
 * kept.
 *
 * @example
 * const nodes = new OsmNodeTableBuilder();
 * nodes.add(7, 7.42, 43.73);
 * const table = nodes.finish();
 */
export class OsmNodeTableBuilder {
  private ids = new Float64Array(1024);
  private lng = new Float64Array(1024);
  private lat = new Float64Array(1024);
  private count = 0;
  private sorted = true;

  /** Adds one node (id, longitude and latitude in degrees). */
  add(id: number, lng: number, lat: number): void {
    if (this.count === this.ids.length) this.grow();
    if (this.count > 0 && id <= this.ids[this.count - 1]!) this.sorted = false;
    this.ids[this.count] = id;
    this.lng[this.count] = lng;
    this.lat[this.count] = lat;
    this.count++;
  }

  /** Number of nodes added so far. */
  get size(): number {
    return this.count;
  }

  /** The table, trimmed to size; the builder must not be used afterwards. */
  finish(): OsmNodeTable {
    const n = this.count;
    if (this.sorted) {
      return { count: n, ids: this.ids.slice(0, n), lng: this.lng.slice(0, n), lat: this.lat.slice(0, n) };
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Stable by id, then by arrival, so the first of duplicates comes first.
    order.sort((a, b) => this.ids[a]! - this.ids[b]! || a - b);
    return this.gather(order);
  }

  private gather(order: Uint32Array): OsmNodeTable {
    const ids = new Float64Array(order.length);
    const lng = new Float64Array(order.length);
    const lat = new Float64Array(order.length);
    let count = 0;
    for (const i of order) {
      const id = this.ids[i]!;
      if (count > 0 && ids[count - 1] === id) continue;
      ids[count] = id;
      lng[count] = this.lng[i]!;
      lat[count] = this.lat[i]!;
      count++;
    }
    return { count, ids: ids.slice(0, count), lng: lng.slice(0, count), lat: lat.slice(0, count) };
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grown = (old: Float64Array) => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.ids = grown(this.ids);
    this.lng = grown(this.lng);
    this.lat = grown(this.lat);
  }
}
