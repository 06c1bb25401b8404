export * from "./contracts/http/auth.schema";
export * from "./contracts/http/vehicles.schema";
export * from "./contracts/realtime";
export * from "./contracts/telemetry";
export * from "./errors";
export * from "./geo";
export * from "./ids";
export * from "./units";
