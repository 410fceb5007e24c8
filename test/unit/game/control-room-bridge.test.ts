import { describe, expect, it, vi } from 'vitest';
import { createControlRoomBridge } from '../../../src/game/control-room-bridge';

describe('control-room bridge', () => {
  it('delivers each event to its own listeners with its payload', () => {
    const bridge = createControlRoomBridge();
    const pinned = vi.fn();
    const pointer = vi.fn();
    bridge.on('map.pinned', pinned);
    bridge.on('map.pointer', pointer);

    bridge.emit('map.pinned', { x: 15_402, y: 12_110 });
    bridge.emit('map.pointer', null);

    expect(pinned).toHaveBeenCalledExactlyOnceWith({ x: 15_402, y: 12_110 });
    expect(pointer).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('emits payload-less events with no payload', () => {
    const bridge = createControlRoomBridge();
    const ready = vi.fn();
    bridge.on('scene.ready', ready);
    bridge.emit('scene.ready');
    expect(ready).toHaveBeenCalledOnce();
  });

  it('stops exactly the listener whose unsubscribe was called, even when one function listens twice', () => {
    const bridge = createControlRoomBridge();
    const zoom = vi.fn();
    const other = vi.fn();
    const stopFirst = bridge.on('map.zoom', zoom);
    bridge.on('map.zoom', zoom);
    bridge.on('map.zoom', other);

    stopFirst();
    stopFirst(); // a second call changes nothing
    bridge.emit('map.zoom', 'in');

    expect(zoom).toHaveBeenCalledOnce();
    expect(other).toHaveBeenCalledOnce();
  });

  it('calls listeners in the order they were added, including one removed during the emit', () => {
    const bridge = createControlRoomBridge();
    const calls: string[] = [];
    let stopSecond = () => {};
    bridge.on('map.setPin', () => {
      calls.push('first');
      stopSecond();
    });
    stopSecond = bridge.on('map.setPin', () => calls.push('second'));

    bridge.emit('map.setPin', null);
    bridge.emit('map.setPin', null);

    expect(calls).toEqual(['first', 'second', 'first']);
  });

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const bridge = createControlRoomBridge({ onListenerError: (error) => errors.push(error) });
    const after = vi.fn();
    bridge.on('map.view', () => {
      throw new Error('listener failed');
    });
    bridge.on('map.view', after);

    bridge.emit('map.view', { metresPerPixel: 12, centre: { x: 16_000, y: 12_000 } });

    expect(after).toHaveBeenCalledOnce();
    expect(errors).toEqual([new Error('listener failed')]);
  });

  it('does nothing when an event has no listeners', () => {
    const bridge = createControlRoomBridge();
    expect(() => bridge.emit('map.showArea', null)).not.toThrow();
  });
});
