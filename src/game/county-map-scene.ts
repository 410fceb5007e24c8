import * as Phaser from 'phaser';
import type { CountyGazetteer } from '../domain/county-gazetteer-schema';
import type { MapPoint } from '../domain/map-geometry';
import type { LocationArea } from '../domain/scenario-schema';
import type { ControlRoomBridge, MapZoom } from './control-room-bridge';
import { APPROXIMATE_FEEDS, DETAIL, LABEL_STYLES, MAP_COLOURS, ROAD_STYLES } from './map-style';
import {
  fitArea,
  fitCounty,
  isInCounty,
  mapToScreen,
  mapToWorld,
  panByPixels,
  scaleBar,
  screenToMap,
  zoomStep,
  halfwayAlong,
  uprightAngle,
  type CountySize,
  type MapView,
  type Viewport,
} from './map-view';

/** The pin's ring: about the accuracy a trainee can claim for a point picked on a map. */
const PIN_RING_METRES = 50;
/** A press that moves less than this many pixels is a click (pin); more is a drag (pan). */
const CLICK_SLOP_PIXELS = 6;

interface Label {
  readonly text: Phaser.GameObjects.Text;
  readonly at: MapPoint;
  /** Shown only at or below this many metres per pixel. */
  readonly maxMetresPerPixel: number;
  /** Pixels from its place, in the text's own frame: road names sit just above their line. */
  readonly offset: { x: number; y: number };
  /** A town's name goes above its circle (this radius, in metres). */
  readonly aboveRadiusMetres?: number;
  /** Where labels would overlap, the lower priority one is hidden (it shows again further in). */
  readonly priority: number;
}

const PRIORITY = { town: 3, landmark: 2, road: 1 } as const;

/**
 * The county map: draws the gazetteer, the location feed's area and the trainee's pin, and reports
 * clicks and pointer positions in county metres. It only displays: every command arrives through
 * the bridge and every trainee action leaves through it; it knows nothing of scoring or calls.
 *
 * World coordinates are metres (y flipped by `mapToWorld`); the main camera scales them, and a
 * second, unscaled camera draws the labels and scale bar in screen pixels so text stays crisp.
 */
export class CountyMapScene extends Phaser.Scene {
  readonly #gazetteer: CountyGazetteer;
  readonly #bridge: ControlRoomBridge;
  readonly #county: CountySize;
  #view: MapView = { centre: { x: 0, y: 0 }, metresPerPixel: 1 };
  #area: LocationArea | null = null;
  #pin: MapPoint | null = null;
  #unsubscribe: (() => void)[] = [];
  #press: { x: number; y: number; view: MapView; dragging: boolean } | null = null;

  #mapGraphics!: Phaser.GameObjects.Graphics;
  #overlayGraphics!: Phaser.GameObjects.Graphics;
  #hudGraphics!: Phaser.GameObjects.Graphics;
  #hudLayer!: Phaser.GameObjects.Layer;
  #labels: Label[] = [];
  #areaLabel!: Phaser.GameObjects.Text;
  #pinLabel!: Phaser.GameObjects.Text;
  #scaleLabel!: Phaser.GameObjects.Text;

  constructor(gazetteer: CountyGazetteer, bridge: ControlRoomBridge) {
    super({ key: 'county-map' });
    this.#gazetteer = gazetteer;
    this.#bridge = bridge;
    this.#county = { widthMetres: gazetteer.county.widthMetres, heightMetres: gazetteer.county.heightMetres };
  }

  create(): void {
    const worldLayer = this.add.layer();
    this.#hudLayer = this.add.layer();
    this.#mapGraphics = this.add.graphics();
    this.#overlayGraphics = this.add.graphics();
    worldLayer.add([this.#mapGraphics, this.#overlayGraphics]);
    this.#hudGraphics = this.add.graphics();
    this.#hudLayer.add(this.#hudGraphics);

    const hudCamera = this.cameras.add(0, 0, this.#viewport().width, this.#viewport().height, false, 'hud');
    this.cameras.main.ignore(this.#hudLayer);
    hudCamera.ignore(worldLayer);

    this.#createLabels();
    this.#listenToPointer();
    this.#unsubscribe = [
      this.#bridge.on('map.showArea', (area) => this.#showArea(area)),
      this.#bridge.on('map.setPin', (pin) => {
        this.#pin = pin;
        this.#redraw();
      }),
      this.#bridge.on('map.zoom', (zoom) => this.#zoom(zoom)),
    ];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.detach());
    this.events.once(Phaser.Scenes.Events.DESTROY, () => this.detach());

    this.#setView(fitCounty(this.#county, this.#viewport()));
    this.#bridge.emit('scene.ready');
  }

  /** Stops listening to the bridge: called when the game is destroyed, before Phaser's own teardown. */
  detach(): void {
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe());
    this.#unsubscribe = [];
  }

  #viewport(): Viewport {
    return { width: this.scale.width, height: this.scale.height };
  }

  #showArea(area: LocationArea | null): void {
    const same =
      area && this.#area
        ? area.kind === this.#area.kind && area.label === this.#area.label && area.radiusMetres === this.#area.radiusMetres && area.centre.x === this.#area.centre.x && area.centre.y === this.#area.centre.y
        : area === this.#area;
    if (same) return;
    this.#area = area;
    this.#areaLabel.setText(area?.label ?? '');
    this.#zoom(area ? 'fit-area' : 'fit-county');
  }

  #zoom(zoom: MapZoom): void {
    const viewport = this.#viewport();
    if (zoom === 'fit-area' && this.#area) this.#setView(fitArea(this.#area, this.#county, viewport));
    else if (zoom === 'fit-area' || zoom === 'fit-county') this.#setView(fitCounty(this.#county, viewport));
    else this.#setView(zoomStep(this.#view, zoom, this.#county, viewport));
  }

  #setView(view: MapView): void {
    this.#view = view;
    const camera = this.cameras.main;
    const centre = mapToWorld(view.centre, this.#county);
    camera.setZoom(1 / view.metresPerPixel);
    camera.centerOn(centre.x, centre.y);
    this.#redraw();
    this.#bridge.emit('map.view', { metresPerPixel: view.metresPerPixel, centre: view.centre });
  }

  /** Redraws everything whose size is fixed in pixels (lines, markers, labels) for the current scale. */
  #redraw(): void {
    this.#drawCounty();
    this.#drawOverlay();
    this.#layoutLabels();
    this.#drawHud();
  }

  #drawCounty(): void {
    const g = this.#mapGraphics.clear();
    const mpp = this.#view.metresPerPixel;
    const { widthMetres, heightMetres } = this.#county;
    g.fillStyle(MAP_COLOURS.land, 1).fillRect(0, 0, widthMetres, heightMetres);
    g.lineStyle(1.5 * mpp, MAP_COLOURS.countyEdge, 1).strokeRect(0, 0, widthMetres, heightMetres);

    for (const town of this.#gazetteer.towns) {
      const c = mapToWorld(town.centre, this.#county);
      g.fillStyle(MAP_COLOURS.town, 1).fillCircle(c.x, c.y, town.radiusMetres);
      g.lineStyle(1 * mpp, MAP_COLOURS.townEdge, 0.55).strokeCircle(c.x, c.y, town.radiusMetres);
    }

    const roads = [...this.#gazetteer.roads].sort((a, b) => ROAD_STYLES[a.kind].order - ROAD_STYLES[b.kind].order);
    for (const road of roads) {
      const style = ROAD_STYLES[road.kind];
      const width = Math.max(style.pixels * mpp, style.metres);
      const points = road.points.map((p) => mapToWorld(p, this.#county));
      if (style.dashed) this.#dashedPolyline(g, points, width, style.colour, 4 * mpp);
      else this.#polyline(g, points, width, style.colour);
    }

    if (mpp <= DETAIL.landmarkMarkers) {
      const size = 5 * mpp;
      for (const landmark of this.#gazetteer.landmarks) {
        const p = mapToWorld(landmark.at, this.#county);
        g.fillStyle(MAP_COLOURS.landmarkEdge, 1).fillRect(p.x - size / 2 - mpp, p.y - size / 2 - mpp, size + 2 * mpp, size + 2 * mpp);
        g.fillStyle(MAP_COLOURS.landmark, 1).fillRect(p.x - size / 2, p.y - size / 2, size, size);
      }
    }
  }

  #drawOverlay(): void {
    const g = this.#overlayGraphics.clear();
    const mpp = this.#view.metresPerPixel;
    if (this.#area) {
      const c = mapToWorld(this.#area.centre, this.#county);
      const r = Math.max(this.#area.radiusMetres, 4 * mpp);
      g.fillStyle(MAP_COLOURS.area, 0.16).fillCircle(c.x, c.y, r);
      if (APPROXIMATE_FEEDS.has(this.#area.kind)) this.#dashedCircle(g, c, r, 2 * mpp, MAP_COLOURS.area, 10 * mpp);
      else g.lineStyle(2 * mpp, MAP_COLOURS.area, 1).strokeCircle(c.x, c.y, r);
      g.fillStyle(MAP_COLOURS.area, 1).fillCircle(c.x, c.y, 2.5 * mpp);
    }
    if (this.#pin) {
      const p = mapToWorld(this.#pin, this.#county);
      const ring = Math.max(PIN_RING_METRES, 9 * mpp);
      g.fillStyle(MAP_COLOURS.pin, 0.2).fillCircle(p.x, p.y, ring);
      g.lineStyle(2 * mpp, MAP_COLOURS.pin, 1).strokeCircle(p.x, p.y, ring);
      g.lineStyle(1.5 * mpp, MAP_COLOURS.pinCore, 1);
      g.lineBetween(p.x - ring - 5 * mpp, p.y, p.x - ring + 4 * mpp, p.y).lineBetween(p.x + ring - 4 * mpp, p.y, p.x + ring + 5 * mpp, p.y);
      g.lineBetween(p.x, p.y - ring - 5 * mpp, p.x, p.y - ring + 4 * mpp).lineBetween(p.x, p.y + ring - 4 * mpp, p.x, p.y + ring + 5 * mpp);
      g.fillStyle(MAP_COLOURS.landmarkEdge, 1).fillCircle(p.x, p.y, 4.5 * mpp);
      g.fillStyle(MAP_COLOURS.pinCore, 1).fillCircle(p.x, p.y, 3 * mpp);
    }
  }

  #polyline(g: Phaser.GameObjects.Graphics, points: { x: number; y: number }[], width: number, colour: number): void {
    const [first, ...rest] = points;
    if (!first) return;
    g.lineStyle(width, colour, 1).beginPath().moveTo(first.x, first.y);
    rest.forEach((p) => g.lineTo(p.x, p.y));
    g.strokePath();
    // Round joints, so thick roads do not show notches at their bends.
    g.fillStyle(colour, 1);
    points.forEach((p) => g.fillCircle(p.x, p.y, width / 2));
  }

  #dashedPolyline(g: Phaser.GameObjects.Graphics, points: { x: number; y: number }[], width: number, colour: number, dash: number): void {
    g.lineStyle(width, colour, 1);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const length = Math.hypot(b.x - a.x, b.y - a.y);
      for (let s = 0; s < length; s += 2 * dash) {
        const t0 = s / length;
        const t1 = Math.min(s + dash, length) / length;
        g.lineBetween(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0, a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1);
      }
    }
  }

  #dashedCircle(g: Phaser.GameObjects.Graphics, c: { x: number; y: number }, r: number, width: number, colour: number, dash: number): void {
    const count = Math.max(8, Math.round((Math.PI * r) / dash));
    const step = (2 * Math.PI) / (2 * count);
    g.lineStyle(width, colour, 1);
    for (let i = 0; i < count; i++) {
      g.beginPath().arc(c.x, c.y, r, 2 * i * step, (2 * i + 1) * step).strokePath();
    }
  }

  #createLabels(): void {
    const add = (text: string, style: Phaser.Types.GameObjects.Text.TextStyle, label: Omit<Label, 'text'>, origin: [number, number]) => {
      const object = this.add.text(0, 0, text, style).setOrigin(...origin);
      this.#hudLayer.add(object);
      this.#labels.push({ text: object, ...label });
      return object;
    };
    for (const road of this.#gazetteer.roads) {
      const major = road.kind === 'dual-carriageway' || road.kind === 'a-road' || road.kind === 'b-road' || road.kind === 'river';
      const { point, direction } = halfwayAlong(road.points);
      const label = {
        at: point,
        maxMetresPerPixel: major ? DETAIL.majorRoadLabels : DETAIL.streetLabels,
        offset: { x: 0, y: -(ROAD_STYLES[road.kind].pixels / 2 + 7) },
        priority: PRIORITY.road,
      };
      add(road.name, LABEL_STYLES.road, label, [0.5, 0.5]).setRotation(uprightAngle(direction));
    }
    for (const landmark of this.#gazetteer.landmarks) {
      add(landmark.name, LABEL_STYLES.landmark, { at: landmark.at, maxMetresPerPixel: DETAIL.landmarkLabels, offset: { x: 8, y: 0 }, priority: PRIORITY.landmark }, [0, 0.5]);
    }
    for (const town of this.#gazetteer.towns) {
      add(town.name, LABEL_STYLES.town, { at: town.centre, maxMetresPerPixel: Infinity, offset: { x: 0, y: -3 }, aboveRadiusMetres: town.radiusMetres, priority: PRIORITY.town }, [0.5, 1]);
    }
    this.#areaLabel = this.add.text(0, 0, '', LABEL_STYLES.area).setOrigin(0.5, 1);
    this.#pinLabel = this.add.text(0, 0, 'Your pin', LABEL_STYLES.pin).setOrigin(0, 0.5);
    this.#scaleLabel = this.add.text(0, 0, '', LABEL_STYLES.hud).setOrigin(0, 1);
    const north = this.add.text(this.#viewport().width - 12, this.#viewport().height - 12, 'N ↑', LABEL_STYLES.hud).setOrigin(1, 1);
    this.#hudLayer.add([this.#areaLabel, this.#pinLabel, this.#scaleLabel, north]);
  }

  #layoutLabels(): void {
    const viewport = this.#viewport();
    const mpp = this.#view.metresPerPixel;
    const screen = (at: MapPoint) => mapToScreen(this.#view, viewport, at);
    for (const { text, at, maxMetresPerPixel, offset, aboveRadiusMetres } of this.#labels) {
      text.setVisible(mpp <= maxMetresPerPixel);
      if (aboveRadiusMetres === undefined) {
        const s = screen(at);
        const cos = Math.cos(text.rotation);
        const sin = Math.sin(text.rotation);
        text.setPosition(Math.round(s.x + offset.x * cos - offset.y * sin), Math.round(s.y + offset.x * sin + offset.y * cos));
      } else {
        // Above the town's circle; when the top of a large town is off the canvas, kept just inside it.
        const centre = screen(at);
        const radius = aboveRadiusMetres / mpp;
        const top = centre.y - radius + offset.y;
        const floor = text.height + 4;
        const half = text.width / 2 + 4;
        const visible = centre.x + radius > half && centre.x - radius < viewport.width - half;
        const x = visible ? Math.min(Math.max(centre.x, half), viewport.width - half) : centre.x;
        text.setPosition(Math.round(x), Math.round(top < floor && centre.y + radius > floor ? floor : top));
      }
    }
    if (this.#area) {
      const top = screen({ x: this.#area.centre.x, y: this.#area.centre.y + Math.max(this.#area.radiusMetres, 4 * mpp) });
      this.#areaLabel.setPosition(Math.round(top.x), Math.round(top.y - 4));
    }
    this.#areaLabel.setVisible(this.#area !== null);
    if (this.#pin) {
      const s = screen(this.#pin);
      this.#pinLabel.setPosition(Math.round(s.x + Math.max(PIN_RING_METRES / mpp, 9) + 8), Math.round(s.y));
    }
    this.#pinLabel.setVisible(this.#pin !== null);

    // Greedy decluttering: the feed and pin labels first, then towns, landmarks and roads.
    const taken: Phaser.Geom.Rectangle[] = [];
    const byPriority = [...this.#labels].sort((a, b) => b.priority - a.priority).map((label) => label.text);
    for (const text of [this.#areaLabel, this.#pinLabel, ...byPriority]) {
      if (!text.visible) continue;
      const bounds = text.getBounds();
      if (taken.some((other) => Phaser.Geom.Intersects.RectangleToRectangle(other, bounds))) text.setVisible(false);
      else taken.push(bounds);
    }
  }

  #drawHud(): void {
    const { height } = this.#viewport();
    const bar = scaleBar(this.#view.metresPerPixel, 140);
    const x = 14;
    const y = height - 14;
    const g = this.#hudGraphics.clear();
    g.fillStyle(0x1f2329, 0.8).fillRect(x - 6, y - 30, bar.pixels + 12, 36);
    g.lineStyle(2, MAP_COLOURS.hud, 1).lineBetween(x, y, x + bar.pixels, y).lineBetween(x, y - 6, x, y).lineBetween(x + bar.pixels, y - 6, x + bar.pixels, y);
    this.#scaleLabel.setText(bar.label).setPosition(x, y - 8);
  }

  #listenToPointer(): void {
    const viewport = () => this.#viewport();
    // The pointer is taken to the nearest whole canvas pixel (the map cannot show anything finer),
    // then to the nearest metre: a click at a known pixel pins a point a test can calculate.
    const toMap = (pointer: Phaser.Input.Pointer): MapPoint => {
      const p = screenToMap(this.#view, viewport(), { x: Math.round(pointer.x), y: Math.round(pointer.y) });
      return { x: Math.round(p.x), y: Math.round(p.y) };
    };
    this.input.on(Phaser.Input.Events.POINTER_DOWN, (pointer: Phaser.Input.Pointer) => {
      this.#press = { x: pointer.x, y: pointer.y, view: this.#view, dragging: false };
    });
    this.input.on(Phaser.Input.Events.POINTER_MOVE, (pointer: Phaser.Input.Pointer) => {
      const press = this.#press;
      if (press && pointer.isDown) {
        const dx = pointer.x - press.x;
        const dy = pointer.y - press.y;
        if (press.dragging || Math.hypot(dx, dy) >= CLICK_SLOP_PIXELS) {
          press.dragging = true;
          this.#setView(panByPixels(press.view, dx, dy, this.#county));
        }
      }
      const point = toMap(pointer);
      this.#bridge.emit('map.pointer', isInCounty(point, this.#county) ? point : null);
    });
    this.input.on(Phaser.Input.Events.POINTER_UP, (pointer: Phaser.Input.Pointer) => {
      const press = this.#press;
      this.#press = null;
      if (!press || press.dragging) return;
      const point = toMap(pointer);
      if (isInCounty(point, this.#county)) this.#bridge.emit('map.pinned', point);
    });
    this.input.on(Phaser.Input.Events.POINTER_UP_OUTSIDE, () => {
      this.#press = null;
    });
    this.input.on(Phaser.Input.Events.GAME_OUT, () => {
      this.#bridge.emit('map.pointer', null);
    });
  }
}
