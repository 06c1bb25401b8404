/** Response types of the API the dashboard reads; the contracts live in `@waybill/shared`. */
export type { MeDto, StreetFeature, StreetsCollection } from "@waybill/shared";
