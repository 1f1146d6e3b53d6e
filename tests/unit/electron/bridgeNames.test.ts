import { describe, expect, expectTypeOf, it } from 'vitest';
import { bridgeEventNames, channelNames, type ChannelName } from '../../../core/contract/bridge.js';
import { channels, eventNames, type EventName } from '../../../core/contract/index.js';

// The preload's zod-free copies of the allowlists must never drift from the contract.
describe('the names the preload allows', () => {
  it('are exactly the contract channels', () => {
    expect([...channelNames].sort()).toEqual([...channels].sort());
    expectTypeOf<(typeof channelNames)[number]>().toEqualTypeOf<ChannelName>();
  });

  it('are exactly the contract events', () => {
    expect([...bridgeEventNames].sort()).toEqual([...eventNames].sort());
    expectTypeOf<(typeof bridgeEventNames)[number]>().toEqualTypeOf<EventName>();
  });
});
