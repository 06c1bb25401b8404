import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env";

describe(loadConfig.name, () => {
  it("applies the documented defaults", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.MQTT_PORT).toBe(1884);
    expect(config.DATABASE_URL).toBe("");
    expect(config.MQTT_URL).toBe("");
    expect(config.dataDir).toMatch(/\.waybill$/);
    expect(config.WAYBILL_ADMIN_KEY).toBeUndefined();
  });

  it("treats empty optional values as unset", () => {
    expect(loadConfig({ PORT: "", WAYBILL_ADMIN_KEY: "" }).PORT).toBe(8080);
  });

  it("reports every bad value at once, naming each variable, without echoing the admin key", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", MQTT_PORT: "70000", WAYBILL_ADMIN_KEY: "short" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join("\n");
    expect(issues).toMatch(/^PORT: must be a whole number/m);
    expect(issues).toMatch(/^DATABASE_URL: must be empty or a URL starting with postgres:\/\//m);
    expect(issues).toMatch(/^MQTT_PORT: must be 0-65535/m);
    expect(issues).toMatch(/^WAYBILL_ADMIN_KEY: must be at least 24 characters/m);
    expect(issues).not.toContain("short");
  });

  it("gives each instance of a share group its own MQTT client id unless one is set", () => {
    const alone = loadConfig({ PORT: "8081" }).MQTT_CLIENT_ID;
    expect(alone).toMatch(/^waybill-ingest-/);
    expect(loadConfig({ PORT: "8081", MQTT_SHARE_GROUP: "ingest" }).MQTT_CLIENT_ID).toBe(`${alone}-8081`);
    expect(loadConfig({ MQTT_SHARE_GROUP: "ingest", MQTT_CLIENT_ID: "node-a" }).MQTT_CLIENT_ID).toBe(
      "node-a",
    );
  });

  it("turns live matching on by default and validates it and the learned speeds' refresh", () => {
    expect(loadConfig({})).toMatchObject({ LIVE_MATCHING: true, LEARNED_SPEEDS_REFRESH_SECONDS: 300 });
    expect(loadConfig({ LIVE_MATCHING: "off" }).LIVE_MATCHING).toBe(false);
    expect(() => loadConfig({ LIVE_MATCHING: "yes", LEARNED_SPEEDS_REFRESH_SECONDS: "0" })).toThrow(
      /LIVE_MATCHING: must be on or off \(got "yes"\)[\s\S]*LEARNED_SPEEDS_REFRESH_SECONDS: /,
    );
  });

  it("returns a frozen object", () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
