// Public API of @waybill/telematics. Test helpers (expect-plausible-report, connect-recording-proxy,
// mqtt-test-broker) are deliberately not re-exported: they import vitest or open sockets.

export { DecodeError } from "./decoders/decode-error";
export type {
  DecodedMessage,
  Decoder,
  DecoderInput,
  ReportReject,
  TelemetryFormat,
} from "./decoders/decoder";
export { decoderFor } from "./decoders/decoders";
export { decodeNative, MAX_NATIVE_ATTRS_BYTES, MAX_NATIVE_BATCH_FIXES } from "./decoders/native.decoder";
export { decodeOwnTracks } from "./decoders/owntracks.decoder";
export * from "./ingest/ack-queue";
export * from "./ingest/mqtt-ingest-session";
export {
  type DemoRouteOptions,
  type DemoStreetGrid,
  type DemoStreetProperties,
  demoStreetGrid,
  generateDemoRoutes,
} from "./simulator/demo-routes";
export {
  type FleetCounters,
  type FleetSimulatorHandle,
  type FleetSimulatorOptions,
  type FleetVehicle,
  startFleetSimulator,
} from "./simulator/fleet-simulator";
export { createRouteWalker, type RoutePosition, type RouteWalker } from "./simulator/route-walker";
export {
  parseSimulateArgs,
  runSimulateCommand,
  SIMULATE_USAGE,
  type SimulateArgs,
  type SimulateIo,
} from "./simulator/simulate.command";
export type { DeviceCredentials } from "./simulator/simulate-inputs";
export { UsageError } from "./simulator/usage-error";
export { ProvisioningError } from "./simulator/vehicle-provisioning";
export { deviceTopicAllowed, routeTelemetryTopic, type TelemetryRoute, telemetryTopicFor } from "./topics";
