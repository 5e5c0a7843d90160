/**
 * One-dimensional PostgreSQL arrays in the binary form the server reads for a
 * parameter sent as binary (array_recv), which is how `pg` sends any byte view.
 * Made where the values are (a parser's worker thread), a batch of thousands
 * of values crosses to the thread that talks to the database as three byte
 * buffers handed over, not copied: nothing of it lands on that thread's heap.
 */
const INT4_OID = 23;
const TEXT_OID = 25;
/** ndim, has-null flag, element type, then the one dimension's length and lower bound. */
const HEADER = 20;

export function int4Array(values: readonly number[]): Uint8Array {
  const out = header(values.length, false, INT4_OID, values.length * 8);
  let at = HEADER;
  for (const value of values) {
    out.writeInt32BE(4, at);
    out.writeInt32BE(value, at + 4);
    at += 8;
  }
  return out;
}

/** Strings go as UTF-8 (the server checks them as it does text); null is SQL NULL. */
export function textArray(values: readonly (string | null)[]): Uint8Array {
  let body = 0;
  let nulls = false;
  for (const value of values) {
    body += 4;
    if (value === null) nulls = true;
    else body += Buffer.byteLength(value);
  }
  const out = header(values.length, nulls, TEXT_OID, body);
  let at = HEADER;
  for (const value of values) {
    if (value === null) {
      out.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    const length = out.write(value, at + 4);
    out.writeInt32BE(length, at);
    at += 4 + length;
  }
  return out;
}

/** A buffer of its own (not a slice of Node's pool), so that its memory can be transferred. */
function header(length: number, nulls: boolean, oid: number, body: number): Buffer {
  const out = Buffer.allocUnsafeSlow(HEADER + body);
  out.writeInt32BE(1, 0);
  out.writeInt32BE(nulls ? 1 : 0, 4);
  out.writeInt32BE(oid, 8);
  out.writeInt32BE(length, 12);
  out.writeInt32BE(1, 16);
  return out;
}
