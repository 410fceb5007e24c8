import * as Phaser from 'phaser';
import type { CountyGazetteer } from '../domain/county-gazetteer-schema';
import type { ControlRoomBridge } from './control-room-bridge';
import { CountyMapScene } from './county-map-scene';
import { MAP_COLOURS } from './map-style';

/** The canvas's drawing size in pixels; CSS may show it smaller (scale mode FIT keeps the shape). */
export const MAP_CANVAS_SIZE = { width: 640, height: 420 } as const;

/** How long the map keeps drawing after the last thing that could change it. */
const DRAW_AFTER_CHANGE_MS = 750;

/**
 * Creates the county map inside `parent` and returns how to destroy it. Load this module only with
 * a dynamic `import()`: it pulls in Phaser (about 350 KB gzipped), which must stay out of the
 * first load. WebGL is used where the browser has it, Canvas otherwise. Phaser's keyboard and
 * audio are switched off: the page's own controls keep every key, and Howler keeps the audio.
 */
export function createControlRoomGame(parent: HTMLElement, gazetteer: CountyGazetteer, bridge: ControlRoomBridge): { destroy(): void } {
  const scene = new CountyMapScene(gazetteer, bridge);
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: MAP_CANVAS_SIZE.width,
    height: MAP_CANVAS_SIZE.height,
    backgroundColor: MAP_COLOURS.background,
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    // The wheel still scrolls the page: the map zooms with its buttons, not the wheel.
    input: { keyboard: false, gamepad: false, mouse: { preventDefaultWheel: false }, touch: true },
    audio: { noAudio: true },
    // One texture per WebGL batch: Phaser 4.2.1 tears rotated quads (our road names) in
    // multi-texture batches (phaserjs/phaser#7372). The map has few textures, so this costs nothing.
    render: { maxTextures: 1 },
    autoFocus: false,
    banner: false,
    scene,
  });
  const stopDrawingOnDemand = drawOnDemand(game, parent, bridge);
  return {
    destroy() {
      stopDrawingOnDemand();
      // Stop reporting to the panel now; Phaser tears itself down on its next frame.
      scene.detach();
      game.loop.wake();
      game.destroy(true);
    },
  };
}

/**
 * The map is still almost all the time, but Phaser draws every frame: on a control-room PC
 * without a graphics card that kept most of a core busy for the whole call. So the game loop
 * sleeps once the scene is drawn and wakes, for {@link DRAW_AFTER_CHANGE_MS}, whenever something
 * could change what it shows: the pointer or a touch on the map, a command from the panel (area,
 * pin, zoom), the size of the map's box. Phaser handles pointer events as they arrive, loop or not; only
 * the drawing waits for the loop. Returns what stops it (the loop is then left to Phaser).
 */
function drawOnDemand(game: Phaser.Game, parent: HTMLElement, bridge: ControlRoomBridge): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sleepSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => game.loop.sleep(), DRAW_AFTER_CHANGE_MS);
  };
  const wake = () => {
    game.loop.wake();
    sleepSoon();
  };
  const domEvents = ['pointerdown', 'pointermove', 'pointerup', 'pointerleave', 'touchstart', 'wheel'] as const;
  for (const name of domEvents) parent.addEventListener(name, wake, { passive: true });
  window.addEventListener('resize', wake);
  // The panel's layout can resize the map's box without a window resize: Phaser fits the canvas on its next frames.
  const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(wake);
  resized?.observe(parent);
  // Until the scene has drawn the county the loop runs as Phaser starts it.
  const stopListening = [bridge.on('scene.ready', sleepSoon), bridge.on('map.showArea', wake), bridge.on('map.setPin', wake), bridge.on('map.zoom', wake)];
  // Phaser resumes its loop itself when the tab is shown again: let it sleep again after.
  game.events.on(Phaser.Core.Events.RESUME, sleepSoon);
  return () => {
    clearTimeout(timer);
    for (const name of domEvents) parent.removeEventListener(name, wake);
    window.removeEventListener('resize', wake);
    resized?.disconnect();
    stopListening.forEach((stop) => stop());
    game.events.off(Phaser.Core.Events.RESUME, sleepSoon);
  };
}
