/**
 * Branded identifiers. A brand makes a `VehicleId` and a `DeviceId` incompatible at compile time
 * although both are strings on the wire.
 *
 * @example
 * const id = asVehicleId("veh_01");
 */
declare const brand: unique symbol;

/** A string with a compile-time tag. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Organisation (tenant) id. Every stored row belongs to exactly one. */
export type OrganisationId = Brand<string, "OrganisationId">;
/** Vehicle id, issued by the server. */
export type VehicleId = Brand<string, "VehicleId">;
/** Device id: the telematics unit's own identifier (MQTT username, topic segment). */
export type DeviceId = Brand<string, "DeviceId">;
/** User id, issued by the server. */
export type UserId = Brand<string, "UserId">;

/** Tags a string as a {@link VehicleId}. */
export const asVehicleId = (value: string): VehicleId => value as VehicleId;
/** Tags a string as a {@link DeviceId}. */
export const asDeviceId = (value: string): DeviceId => value as DeviceId;
/** Tags a string as an {@link OrganisationId}. */
export const asOrganisationId = (value: string): OrganisationId => value as OrganisationId;
/** Tags a string as a {@link UserId}. */
export const asUserId = (value: string): UserId => value as UserId;
