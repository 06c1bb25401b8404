/** The service worker of the driver app, from `dashboard/public/` (served as is, not bundled). */
const WORKER_URL = "/driver-sw.js";

/**
 * Registers the service worker that caches the app shell, so the installed app opens with no
 * network. Not under the `vite` dev server (it has `import.meta.hot`), where a cached shell
 * would hide every edit. (Not `import.meta.env.PROD`: a build run with NODE_ENV=test, as the
 * browser tests do, is not "production" to vite but is what the server serves.)
 */
export function registerServiceWorker(): void {
  if (import.meta.hot || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(WORKER_URL, { scope: "/driver" }).catch((error: unknown) => {
    // The app works online without it; only the offline start is lost.
    console.warn("Waybill: the offline app shell could not be installed", error);
  });
}
