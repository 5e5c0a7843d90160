import { Logger } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { PeriodicTask } from './periodic-task.js';

/** A task the test finishes by hand, counting its starts. */
function heldTask() {
  let starts = 0;
  let finish!: (value: number) => void;
  const task = () => {
    starts += 1;
    return new Promise<number>((resolve) => (finish = resolve));
  };
  return { task, finish: (value: number) => finish(value), starts: () => starts };
}

describe('PeriodicTask', () => {
  it('joins a run under way instead of starting another, and starts anew once it ended', async () => {
    const held = heldTask();
    const periodic = new PeriodicTask('test', held.task, new Logger('test'));
    const [first, second] = [periodic.run(), periodic.run()];
    expect(held.starts()).toBe(1);
    held.finish(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    const third = periodic.run();
    expect(held.starts()).toBe(2);
    held.finish(8);
    expect(await third).toBe(8);
  });

  it('stops only once the run under way has ended, even a failing one', async () => {
    let fail!: (err: Error) => void;
    const periodic = new PeriodicTask('test', () => new Promise<void>((_, reject) => (fail = reject)), new Logger('test'));
    const run = periodic.run().catch((err: unknown) => err);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    fail(new Error('database gone'));
    await stopping;
    expect(stopped).toBe(true);
    expect(await run).toEqual(new Error('database gone'));
  });
});
