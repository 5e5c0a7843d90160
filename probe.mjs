import { Agent, request } from 'node:http';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
const end = Date.now() + Number(process.argv[2]);
while (Date.now() < end) {
  const s = performance.now();
  await new Promise((r, j) => request('http://127.0.0.1:3911/health/live', { agent }, (res) => res.resume().on('end', r)).on('error', j).end());
  times.push([performance.now() - s, Date.now()]);
}
const sorted = times.map((t) => t[0]).sort((a, b) => a - b);
console.log('n', sorted.length, 'p50', sorted[Math.floor(sorted.length / 2)].toFixed(2), 'p99', sorted[Math.floor(sorted.length * 0.99)].toFixed(2), 'max', sorted.at(-1).toFixed(1));
console.log(times.filter((t) => t[0] > 10).map((t) => `${t[0].toFixed(0)}@${t[1] % 100000}`).join(' '));
