import { useEffect, useEffectEvent, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { PinnedLocation } from '../../domain/call-response-schema';
import type { CountyGazetteer } from '../../domain/county-gazetteer-schema';
import type { MapPoint } from '../../domain/map-geometry';
import type { LocationArea, LocationAreaKind } from '../../domain/scenario-schema';
import { decodeThreeWordCode } from '../../domain/three-word-code';
import { createControlRoomBridge, type MapZoom } from '../../game/control-room-bridge';
import { gazetteerPlaces, searchPlaces, type GazetteerPlace } from '../../game/gazetteer-places';

/** A pin as the panel reports it: the call records it with the time (`PinnedLocation.atMs`). */
export type LocationPin = Omit<PinnedLocation, 'atMs'>;

export interface LocationPanelProps {
  readonly gazetteer: CountyGazetteer;
  /** The location feed's area (the scenario's `callContext.locationArea`); compared by value, so a fresh object each render is fine. */
  readonly area?: LocationArea;
  /** Every pin, whichever way it was made. */
  readonly onPin: (location: LocationPin) => void;
  /** The trainee cleared their pin. */
  readonly onClearPin?: () => void;
}

/** What the feed's circle on the map means, by kind of feed. */
const FEED_ON_MAP: Record<LocationAreaKind, (radius: string) => string> = {
  'mobile-cell': (radius) => `On the map: the shaded circle with a dashed edge, radius ~${radius} m. A cell area is approximate: the caller can be anywhere in it.`,
  'handset-fix': (radius) => `On the map: the shaded circle, radius ~${radius} m, around the handset's reported position.`,
  'landline-address': (radius) => `On the map: the shaded circle, radius ~${radius} m, around the address the line is registered to.`,
};

const metres = (value: number) => Math.round(value).toLocaleString('en-GB');
const gridReference = (point: MapPoint) => `${metres(point.x)} E ${metres(point.y)} N`;
const sameArea = (a: LocationArea | undefined, b: LocationArea | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.kind === b.kind &&
    a.label === b.label &&
    a.radiusMetres === b.radiusMetres &&
    a.centre.x === b.centre.x &&
    a.centre.y === b.centre.y);

type MapStatus = { readonly status: 'loading' } | { readonly status: 'ready' } | { readonly status: 'failed'; readonly message: string };

/**
 * Caller location (ux.md §5.1 panel A): the location feed, and three equivalent ways to pin where
 * the caller is: search the gazetteer, type a three-word code, or click the map. The map (Phaser,
 * loaded lazily) only shows and points; every decision is also a labelled DOM control.
 */
export function LocationPanel({ gazetteer, area, onPin, onClearPin }: LocationPanelProps) {
  const ids = useId();
  const [bridge] = useState(createControlRoomBridge);
  const [pinned, setPinned] = useState<LocationPin | null>(null);
  const [mapStatus, setMapStatus] = useState<MapStatus>({ status: 'loading' });
  const [pointer, setPointer] = useState<MapPoint | null>(null);
  const [view, setView] = useState<{ metresPerPixel: number; centre: MapPoint } | null>(null);
  // The area as last seen by value, so a parent that rebuilds the object each render does not refit the map.
  const [shownArea, setShownArea] = useState(area);
  if (!sameArea(area, shownArea)) setShownArea(area);

  const pin = (location: LocationPin) => {
    setPinned(location);
    onPin(location);
  };
  // The Clear pin button goes with the pin: focus moves to the search, where a keyboard user
  // pins again, rather than falling to the top of the page.
  const searchInput = useRef<HTMLInputElement>(null);
  const clearPin = () => {
    setPinned(null);
    onClearPin?.();
    searchInput.current?.focus();
  };

  // The map: created in a layout effect once its container exists, destroyed on unmount. Phaser
  // is a separate chunk, fetched only now.
  const mapContainer = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const parent = mapContainer.current;
    if (!parent) return;
    let game: { destroy(): void } | null = null;
    let unmounted = false;
    import('../../game/create-control-room-game')
      .then(({ createControlRoomGame }) => {
        if (!unmounted) game = createControlRoomGame(parent, gazetteer, bridge);
      })
      .catch((error: unknown) => {
        if (!unmounted) setMapStatus({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      unmounted = true;
      game?.destroy();
      game = null;
    };
  }, [gazetteer, bridge]);

  const onSceneReady = useEffectEvent(() => {
    setMapStatus({ status: 'ready' });
    bridge.emit('map.showArea', shownArea ?? null);
    bridge.emit('map.setPin', pinned?.point ?? null);
  });
  const onMapPinned = useEffectEvent((point: MapPoint) => pin({ point, method: 'map', label: `Map point ${gridReference(point)}` }));
  useEffect(() => {
    const stop = [
      bridge.on('scene.ready', () => onSceneReady()),
      bridge.on('map.pinned', (point) => onMapPinned(point)),
      bridge.on('map.pointer', setPointer),
      bridge.on('map.view', setView),
    ];
    return () => stop.forEach((unsubscribe) => unsubscribe());
  }, [bridge]);
  useEffect(() => bridge.emit('map.showArea', shownArea ?? null), [bridge, shownArea]);
  useEffect(() => bridge.emit('map.setPin', pinned?.point ?? null), [bridge, pinned]);

  const zoom = (to: MapZoom) => bridge.emit('map.zoom', to);
  const mapReady = mapStatus.status === 'ready';

  return (
    <section className="location-panel" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Caller location</h2>
      {shownArea ? (
        <>
          <p className="location-feed">
            <strong>Location feed:</strong> {shownArea.label}
          </p>
          <p className="hint">{FEED_ON_MAP[shownArea.kind](metres(shownArea.radiusMetres))}</p>
        </>
      ) : (
        <p className="location-feed hint">No location feed on this call: ask the caller where they are.</p>
      )}
      <div className="pin-status">
        <p role="status">{pinned ? `Pinned: ${pinned.label}` : 'Nothing pinned yet.'}</p>
        {pinned && (
          <button type="button" className="button" onClick={clearPin}>
            Clear pin
          </button>
        )}
      </div>

      <PlaceSearch inputRef={searchInput} gazetteer={gazetteer} onPin={(place) => pin({ point: place.point, method: 'search', label: place.label })} />
      <ThreeWordCodeForm onPin={(point, code) => pin({ point, method: 'three-word-code', label: `Three-word code ///${code}` })} />

      <div className="map-area">
        <div className="map-frame">
          {/* Phaser owns this element's children (its canvas); React renders nothing inside it. */}
          <div ref={mapContainer} className="map-canvas" role="img" aria-label={`Map of ${gazetteer.county.name}: the caller's location feed and your pin`} />
          {mapStatus.status === 'loading' && <p className="map-message">Loading the map…</p>}
          {mapStatus.status === 'failed' && (
            <p className="map-message" role="alert">
              The map could not be shown ({mapStatus.message}). Use the place search or the three-word code.
            </p>
          )}
        </div>
        <p className="hint">Click the map to pin a point; drag to move it. The place search and the three-word code pin the same places.</p>
        <div className="map-controls">
          <button type="button" className="button" disabled={!mapReady} onClick={() => zoom('in')}>
            Zoom in
          </button>
          <button type="button" className="button" disabled={!mapReady} onClick={() => zoom('out')}>
            Zoom out
          </button>
          {shownArea && (
            <button type="button" className="button" disabled={!mapReady} onClick={() => zoom('fit-area')}>
              Show feed area
            </button>
          )}
          <button type="button" className="button" disabled={!mapReady} onClick={() => zoom('fit-county')}>
            Show whole county
          </button>
        </div>
        <div className="map-readouts mono">
          <p>Pointer: {pointer ? `${metres(pointer.x)} m E, ${metres(pointer.y)} m N` : 'not over the map'}</p>
          <p>Scale: {view ? `1 px ≈ ${view.metresPerPixel.toLocaleString('en-GB', { maximumFractionDigits: 2 })} m` : '…'}</p>
          <p>Centre: {view ? `${metres(view.centre.x)} m E, ${metres(view.centre.y)} m N` : '…'}</p>
        </div>
      </div>
    </section>
  );
}

/** "Search places": matches as you type, shown as a list of pin buttons (arrow keys move through them). */
function PlaceSearch({
  gazetteer,
  onPin,
  inputRef,
}: {
  gazetteer: CountyGazetteer;
  onPin: (place: GazetteerPlace) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const ids = useId();
  const places = useMemo(() => gazetteerPlaces(gazetteer), [gazetteer]);
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchPlaces(places, query), [places, query]);
  const input = inputRef;
  const list = useRef<HTMLUListElement>(null);

  const resultButtons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      resultButtons()[0]?.focus();
    }
  };
  const onResultKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = index + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.current?.focus();
    else resultButtons()[Math.min(next, results.length - 1)]?.focus();
  };

  return (
    <form
      className="place-search"
      role="search"
      aria-label="Places"
      onSubmit={(event) => {
        event.preventDefault();
        if (results[0]) onPin(results[0]);
      }}
    >
      <label htmlFor={`${ids}-query`}>Search places</label>
      <p className="hint" id={`${ids}-hint`}>
        A town, street or landmark. Enter pins the first match; the down arrow moves through the matches.
      </p>
      <input
        ref={input}
        id={`${ids}-query`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${ids}-hint ${ids}-count`}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onInputKey}
      />
      <p className="hint" id={`${ids}-count`} aria-live="polite">
        {query.trim() === '' ? '' : results.length === 0 ? 'No place matches.' : `${results.length} ${results.length === 1 ? 'place matches' : 'places match'}.`}
      </p>
      {results.length > 0 && (
        <ul className="place-results" ref={list}>
          {results.map((place, index) => (
            <li key={place.id}>
              <button type="button" className="button option" onClick={() => onPin(place)} onKeyDown={(event) => onResultKey(event, index)}>
                Pin: {place.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

/** "Three-word code": the words the caller reads out, checked and pinned; a code that names no square says so. */
function ThreeWordCodeForm({ onPin }: { onPin: (point: MapPoint, code: string) => void }) {
  const ids = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="three-word-code"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const words = code.trim().replace(/^\/+/, '');
        const point = words === '' ? null : decodeThreeWordCode(words);
        if (!point) {
          setError(words === '' ? 'Enter the three words the caller reads out, with dots between them.' : `“${words}” is not a three-word code in this county. Check each word with the caller.`);
          return;
        }
        setError(null);
        onPin(point, words.split('.').map((word) => word.trim().toLowerCase()).join('.'));
      }}
    >
      <label htmlFor={`${ids}-code`}>Three-word code</label>
      <p className="hint" id={`${ids}-hint`}>
        The three words the caller reads out, with dots between them: word.word.word
      </p>
      <div className="code-entry">
        <input
          id={`${ids}-code`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby={error ? `${ids}-hint ${ids}-error` : `${ids}-hint`}
          aria-invalid={error ? true : undefined}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" className="button">
          Pin code
        </button>
      </div>
      {error && (
        <p className="field-error" id={`${ids}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
