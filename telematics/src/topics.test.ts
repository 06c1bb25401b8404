import { nativeTelemetryTopic, TELEMETRY_TOPIC_FILTERS } from "@waybill/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deviceTopicAllowed, routeTelemetryTopic, telemetryTopicFor } from "./topics";

const idSegment = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/);

describe(routeTelemetryTopic.name, () => {
  it("routes a native topic to its device", () => {
    expect(routeTelemetryTopic("waybill/v1/devices/van-7/telemetry")).toEqual({
      format: "native",
      deviceId: "van-7",
    });
  });

  it("routes an OwnTracks topic to the device user/device", () => {
    expect(routeTelemetryTopic("owntracks/alice/pixel7")).toEqual({
      format: "owntracks",
      deviceId: "alice/pixel7",
    });
  });

  it("routes every topic built by nativeTelemetryTopic from a valid id back to that id", () => {
    fc.assert(
      fc.property(idSegment, (id) => {
        expect(routeTelemetryTopic(nativeTelemetryTopic(id))).toEqual({ format: "native", deviceId: id });
      }),
    );
  });

  it("refuses extra or missing levels, empty segments, wildcards, bad characters and other roots", () => {
    const refused = [
      "waybill/v1/devices/van-7/telemetry/extra",
      "waybill/v1/devices//telemetry",
      "waybill/v1/devices/+/telemetry",
      "waybill/v1/devices/#",
      "waybill/v2/devices/van-7/telemetry",
      "waybill/v1/devices/van 7/telemetry",
      `waybill/v1/devices/${"a".repeat(65)}/telemetry`,
      "owntracks/alice/pixel7/event",
      "owntracks/alice/pixel7/cmd",
      "owntracks/alice",
      "owntracks//pixel7",
      "owntracks/+/+",
      "owntracks/alice/é",
      "/owntracks/alice/pixel7",
      "OwnTracks/alice/pixel7",
      "",
      ...TELEMETRY_TOPIC_FILTERS,
    ];
    for (const topic of refused) expect(routeTelemetryTopic(topic), topic).toBeNull();
  });
});

describe(deviceTopicAllowed.name, () => {
  it("lets a device publish on its own native topic only", () => {
    expect(deviceTopicAllowed("van-7", "waybill/v1/devices/van-7/telemetry")).toBe(true);
    expect(deviceTopicAllowed("van-7", "waybill/v1/devices/van-8/telemetry")).toBe(false);
    expect(deviceTopicAllowed("van-7", "owntracks/van-7/van-7")).toBe(false);
  });

  it("lets a user/device id publish on its OwnTracks topic only", () => {
    expect(deviceTopicAllowed("alice/pixel7", "owntracks/alice/pixel7")).toBe(true);
    expect(deviceTopicAllowed("alice/pixel7", "owntracks/bob/pixel7")).toBe(false);
    expect(deviceTopicAllowed("alice/pixel7", "waybill/v1/devices/alice/pixel7/telemetry")).toBe(false);
  });

  it("refuses topics with wildcards even for a matching id", () => {
    expect(deviceTopicAllowed("+", "waybill/v1/devices/+/telemetry")).toBe(false);
    expect(deviceTopicAllowed("alice/+", "owntracks/alice/+")).toBe(false);
  });
});

describe(telemetryTopicFor.name, () => {
  it("builds the topic a device publishes on in each format", () => {
    expect(telemetryTopicFor("native", "van-7")).toBe("waybill/v1/devices/van-7/telemetry");
    expect(telemetryTopicFor("owntracks", "alice/pixel7")).toBe("owntracks/alice/pixel7");
  });

  it("throws for an id the format cannot carry, naming the id", () => {
    expect(() => telemetryTopicFor("owntracks", "van-7")).toThrow(
      'device id "van-7" cannot publish owntracks telemetry',
    );
    expect(() => telemetryTopicFor("native", "alice/pixel7")).toThrow(RangeError);
  });
});
