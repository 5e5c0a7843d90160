import { createHash } from 'node:crypto';

/**
 * The bytes of an entry just over 4 GiB, made on the fly and never stored: a 1 MiB
 * patterned block repeated, then a short tail, so that the size is not a round number.
 */
export function hugeEntry(): { block: Buffer; blocks: number; tail: Buffer; size: number; sha256(): string } {
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 255;
  const blocks = 4096 + 3; // 4 GiB + 3 MiB
  const tail = Buffer.from('the end\n');
  return {
    block,
    blocks,
    tail,
    size: blocks * block.length + tail.length,
    sha256: () => {
      const digest = createHash('sha256');
      for (let i = 0; i < blocks; i++) digest.update(block);
      return digest.update(tail).digest('hex');
    },
  };
}
