/** Paths the tests share: the project root and the real data in ../shared (which may be absent). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const rawData = resolve(projectRoot, '../shared/datasets/raw');
/** True when ../shared/datasets/raw exists; tests on real data skip (saying why) otherwise. */
export const hasRawData = existsSync(rawData);
export const noRawDataReason = `real data not found at ${rawData} (a clone without ../shared): skipped`;
export const rawPath = (...parts: string[]) => join(rawData, ...parts);
