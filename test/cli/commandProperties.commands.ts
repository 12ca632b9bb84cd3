/**
 * Generators of cases for every command of the command-line property test: each command's real
 * options with valid, out-of-range, malformed, empty and huge values (huge only where the command
 * refuses them, so that no run does hours of work), in random subsets and orders, on tiny inputs
 * corrupted by commandProperties.fixtures.ts. Outputs always point into the run's temp folder (a
 * relative path, `$DIR/...`, or an input file there, which the command must refuse to overwrite).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../helpers/paths.js';
import * as F from './commandProperties.fixtures.js';
import { allOptions, argvOf, either, fixed, flag, multi, opt, val, wildOnly, type Case, type Group } from './commandProperties.support.js';

const POLICY = readFileSync(join(projectRoot, 'datasets', 'policy', 'public.json'), 'utf8');

type Inputs = Pick<Case, 'files' | 'names' | 'notes'>;

/** Table inputs: role → [stem, clean text]; each maybe corrupted, maybe renamed. */
function tables(spec: Record<string, [string, string]>, clean = 0.6): fc.Arbitrary<Inputs> {
  const roles = Object.keys(spec);
  return fc.tuple(...roles.map(() => F.fileVariant(clean))).map((vs) => {
    const out: Inputs = { files: {}, names: {}, notes: [] };
    vs.forEach((v, i) => {
      const [stem, text] = spec[roles[i]!]!;
      const [name, content] = F.materialize(stem, text, v);
      out.files[name] = content;
      out.names[roles[i]!] = name;
      out.notes!.push(F.noteOf(stem, v.corruptions, v.ext));
    });
    return out;
  });
}

/** `inputs` plus a JSON file (maybe corrupted) under `name`, reached as `@role`. */
function withJson(inputs: fc.Arbitrary<Inputs>, role: string, name: string, text: string, clean = 0.6): fc.Arbitrary<Inputs> {
  return fc.tuple(inputs, F.jsonVariant(clean)).map(([inp, cs]) => {
    const [n, t] = F.materializeJson(name, text, cs);
    return { files: { ...inp.files, [n]: t }, names: { ...inp.names, [role]: n }, notes: [...inp.notes!, F.noteOf(name, cs)] };
  });
}

function cases(command: string, inputs: fc.Arbitrary<Inputs>, argv: fc.Arbitrary<string[]>): fc.Arbitrary<Case> {
  return fc.tuple(inputs, argv).map(([inp, a]) => ({ command, argv: a, ...inp }));
}

// ---- values --------------------------------------------------------------------------------------

const seed = val(['0', '1', '7', '4294967295'], ['4294967296', '-1', '1.5', '1e3', '99999999999999999']);
const smallBootstrap = val(['0', '0', '0', '2', '10'], ['100001', '1000000000', '-0', '+5', '1e2']);
const outDir = val(['out', 'out', 'o/p/q', '$DIR/charts', 'existing', './out/'], ['', '.', 'blocker', 'blocker/x', '@scores', '@models', '$DIR']);
const dirOnly = (name: string) => opt(name, outDir);
const modelsNames = ['lad-0', 'lad-1', 'lad-2', 'lad-3', 'lad-4', 'lad-5'];

// ---- shared input options --------------------------------------------------------------------------

function inputGroups(scores = '@scores', models = '@models'): { required: Group[]; optional: Group[] } {
  return {
    required: [
      multi(scores === '@scores' ? '-s' : '--scores', val([scores], ['@models', '.', '$DIR', 'nope.csv', 'existing', 'blocker', `${scores}`, '@fit'])),
      multi('-m', val([models], ['@scores', 'nope.csv', '.', 'existing', 'blocker', 'refs.txt'])),
    ],
    optional: [
      wildOnly(flag('--percent')),
      opt('--wide-name', val(['gen', 'x'])),
      opt('--metric', val(['acc', 'acc_norm', 'exact_match'])),
      opt('--filter', val(['strict-match', 'none'])),
      flag('--ignore-unlisted'),
      opt('--where', val(['benchmark=gen', 'model!=lad-0', 'score>=0'], ['nope=1', 'x', 'score<abc', '=1'])),
      opt('--step', val(['latest'], ['x', '-1', '1.5', ''])),
      opt('--group', val(['all=*', 'g=ge?'], ['g=', '=x', 'g=zz*', 'nope'])),
    ],
  };
}

// ---- inspect ----------------------------------------------------------------------------------------

export function inspectCases(): fc.Arbitrary<Case> {
  const inp = inputGroups();
  const pos = val(['@scores'], ['@models', '.', 'existing', 'nope', '@dscores']);
  const positional = fixed([], pos.good.map((p) => [p]), fc.array(pos.any, { minLength: 1, maxLength: 2 }));
  const argv = argvOf(
    ['inspect'],
    [either(inp.required[0]!, positional), inp.required[1]!],
    [...inp.optional, opt('--family', val(['lad', 'anc', 'ref'], ['LAD', 'nope'])), opt('--digits', val(['0', '4', '12'], ['13', '-1', '1.5', '007', '1e1'])), flag('--json')],
    5,
    4,
  );
  const inputs = fc.oneof(
    { weight: 3, arbitrary: tables({ scores: ['scores', F.LADDER_SCORES], models: ['models', F.LADDER_MODELS], dscores: ['dscores', F.DENSITY_SCORES] }, 0.4) },
    { weight: 1, arbitrary: tables({ scores: ['scores', F.DENSITY_SCORES], models: ['models', F.DENSITY_MODELS], dscores: ['dscores', F.LADDER_SCORES] }, 0.4) },
    { weight: 1, arbitrary: tables({ scores: ['gen.pass1', F.LADDER_WIDE], models: ['models', F.LADDER_MODELS], dscores: ['aggregate', F.LADDER_AGGREGATE] }, 0.5) },
    { weight: 1, arbitrary: lmEvalInputs() },
  );
  return cases('inspect', inputs, argv);
}

// ---- predict, backtest, cluster, report, plot scaling|clusters|mapping|backtest ----------------------

interface PipelineShape {
  target?: boolean;
  methods?: boolean;
  interval?: boolean;
  json?: boolean;
  holdout?: boolean;
  out?: 'dir' | 'file';
  reference?: boolean;
}

const ladderList = val(
  [modelsNames.join(','), 'lad-0,lad-1,lad-2', 'lad-1,lad-3,lad-5,lad-2,lad-4', 'lad-1,lad-2,lad-3,lad-4,lad-5'],
  ['lad-0,lad-0,lad-1', 'lad-0,ghost,lad-2', 'lad-0,,lad-1', 'lad-big,lad-0,lad-1', 'anc-2b,lad-0,lad-1,lad-2', ',', 'lad-0'],
);

function pipelineArgv(head: string[], shape: PipelineShape): fc.Arbitrary<string[]> {
  const inp = inputGroups();
  const required: Group[] = [...inp.required, either(opt('--family', val(['lad'], ['anc', 'LAD', 'nope', 'ref'])), opt('--ladder', ladderList))];
  const target = opt('--target', val(['lad-big'], ['lad-5', 'lad-0', 'anc-2b', 'ghost']));
  if (shape.target) {
    const params = opt('--target-params', val(['30B', '70B', '1e12'], ['0', '100M', '1e400']));
    required.push(either(target, target, target, opt('--target-compute', val(['1e23', '3.8e24', '1e22'], ['0', '-1', '1e400', '1e15', '70B'])), fixed(['--target-params', '--axis'], params.tidy.map((p) => ['--axis', 'params', ...p]), params.wild)));
  }
  if (shape.interval) required.push(opt('--bootstrap', smallBootstrap));
  if (shape.out === 'dir') required.push(dirOnly('--out'), opt('--format', val(['json', 'json', 'svg', 'json,svg', 'svg,json,json'], ['png', 'JSON', ' json ', 'pdf', 'json,', ',', 'svg,png,json'])));
  if (shape.out === 'file') required.push(opt('--out', val(['r.html', 'o/r.html', '$DIR/report.html', 'existing/r.html'], ['', '.', 'existing', 'blocker', 'blocker/r.html', '@scores', '@models', '@policy'])));
  const optional: Group[] = [
    ...inp.optional,
    opt('--axis', val(['compute', 'params'], ['flops', 'Params'])),
    multi('-b', val(['gen', 'mc'], ['GEN', 'nope', 'gen,mc'])),
    opt('--clustering', val(['meanshift', 'kmeans', 'improved-kmeans'], ['dbscan', 'KMeans'])),
    fixed(['--clustering', '--clusters'], fc.constantFrom('1', '2', '3', '5', '40', '100000').map((k) => ['--clustering', 'kmeans', '--clusters', k]), opt('--clusters', val(['1', '2', '3', '5', '40', '100000'], ['0', '100001', '2.5'])).wild),
    opt('--cluster-space', val(['pass-rate', 'arcsine'], ['logit'])),
    opt('--cluster-sample', val(['10', '20', '8000', '10000000'], ['9', '0', '10000001'])),
    opt('--seed', seed),
  ];
  if (shape.target) optional.push(wildOnly(opt('--target-compute', val(['1e23', '3.8e24'], ['0', '1e400']))), wildOnly(opt('--target-params', val(['30B', '70B'], ['0', 'x']))));
  if (shape.methods) {
    optional.push(
      multi('--anchor', val(['anc-2b'], ['lad-0', 'ghost', 'lad-big', ''])),
      opt('--method', val(['carry', 'e2e-linear', 'e2e-linear3', 'e2e-logistic', 'e2e-cod', 'two-step', 'pop-curve', 'cod', 'all', 'auto'], ['COD', 'none', 'cod,carry'])),
      multi('--guess', val(['gen=0.25', 'mc=0.25', 'mc=0', 'gen=0.99'], ['zz=0.1', 'mc=1', 'mc=-0.1', '=0.2', 'mc=', 'mc=0.2.5', 'mc=1e-3'])),
      opt('--policy', val(['@policy'], ['@scores', 'nope.json', '.', 'existing', 'blocker'])),
    );
  }
  if (shape.interval) optional.push(opt('--bootstrap', smallBootstrap));
  if (shape.json !== false) optional.push(flag('--json'));
  const holdout = val(['1', '2', '3', '5', '6', '1000'], ['0', '1001', '-1', 'all']);
  if (shape.holdout) optional.push(either(opt('-k', holdout), opt('--holdout', holdout)));
  if (shape.reference) optional.push(opt('-r', val(['lad', 'anc', 'lad-0,lad-1,lad-2', 'refs.txt'], ['ghost', '@models', ''])));
  if (shape.out === 'file') {
    // report --monitor: a run in progress from a checkpoint table (the score table itself has no step: refused).
    optional.push(
      fixed(['--monitor', '--run', '--until-step'], fc.constantFrom(['--monitor', '@scores', '--run', 'lad-5', '--until-step', '1000']), opt('--monitor', val(['@scores'], ['nope.csv', '.'])).wild),
      wildOnly(opt('--run', val(['lad-5'], ['']))),
      wildOnly(opt('--until-tokens', val(['1e12'], ['0', 'x']))),
    );
  }
  return argvOf(head, required, optional, 4);
}

/** The ladder's scores as a long per-item file (mostly), a wide file of gen, or aggregate rows. */
function ladderInputs(): fc.Arbitrary<Inputs> {
  const layouts = fc.oneof(
    { weight: 6, arbitrary: tables({ scores: ['scores', F.LADDER_SCORES], models: ['models', F.LADDER_MODELS] }, 0.7) },
    { weight: 1, arbitrary: tables({ scores: ['gen.pass1', F.LADDER_WIDE], models: ['models', F.LADDER_MODELS] }, 0.7) },
    { weight: 1, arbitrary: tables({ scores: ['aggregate', F.LADDER_AGGREGATE], models: ['models', F.LADDER_MODELS] }, 0.7) },
  );
  return withJson(layouts, 'policy', 'policy.json', POLICY, 0.7);
}

/** The lm-evaluation-harness output of test/fixtures/lm-eval, one of its files maybe corrupted. */
const LM_EVAL = (() => {
  const root = join(projectRoot, 'test', 'fixtures', 'lm-eval');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => [relative(root, join(d.parentPath, d.name)), readFileSync(join(d.parentPath, d.name), 'utf8')] as [string, string]);
})();

function lmEvalInputs(): fc.Arbitrary<Inputs> {
  return fc.tuple(fc.nat({ max: LM_EVAL.length - 1 }), F.jsonVariant(0.4), F.fileVariant(0.6)).map(([k, js, lines]) => {
    const files: Record<string, string> = {};
    LM_EVAL.forEach(([name, text], i) => {
      files[`lmeval/${name}`] = i !== k ? text : name.endsWith('.json') ? js.reduce(F.corruptJson, text) : lines.corruptions.reduce(F.corrupt, text);
    });
    const what = LM_EVAL[k]![0].endsWith('.json') ? js : lines.corruptions;
    return { files, names: { scores: 'lmeval', models: 'lmeval/none.csv' }, notes: [F.noteOf(`lmeval/${LM_EVAL[k]![0]}`, what)] };
  });
}

export const predictCases = () => cases('predict', ladderInputs(), pipelineArgv(['predict'], { target: true, methods: true, interval: true }));
export const backtestCases = () => cases('backtest', ladderInputs(), pipelineArgv(['backtest'], { methods: true, holdout: true }));
export const clusterCases = () => cases('cluster', ladderInputs(), pipelineArgv(['cluster'], {}));
export const reportCases = () => cases('report', ladderInputs(), pipelineArgv(['report'], { target: true, methods: true, interval: true, json: false, holdout: true, out: 'file', reference: true }));
export const plotLadderCases = (kind: 'scaling' | 'clusters' | 'mapping') => cases(`plot ${kind}`, ladderInputs(), pipelineArgv(['plot', kind], { target: true, methods: true, interval: true, json: false, out: 'dir' }));
export const plotBacktestCases = () => cases('plot backtest', ladderInputs(), pipelineArgv(['plot', 'backtest'], { methods: true, json: false, holdout: true, out: 'dir' }));

// ---- density, plot density ---------------------------------------------------------------------------

function densityArgv(head: string[], plot: boolean): fc.Arbitrary<string[]> {
  const inp = inputGroups();
  const required: Group[] = [...inp.required, opt('-r', val(['ref', 'refs.txt', 'ref-0.5b,ref-1.8b,ref-4b,ref-7b'], ['oth', 'ghost', '', 'ref-0.5b', '@models', 'existing'])), opt('--bootstrap', smallBootstrap)];
  if (plot) required.push(dirOnly('--out'), opt('--format', val(['json', 'svg', 'json,svg'], ['png', 'pdf', ''])));
  const optional: Group[] = [
    ...inp.optional,
    multi('-b', val(['mmlu', 'arc_challenge'], ['nope', 'MMLU'])),
    multi('--guess', val(['mmlu=0.25', 'arc_challenge=0.2', 'mmlu=0'], ['mmlu=1', 'zz=0.1', 'mmlu=x'])),
    opt('--form', val(['auto', 'one-step', 'two-step'], ['three-step'])),
    opt('--ceiling', val(['1', '0.9', '0.6', '0.3'], ['0', '1.1', '-1', '1e-300'])),
    opt('--d0', val(['1e12', '1', '1e16'], ['0', '1e17', '0.5'])),
    opt('--extrapolation', val(['10', '1', '1e6', '2'], ['0.5', '0', '1e7'])),
    opt('--fit', val(['envelope', 'all'], ['none'])),
    opt('--origin', val(['2023-02-24', '2024-01-01', '1970-01-01', '2100-01-01'], ['2023-2-24', '2023-02-30', 'yesterday', '24-02-2023', '2023-02-24T00:00:00Z', '99999-01-01'])),
    opt('--seed', seed),
    opt('--bootstrap', smallBootstrap),
  ];
  if (!plot) optional.push(flag('--json'));
  return argvOf(head, required, optional, 4);
}

const densityInputs = () => tables({ scores: ['scores', F.DENSITY_SCORES], models: ['models', F.DENSITY_MODELS] }, 0.5);
export const densityCases = () => cases('density', densityInputs(), densityArgv(['density'], false));
export const plotDensityCases = () => cases('plot density', densityInputs(), densityArgv(['plot', 'density'], true));

// ---- fit, plot chinchilla ------------------------------------------------------------------------------

/** Laws with input and response columns of the fit table that suit them (and any flag they need). */
const LAW_SHAPES: string[][] = [
  ['cod', 'compute', 'score'],
  ['power-offset', 'params', 'loss'],
  ['power', 'params', 'loss'],
  ['isik', 'tokens', 'score'],
  ['chinchilla', 'params,tokens', 'loss'],
  ['chinchilla', 'params,compute', 'loss', '--tokens-from-compute'],
  ['densing-loss', 'params,tokens', 'loss'],
  ['sigmoid', 'loss', 'score'],
  ['logistic', 'compute', 'score'],
  ['linear-log', 'compute', 'score'],
  ['exponential', 't', 'score'],
];
const COMPARISONS: string[][] = [
  ['power-offset,logistic,linear-log', 'compute', 'score'],
  ['chinchilla,densing-loss', 'params,tokens', 'loss'],
  ['cod,logistic', 'compute', 'score'],
  ['sigmoid', 'loss', 'score'],
];
const columns = ['params', 'tokens', 'compute', 'loss', 'score', 't'];
const where = val(['loss<4.9', 'params>=1e8', 'score>0.3', 'tokens<=1e11'], ['nope<1', 'loss<<1', 'loss<abc', 'params>1e400', 'loss', '<3', 'loss=3', 'loss!=3']);

export function fitCases(): fc.Arbitrary<Case> {
  const shaped = fc.constantFrom(...LAW_SHAPES).map(([l, x, y, ...more]) => ['--law', l!, '--x', x!, '--y', y!, ...more]);
  const compared = fc.tuple(fc.constantFrom(...COMPARISONS), fc.constantFrom([], ['--holdout', '2'])).map(([[l, x, y], h]) => ['--compare', l!, '-x', x!, '-y', y!, ...h]);
  const mixed = fc.tuple(val(LAW_SHAPES.map((s) => s[0]!), ['nope', 'COD', '']).any, val(['params', 'params,tokens', 'compute', 'tokens,params'], ['nope', 'params,,tokens', 'params,tokens,compute', ',']).any, val(columns, ['nope']).any);
  const law = fixed(
    ['--law', '--x', '--y', '--compare'],
    fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: compared }),
    fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: compared }, { weight: 2, arbitrary: mixed.map(([l, x, y]) => ['-l', l, '-x', x, '-y', y]) }),
  );
  const argv = argvOf(
    ['fit'],
    [law, opt('--data', val(['@fit'], ['@other', 'nope.csv', '.', 'existing', 'blocker', '']))],
    [
      multi('--where', where),
      wildOnly(flag('--tokens-from-compute')),
      opt('--loss', val(['squared', 'squared', 'huber'], ['l1'])),
      opt('--delta', val(['0.001', '0.1', '1e-9'], ['0', '-1', 'Infinity'])),
      opt('--space', val(['linear', 'log'], ['sqrt'])),
      wildOnly(multi('--fix', val(['g=0.25', 'E=1.7', 'alpha=0.3', 'c=0', 'b=0.5'], ['zz=1', 'g=NaN', 'a=1e400', 'alpha=-1', 'g=', 'g=2']))),
      wildOnly(multi('--bounds', val(['alpha=0:1', 'E=0:10', 'g=0:0.3', 'alpha=1:1'], ['g=0.5:0.1', 'zz=0:1', 'alpha=-Infinity:Infinity', 'alpha=0:', 'alpha=x:1', 'E=5:1e400']))),
      opt('--starts', val(['default'], ['epoch', 'random'])),
      opt('--tolerance', val(['tight', 'scipy'], ['loose'])),
      // Bootstrap on one thread when tidy: worker threads take ~0.3 s each to start.
      fixed(['--bootstrap', '--threads'], fc.constantFrom('10', '12').map((b) => ['--bootstrap', b, '--threads', '1']), opt('--bootstrap', val(['10', '12'], ['9', '0', '1e3', '-10'])).wild),
      opt('--seed', seed),
      opt('--resample', val(['pairs', 'residuals'], ['wild'])),
      opt('--threads', val(['1'], ['0', '257', '1.5', '2'])),
      multi('--predict', val(['1e10', '70e9,1.4e12', 'params=70e9,tokens=1.4e12', 'compute=1e24', 'loss=2'], ['1e400', 'x=1', 'params=abc', '1,2,3', 'params=1e9,params=2e9', '-1'])),
      opt('--level', val(['0.95', '0.5', '0.999'], ['0', '1', '1.5', '95%'])),
      wildOnly(opt('--compare', val(['power-offset,logistic,linear-log', 'cod', 'chinchilla,densing-loss', 'power,power', 'sigmoid,exponential'], ['nope', 'cod,', '']))),
      wildOnly(opt('--holdout', val(['1', '2', '11'], ['12', '100', '0']))),
      wildOnly(flag('--list-laws')),
      flag('--json'),
    ],
    4,
  );
  return cases('fit', tables({ fit: ['points', F.FIT_TABLE], other: ['other', F.DENSITY_MODELS] }, 0.6), argv);
}

export function plotChinchillaCases(): fc.Arbitrary<Case> {
  const argv = argvOf(
    ['plot', 'chinchilla'],
    [opt('--data', val(['@fit'], ['@other', 'nope.csv', '.', ''])), dirOnly('--out'), opt('--format', val(['json', 'svg', 'json,svg'], ['png', 'x']))],
    [
      opt('-x', val(['params,tokens', 'params,compute'], ['params', 'a,b,c', ',tokens', 'params,tokens,', 'loss,score'])),
      opt('-y', val(['loss'], ['score', 'nope', ''])),
      multi('--where', where),
      flag('--tokens-from-compute'),
      opt('--loss', val(['squared', 'huber'], ['l1'])),
    ],
    3,
  );
  return cases('plot chinchilla', tables({ fit: ['points', F.FIT_TABLE], other: ['other', F.LADDER_SCORES] }, 0.6), argv);
}

// ---- simulate, main, evaluate ----------------------------------------------------------------------------

export function simulateCases(): fc.Arbitrary<Case> {
  const argv = argvOf(
    ['simulate'],
    [dirOnly('--out'), opt('--items', val(['10', '12', '40'], ['9', '0', '100001', '1e3', '']))],
    [opt('--seed', seed), flag('--force'), flag('--json')],
    3,
  );
  // An earlier simulation folder with other contents: simulate must stop unless --force.
  const inputs: fc.Arbitrary<Inputs> = fc.constantFrom<Inputs>(
    { files: {}, names: {} },
    { files: { 'out/models.csv': 'model\nx\n' }, names: {}, notes: ['out/models.csv differs'] },
    { files: { 'out/scores.csv': '' }, names: {}, notes: ['out/scores.csv empty'] },
  );
  return cases('simulate', inputs, argv);
}

/** `main` on a folder simulated with 10 items per benchmark (its files maybe corrupted); never the package's own data or figures. */
export function mainCases(sim: Record<string, string>): fc.Arbitrary<Case> {
  const names = Object.keys(sim);
  const inputs = fc.tuple(...names.map(() => F.fileVariant(0.7))).map((vs): Inputs => {
    const files: Record<string, string> = {};
    const notes: string[] = [];
    vs.forEach((v, i) => {
      const [, content] = F.materialize('x', sim[names[i]!]!, { ext: '.csv', corruptions: v.corruptions });
      files[`simdir/${names[i]}`] = content;
      notes.push(F.noteOf(`simdir/${names[i]}`, v.corruptions));
    });
    return { files, names: {}, notes };
  });
  // Only --json reads a folder without the simulated files (main would fill it with the 1200-item default and run long).
  const mode = fc.oneof(
    { weight: 14, arbitrary: fc.tuple(val(['simdir'], ['nope', '.', '', 'blocker', 'simdir/models.csv']).any, fc.constantFrom(['--no-figures'], ['--no-figures'], ['--no-figures'], ['--figures', 'figs'], ['--figures', ''], ['--figures', 'blocker'])).map(([d, f]) => ['--data', d, '--json', ...f]) },
    { weight: 5, arbitrary: fc.constantFrom(['--data', 'simdir', '--no-figures'], ['--data', 'simdir', '--figures', 'blocker'], ['--data', '$DIR/simdir', '--no-figures']) },
    { weight: 1, arbitrary: fc.constantFrom(['--data', 'simdir', '--figures', 'figs'], ['--data', 'simdir', '--figures', 'simdir']) },
  );
  return cases('main', inputs, mode.map((m) => ['main', ...m]));
}

export function evaluateCases(): fc.Arbitrary<Case> {
  const inputs = withJson(tables({ table: ['table', F.CORPUS_TABLE] }, 0.7), 'corpus', 'corpus.json', F.CORPUS_MANIFEST, 0.6);
  const withPolicy = fc.tuple(inputs, F.jsonVariant(0.6)).map(([inp, cs]): Inputs => {
    const [n, t] = F.materializeJson('policy.json', POLICY, cs);
    return { files: { ...inp.files, [n]: t }, names: { ...inp.names, policy: n }, notes: [...inp.notes!, F.noteOf('policy.json', cs)] };
  });
  const outFile = (good: string[]) => val([...good, `o/${good[0]}`, `$DIR/${good[0]}`], ['', '.', 'existing', 'blocker/x', '@corpus', '@table', '@policy']);
  const argv = argvOf(
    ['evaluate'],
    [opt('--corpus', val(['@corpus'], ['@table', '@policy', 'nope.json', '.', ''])), opt('--threads', val(['1'], ['0', '65', '2'])), opt('--bootstrap', smallBootstrap)],
    [
      opt('--only', val(['fam', 'fam1', 'fam2'], ['nope', ''])),
      opt('--methods', val(['carry', 'carry,e2e-linear', 'e2e-logistic,pop-curve', 'cod'], ['nope', 'carry,,', 'default', ''])),
      opt('--seed', seed),
      flag('--json'),
      flag('--csv'),
      opt('--rows', outFile(['rows.csv'])),
      opt('--chart', outFile(['c.svg', 'c.vl.json'])),
      opt('--chart', val(['c.png'], ['c.txt', 'c', 'c.SVG'])),
      opt('--write-policy', outFile(['p.json'])),
      opt('--policy', val(['@policy'], ['@corpus', 'nope.json', '.'])),
      flag('--cross-validate'),
    ],
    3,
    20,
  );
  return cases('evaluate', withPolicy, argv);
}

// ---- any command, free-form -----------------------------------------------------------------------------

/** Command lines of random tokens (no `main` or `evaluate`: unguarded they write into the package or read ../shared). */
export function freeFormCases(): fc.Arbitrary<Case> {
  const heads = ['inspect', 'fit', 'predict', 'backtest', 'cluster', 'density', 'report', 'simulate', 'plot', 'plot scaling', 'plot clusters', 'plot mapping', 'plot backtest', 'plot density', 'plot chinchilla', 'plot nope', 'help', 'help predict', 'nope', '', '--help', '-V', '--version', 'plot help'];
  const options = allOptions();
  const values = ['@scores', '@models', '@fit', 'lad', 'lad-big', 'lad-0,lad-1,lad-2,lad-3,lad-4,lad-5', 'gen', 'mc', 'gen=0.25', 'cod', 'all', 'kmeans', 'compute', 'params', 'params,tokens', 'loss', 'chinchilla', 'power-offset', 'out', 'json', 'svg', 'ref', '0', '1', '2', '3', '10', '1e23', '70B'];
  const token = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...options) }, { weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 2, arbitrary: F.junk }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }).filter((t) => !t.includes('/') && t !== '..' && !t.startsWith('~')) });
  const argv = fc.tuple(fc.constantFrom(...heads), fc.array(token, { maxLength: 10 })).map(([h, ts]) => [...(h === '' ? [] : h.split(' ')), ...ts]);
  return cases('free-form', tables({ scores: ['scores', F.LADDER_SCORES], models: ['models', F.LADDER_MODELS], fit: ['points', F.FIT_TABLE] }, 0.8), argv);
}

// ---- monitor ----------------------------------------------------------------------------------------------

/** Checkpoints of four ladder runs to step 1,000 and of `run` to step 400, on two benchmarks. */
const CHECKPOINTS = (() => {
  const rows = ['model,step,tokens,task,acc,shots'];
  const runs: [string, number, number][] = [['lad-0', 0.3, 1000], ['lad-1', 0.4, 1000], ['lad-2', 0.5, 1000], ['lad-3', 0.6, 1000], ['run', 0.55, 400]];
  for (const [run, top, last] of runs) {
    for (let step = 100; step <= last; step += 100) {
      for (const [task, scale] of [['arc', 1], ['piqa', 0.8]] as const) rows.push(`${run},${step},${step * 2e6},${task},${(scale * top * (1 - Math.exp(-step / 300))).toFixed(4)},0`);
    }
  }
  return `${rows.join('\n')}\n`;
})();

export function monitorCases(): fc.Arbitrary<Case> {
  const argv = argvOf(
    ['monitor'],
    [
      opt('-s', val(['@scores'], ['@models', '.', 'nope.csv', 'existing', 'blocker'])),
      opt('--run', val(['run', 'run', 'lad-3'], ['nope', '', 'RUN'])),
      either(opt('--until-step', val(['1000', '2000', '100000'], ['400', '0', '-1', '1.5', 'x', '1e400'])), opt('--until-tokens', val(['2e9', '4B', '1e12'], ['8e8', '0', 'x', '-5']))),
    ],
    [
      opt('--ladder', val(['lad-0,lad-1,lad-2,lad-3', 'lad-3', 'none'], ['nope', 'run', 'lad-0,,', ''])),
      opt('-m', val(['@models'], ['@scores', 'nope.csv', '.'])),
      opt('--metric', val(['acc'], ['nope', 'shots', 'task'])),
      opt('--where', val(['shots=0', 'step>=200', 'task=arc'], ['nope=1', 'shots', 'step<x', 'task=zz'])),
      opt('--as-of-step', val(['300', '1000'], ['50', '-1', 'x', '1.5'])),
      opt('--chart', val(['m.vl.json', 'out/m.svg'], ['m.txt', '@scores', '@models', '.'])),
      either(flag('--json'), flag('--csv')),
    ],
    4,
    10,
  );
  return cases('monitor', tables({ scores: ['checkpoints', CHECKPOINTS], models: ['models', F.LADDER_MODELS] }, 0.5), argv);
}
