import * as Phaser from 'phaser';
import type { CountyGazetteer } from '../domain/county-gazetteer-schema';
import type { ControlRoomBridge } from './control-room-bridge';
import { CountyMapScene } from './county-map-scene';
import { MAP_COLOURS } from './map-style';

/** The canvas's drawing size in pixels; CSS may show it smaller (scale mode FIT keeps the shape). */
export const MAP_CANVAS_SIZE = { width: 640, height: 420 } as const;

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
  return {
    destroy() {
      // Stop reporting to the panel now; Phaser tears itself down on its next frame.
      scene.detach();
      game.destroy(true);
    },
  };
}
