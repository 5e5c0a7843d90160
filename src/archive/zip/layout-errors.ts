/** What a layout says no longer holds: the download fails, and the layout is dropped. */
export class LayoutMismatchError extends Error {}

/** A source's bytes differ from the CRC-32 of its entry, although its version did not change: the entry itself is wrong. */
export class EntryContentError extends LayoutMismatchError {}
