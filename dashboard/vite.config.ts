import { defineConfig, loadEnv } from "vite";

/**
 * Production build goes to `dist/`, served by the server at `/`. In dev (`vite`), API and socket.io
 * calls are proxied to `WAYBILL_API_URL` (default http://127.0.0.1:3000) so the page stays same-origin.
 */
export default defineConfig(({ mode }) => {
  const apiUrl = loadEnv(mode, ".", "WAYBILL_").WAYBILL_API_URL ?? "http://127.0.0.1:3000";
  return {
    base: "/",
    // Three pages (paths from the project root): the dispatcher console, the customer's tracking
    // page, served at /track/{token}, which must not load the console, and the driver's app at /driver.
    input: { index: "index.html", track: "track.html", driver: "driver.html" },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      sourcemap: true,
      // maplibre-gl alone is ~1 MB minified; it is one cacheable chunk, not a regression to warn about.
      chunkSizeWarningLimit: 1500,
    },
    server: {
      proxy: {
        "/api": { target: apiUrl, changeOrigin: true },
        "/socket.io": { target: apiUrl, ws: true, changeOrigin: true },
      },
    },
  };
});
