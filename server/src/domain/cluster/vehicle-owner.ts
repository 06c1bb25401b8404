/**
 * The instance that evaluates a vehicle's fixes (live tracking), among the live instances of a
 * cluster: rendezvous (highest random weight) hashing. Every instance computes the same answer
 * from the same member list, with no coordination; when a member leaves, only its vehicles move
 * (each to the member that scored second for it), and when one joins it takes about 1/N of the
 * vehicles, from every other member alike. Members may be listed in any order.
 *
 * @example
 * ownerOf("veh_1", ["a", "b"]); // "a" or "b", the same on every instance
 * ownerOf("veh_1", ["a"]); // "a"
 */
export function ownerOf(vehicleId: string, members: readonly string[]): string {
  let owner = members[0];
  if (owner === undefined) throw new RangeError("ownerOf: the member list is empty");
  let best = weightOf(owner, vehicleId);
  for (let i = 1; i < members.length; i++) {
    const member = members[i] as string;
    const weight = weightOf(member, vehicleId);
    if (weight > best || (weight === best && member < owner)) {
      owner = member;
      best = weight;
    }
  }
  return owner;
}

/**
 * A member's weight for a vehicle: a 32-bit hash of both (FNV-1a over the UTF-16 code units, then
 * MurmurHash3's finaliser so that ids differing in their last characters spread over every bit).
 * Pure and the same on every platform.
 */
function weightOf(member: string, vehicleId: string): number {
  let hash = 0x811c9dc5;
  hash = mix(hash, member);
  hash = Math.imul(hash ^ 0, 0x01000193); // a separator: ("ab","c") and ("a","bc") differ
  hash = mix(hash, vehicleId);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
