/** Child process of bench/ingest.ts: loads one input and prints time and peak memory as JSON. */
import { performance } from 'node:perf_hooks';
import { loadDataset } from '../src/data/loadDataset.js';

const args = process.argv.slice(2);
const scores: string[] = [];
for (let i = 0; i < args.length; i++) if (args[i] === '--scores') scores.push(args[++i]!);
const t0 = performance.now();
const data = loadDataset({ scores });
const seconds = (performance.now() - t0) / 1000;
const cells = data.itemScores.reduce((s, m) => s + m.items.length * m.models.length, 0);
const detail = `${data.itemScores.length} matrices, ${cells} cells`;
const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ seconds: Math.round(seconds * 1000) / 1000, peakMB, detail })}\n`);
