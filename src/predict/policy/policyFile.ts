/**
 * A default policy as a JSON file (what `scalecast evaluate --write-policy` writes and
 * `predict --policy` reads), checked on the way in so that a hand-edited or truncated file gives one
 * clear error instead of a wrong default.
 *
 * @example parsePolicy(readFileSync('datasets/policy/public.json', 'utf8'), 'public.json').groups.length
 */
import { jsonErrorText } from '../../io/jsonLines.js';
import { readErrorOf } from '../../io/inputPath.js';
import { readFileSync } from 'node:fs';
import { InputError } from '../../io/inputError.js';
import { DATA_KINDS } from '../dataKind.js';
import { POLICY_COMPONENTS, type DefaultPolicy, type PolicyGroup } from './defaultPolicy.js';

function bad(file: string, message: string, expected: string): InputError {
  return new InputError({ code: 'bad-json', file, message, expected });
}

/**
 * Parses and checks a policy file's text.
 *
 * @throws InputError naming what is missing or wrong
 */
export function parsePolicy(text: string, file: string): DefaultPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(file, `the policy file is not valid JSON (${jsonErrorText(e)})`, 'the JSON that scalecast evaluate --write-policy writes');
  }
  const o = json as Partial<DefaultPolicy> | null;
  if (o === null || typeof o !== 'object' || o.version !== 1) throw bad(file, 'not a scalecast policy of version 1', 'an object with "version": 1');
  if (typeof o.corpus !== 'string' || typeof o.fitted !== 'string') throw bad(file, 'the policy does not say what it was fitted on ("corpus", "fitted")', 'strings');
  if (!Array.isArray(o.components) || o.components.join() !== POLICY_COMPONENTS.join()) {
    throw bad(file, `the policy combines other methods than this version of scalecast (${JSON.stringify(o.components)})`, POLICY_COMPONENTS.join(', '));
  }
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!Array.isArray(o.groups) || !o.groups.some((g) => (g as PolicyGroup)?.key === '*')) throw bad(file, 'the policy has no "*" group to fall back on', 'groups including "*"');
  for (const g of o.groups as PolicyGroup[]) {
    if (typeof g?.key !== 'string' || typeof g.weights !== 'object' || !POLICY_COMPONENTS.every((m) => finite(g.weights[m]))) {
      throw bad(file, `group ${JSON.stringify(g?.key)} lacks a non-negative weight for some component`, `weights for ${POLICY_COMPONENTS.join(', ')}`);
    }
  }
  const q = o.calibration?.quantile;
  if (typeof o.calibration?.level !== 'number' || typeof q !== 'object' || q === null || !finite(q['*'])) {
    throw bad(file, 'the policy has no interval calibration ("calibration.quantile" with a "*" entry)', 'the calibration evaluate writes');
  }
  for (const k of [...DATA_KINDS, '*'] as const) {
    if (q[k] !== undefined && !finite(q[k])) throw bad(file, `the interval calibration of ${k} data is not a non-negative number`, 'a number ≥ 0');
  }
  return o as DefaultPolicy;
}

/**
 * Reads and checks a policy file.
 *
 * @throws InputError when it is missing, unreadable or not a policy
 */
export function readPolicyFile(path: string): DefaultPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw readErrorOf(path, e, 'the policy file');
  }
  return parsePolicy(text, path);
}
