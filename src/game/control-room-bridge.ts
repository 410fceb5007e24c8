import type { MapPoint } from '../domain/map-geometry';
import type { LocationArea } from '../domain/scenario-schema';

export type MapZoom = 'in' | 'out' | 'fit-area' | 'fit-county';

/**
 * Every message between the React panel and the map scene, by name. `map.*` messages to the
 * scene are commands; `scene.*` and the scene's `map.*` reports describe what the trainee did on
 * the map or what it shows. Points are always county metres (east, north), never pixels.
 */
export interface ControlRoomEvents {
  /** To the scene: show (or, with null, hide) the location feed's area (the scenario's `callContext.locationArea`). */
  'map.showArea': LocationArea | null;
  /** To the scene: draw the trainee's pin (null removes it). */
  'map.setPin': MapPoint | null;
  /** To the scene: zoom one step, or fit the feed area or the whole county. */
  'map.zoom': MapZoom;
  /** From the scene: it has drawn the county and listens for commands. */
  'scene.ready': undefined;
  /** From the scene: the trainee clicked or tapped the map at this point. */
  'map.pinned': MapPoint;
  /** From the scene: the pointer is over this point, or has left the map (null). */
  'map.pointer': MapPoint | null;
  /** From the scene: the view changed; how many metres one canvas pixel covers, and the point at the canvas centre. */
  'map.view': { readonly metresPerPixel: number; readonly centre: MapPoint };
}

export type ControlRoomEventName = keyof ControlRoomEvents;
type Handler<E extends ControlRoomEventName> = (payload: ControlRoomEvents[E]) => void;

export interface ControlRoomBridge {
  /** Listens for one event; returns the function that stops exactly this listener. */
  on<E extends ControlRoomEventName>(event: E, handler: Handler<E>): () => void;
  /** Calls every current listener of the event, in the order they were added. */
  emit<E extends ControlRoomEventName>(event: E, ...payload: ControlRoomEvents[E] extends undefined ? [] : [ControlRoomEvents[E]]): void;
}

/**
 * The one channel between React and the Phaser map: typed by {@link ControlRoomEvents}, with no
 * dependency on either side. A listener that throws does not stop the others: its error goes to
 * `onListenerError`, which by default rethrows it asynchronously so it still reaches the console.
 */
export function createControlRoomBridge({
  onListenerError = (error: unknown) =>
    queueMicrotask(() => {
      throw error;
    }),
}: { onListenerError?: (error: unknown) => void } = {}): ControlRoomBridge {
  const listeners = new Map<ControlRoomEventName, Set<(payload: unknown) => void>>();
  return {
    on(event, handler) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      // emit() only ever passes this event's payload type, so the listener can narrow it. The
      // wrapper also makes the same function added twice two listeners, each removed by its own call.
      const listener = (payload: unknown) => handler(payload as ControlRoomEvents[typeof event]);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(event, ...payload) {
      const set = listeners.get(event);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(payload[0]);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
