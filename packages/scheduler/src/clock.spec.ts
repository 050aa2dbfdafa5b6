import { ManualClock, systemClock } from './clock';

describe('ManualClock', () => {
  it('runs due timers in time order at their own time and awaits them', async () => {
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const seen: string[] = [];
    clock.setTimer(new Date('2026-03-02T00:02:00Z'), async () => {
      await Promise.resolve();
      seen.push(`b@${clock.now().toISOString()}`);
    });
    clock.setTimer(new Date('2026-03-02T00:01:00Z'), () => {
      seen.push(`a@${clock.now().toISOString()}`);
      clock.setTimer(new Date('2026-03-02T00:01:30Z'), () => seen.push(`c@${clock.now().toISOString()}`));
    });
    const cancel = clock.setTimer(new Date('2026-03-02T00:01:40Z'), () => seen.push('cancelled'));
    cancel();
    await clock.advanceTo('2026-03-02T00:01:59Z');
    expect(seen).toEqual(['a@2026-03-02T00:01:00.000Z', 'c@2026-03-02T00:01:30.000Z']);
    expect(clock.nextTimerAt()).toEqual(new Date('2026-03-02T00:02:00Z'));
    await clock.advance(60_000);
    expect(seen.at(-1)).toBe('b@2026-03-02T00:02:00.000Z');
    expect(clock.now()).toEqual(new Date('2026-03-02T00:02:59Z'));
  });
});

describe('systemClock', () => {
  it('fires a real timer and does not fire a cancelled one', async () => {
    const fired: string[] = [];
    const cancel = systemClock.setTimer(new Date(Date.now() + 5), () => fired.push('cancelled'));
    cancel();
    await new Promise<void>((resolve) => systemClock.setTimer(new Date(Date.now() + 10), () => resolve()));
    expect(fired).toEqual([]);
  });
});
