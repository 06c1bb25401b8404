import "maplibre-gl/dist/maplibre-gl.css";
import "./styles/base.css";
import "./styles/sign-in.css";
import "./styles/dispatch.css";
import "./styles/vehicle-list.css";
import "./styles/panels.css";
import "./styles/replay.css";
import "./styles/closures.css";
import "./styles/proposals.css";
import { startApp } from "./app/app-shell";

const root = document.getElementById("app");
if (!root) throw new Error('index.html must contain <div id="app">');
startApp(root);
