/** Where a stop was dropped: the route (null: left out) and the slot in it as the list shows it. */
export interface DropTarget {
  readonly vehicleId: string | null;
  readonly slot: number;
}

/** Drag payload type of a plan stop. */
const STOP_MIME = "application/x-waybill-stop";

/**
 * Lets the stops of a plan review be dragged onto a route card: rows with `data-stop-id` are the
 * draggables, cards (`.route-card`) hold a list with `data-drop-vehicle` (empty: left out). A drop
 * on a row lands before it, or after it past its middle; elsewhere on a card, at the end.
 *
 * @example
 * listenForStopDrops(review, (stopId, target) => send(dropToMove(plan, stopId, target.vehicleId, target.slot)));
 */
export function listenForStopDrops(
  root: HTMLElement,
  onDrop: (stopId: string, target: DropTarget) => void,
): void {
  root.addEventListener("dragstart", (event) => {
    const stopId = (event.target as HTMLElement).closest<HTMLElement>("[data-stop-id]")?.dataset.stopId;
    if (!stopId || !event.dataTransfer) return;
    event.dataTransfer.setData(STOP_MIME, stopId);
    event.dataTransfer.effectAllowed = "move";
  });
  root.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes(STOP_MIME) || !(event.target as Element).closest(".route-card"))
      return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  });
  root.addEventListener("drop", (event) => {
    const stopId = event.dataTransfer?.getData(STOP_MIME);
    const target = dropTarget(event);
    if (!stopId || !target) return;
    event.preventDefault();
    onDrop(stopId, target);
  });
}

function dropTarget(event: DragEvent): DropTarget | null {
  const card = (event.target as Element).closest<HTMLElement>(".route-card");
  const list = card?.querySelector<HTMLElement>("[data-drop-vehicle]");
  if (!list) return null;
  const vehicleId = list.dataset.dropVehicle || null;
  const rows = [...list.querySelectorAll<HTMLElement>(":scope > [data-stop-id]")];
  const row = (event.target as Element).closest<HTMLElement>("[data-stop-id]");
  if (!row || !rows.includes(row)) return { vehicleId, slot: rows.length };
  const box = row.getBoundingClientRect();
  return { vehicleId, slot: rows.indexOf(row) + (event.clientY > box.top + box.height / 2 ? 1 : 0) };
}
