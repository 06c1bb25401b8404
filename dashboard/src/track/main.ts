import "./track.css";
import { tokenFromPath } from "./tracking-api";
import { startTrackingPage } from "./tracking-page";

const main = document.getElementById("track-main");
const reference = document.getElementById("track-reference");
if (!main || !reference) throw new Error("track.html must contain #track-main and #track-reference");
startTrackingPage({ main, reference }, tokenFromPath(location.pathname));
