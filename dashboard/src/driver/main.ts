import "./styles/driver.css";
import "maplibre-gl/dist/maplibre-gl.css";
import { startDriverApp } from "./driver-app";
import { registerServiceWorker } from "./pwa/register-service-worker";

const root = document.getElementById("app");
if (!root) throw new Error('driver.html must contain <div id="app">');
startDriverApp(root);
registerServiceWorker();
