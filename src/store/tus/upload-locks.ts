/**
 * One request at a time per upload, in this process. A request that arrives
 * while another runs stops the other (its client has most likely reconnected
 * after a broken link the server has not noticed yet) and waits until that one
 * has recorded what it received. Across instances, the offset is compared and
 * set in the database instead (StoredFileRepository.advancePending).
 */
export class UploadLocks {
  private readonly held = new Map<string, { stop: AbortController; released: Promise<void> }>();

  async acquire(id: string): Promise<{ readonly signal: AbortSignal; release: () => void }> {
    for (let other = this.held.get(id); other; other = this.held.get(id)) {
      other.stop.abort(new Error('another request took the upload over'));
      await other.released;
    }
    const stop = new AbortController();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const entry = { stop, released };
    this.held.set(id, entry);
    return {
      signal: stop.signal,
      release: () => {
        if (this.held.get(id) === entry) this.held.delete(id);
        release();
      },
    };
  }
}
