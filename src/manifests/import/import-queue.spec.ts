import { describe, expect, it } from '@jest/globals';
import { ImportQueue } from './import-queue.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('ImportQueue', () => {
  it('runs `concurrency` tasks at once, queues `max` more and refuses the next, then takes work again as tasks end', async () => {
    const queue = new ImportQueue(2, 1);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) => queue.offer(async () => (started.push(i), await g.opened, i)));
    expect(runs.every((r) => r !== undefined)).toBe(true);
    expect(queue.offer(async () => 99)).toBeUndefined();
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0].open();
    await expect(runs[0]).resolves.toBe(0);
    expect(started).toEqual([0, 1, 2]);
    expect(queue.hasRoom()).toBe(true);
    gates[1].open();
    gates[2].open();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
  });

  it('frees the slot of a task that fails', async () => {
    const queue = new ImportQueue(1, 0);
    await expect(queue.offer(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.offer(async () => 'next')).resolves.toBe('next');
  });
});
