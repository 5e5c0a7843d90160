/** What a process holds once every collectable object is collected (bytes). */
export interface CollectedMemory {
  /** Live objects on V8's heap. */
  readonly heapUsed: number;
  /** Memory outside the heap that live objects own (buffers among it). */
  readonly external: number;
}

/**
 * A session with a process's inspector (`node --inspect`) at the WebSocket
 * URL it printed: asks V8 for a full collection and then reads what is left.
 * Garbage that a running service has not collected yet floats in its RSS by
 * tens of MiB; what survives a full collection does not.
 */
export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (err: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(`inspector: ${message.error.message}`));
      else waiting.resolve(message.result);
    });
    socket.addEventListener('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('inspector: the connection closed'));
      this.pending.clear();
    });
  }

  static async open(url: string): Promise<InspectorSession> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`inspector: cannot connect to ${url}`)), { once: true });
    });
    return new InspectorSession(socket);
  }

  async collected(): Promise<CollectedMemory> {
    await this.call('HeapProfiler.collectGarbage');
    const answer = (await this.call('Runtime.evaluate', { expression: 'process.memoryUsage()', returnByValue: true })) as { result: { value: CollectedMemory } };
    const { heapUsed, external } = answer.result.value;
    return { heapUsed, external };
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

const total = (m: CollectedMemory) => m.heapUsed + m.external;

/**
 * What a process holds after full collections at marks along a long transfer
 * (`progress()` passing each mark in turn): call `take()` from a sampler.
 */
export class HeldAtMarks {
  readonly held: CollectedMemory[] = [];

  constructor(
    private readonly session: InspectorSession,
    private readonly marks: readonly number[],
    private readonly progress: () => number,
  ) {}

  /**
   * At a mark, the least of three readings: buffers in flight at the moment of a reading
   * (a request chunk on its way to disk) vary by a few MiB between readings; what is held
   * for good is in every one of them.
   */
  async take(): Promise<void> {
    if (this.held.length >= this.marks.length || this.progress() < this.marks[this.held.length]) return;
    const readings: CollectedMemory[] = [];
    for (let i = 0; i < 3; i++) readings.push(await this.session.collected());
    this.held.push(readings.reduce((least, m) => (total(m) < total(least) ? m : least)));
  }

  /** Heap and external memory held at the last mark over the first (NaN until both were taken). */
  growth(): number {
    if (this.held.length < this.marks.length) return NaN;
    return total(this.held.at(-1)!) - total(this.held[0]);
  }
}
