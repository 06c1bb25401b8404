import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ProvisioningError, provisionVehicles } from "./vehicle-provisioning";

interface SeenRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

let server: Server | undefined;

/** A real HTTP server on port 0 answering each request with `answer(body)`. */
async function startApi(answer: (body: { deviceId: string }) => [number, unknown]) {
  const seen: SeenRequest[] = [];
  server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request));
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      body,
    });
    const [status, json] = answer(body);
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { apiUrl: `http://127.0.0.1:${port}/`, seen };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe(provisionVehicles.name, () => {
  it("creates each vehicle with a bearer key and returns the issued secrets", async () => {
    const { apiUrl, seen } = await startApi(({ deviceId }) => [
      201,
      { id: `veh_${deviceId}`, deviceId, deviceSecret: `s-${deviceId}` },
    ]);
    const vehicles = [
      { name: "Sim van 1", deviceId: "sim-1" },
      { name: "Sim van 2", deviceId: "sim-2" },
    ];
    expect(await provisionVehicles({ apiUrl, apiKey: "k3y" }, vehicles)).toEqual([
      { deviceId: "sim-1", secret: "s-sim-1" },
      { deviceId: "sim-2", secret: "s-sim-2" },
    ]);
    expect(seen).toEqual(
      vehicles.map((body) => ({
        method: "POST",
        url: "/api/v1/vehicles",
        authorization: "Bearer k3y",
        body,
      })),
    );
  });

  it("explains on 409 that the secret cannot be learnt and what to do instead", async () => {
    const { apiUrl } = await startApi(() => [409, { code: "conflict" }]);
    const failure = provisionVehicles({ apiUrl, apiKey: "k" }, [{ name: "Sim van 3", deviceId: "sim-3" }]);
    await expect(failure).rejects.toThrow(ProvisioningError);
    await expect(failure).rejects.toThrow(
      /device id sim-3 already exists.*cannot learn it.*--credentials.*--prefix/s,
    );
  });

  it("reports another failure status with the device and the body", async () => {
    const { apiUrl } = await startApi(() => [401, { code: "unauthenticated" }]);
    const failure = provisionVehicles({ apiUrl, apiKey: "bad" }, [{ name: "Sim van 1", deviceId: "sim-1" }]);
    await expect(failure).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("sim-1 answered 401"),
    });
  });

  it("refuses a 201 without a device secret", async () => {
    const { apiUrl } = await startApi(({ deviceId }) => [201, { id: "veh_1", deviceId }]);
    await expect(
      provisionVehicles({ apiUrl, apiKey: "k" }, [{ name: "n", deviceId: "sim-1" }]),
    ).rejects.toThrow("creating sim-1 returned no deviceSecret");
  });
});
