export * from "./organisations.table";
export * from "./positions.table";
export * from "./rejected-telemetry.table";
export * from "./road-closures.table";
export * from "./users.table";
export * from "./vehicles.table";
