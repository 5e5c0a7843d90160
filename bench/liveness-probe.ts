// A keep-alive client in a process of its own: GET <url> every 20 ms until its stdin
// closes, then prints each latency (ms) and when it was taken (ms since the first) as JSON.
import { Agent, get } from 'node:http';

const url = process.argv[2];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const taken: [number, number][] = [];
let stopped = false;
process.stdin.resume().once('end', () => (stopped = true));
const once = () => new Promise<void>((resolve, reject) => get(url, { agent }, (res) => res.resume().once('end', resolve).once('error', reject)).once('error', reject));
const first = performance.now();
while (!stopped) {
  const started = performance.now();
  await once();
  taken.push([performance.now() - started, started - first]);
  await new Promise((r) => setTimeout(r, 20)); // the probe's period
}
agent.destroy();
process.stdout.write(JSON.stringify(taken));
