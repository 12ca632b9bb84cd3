"""Cross-check of validation/epochChinchilla.ts with scipy: the same Huber objective on the same 240
points, minimised by scipy's L-BFGS-B (finite-difference gradients, default tolerances) from every
45th point of Epoch's 4,500-point grid. Run: python3 validation/epochChinchillaScipy.py"""
import csv, itertools, time
from pathlib import Path
import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp

path = Path(__file__).resolve().parent.parent.parent / 'shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv'
rows = list(csv.DictReader(open(path)))
N = np.array([float(r['Model Size']) for r in rows])
C = np.array([float(r['Training FLOP']) for r in rows])
L = np.array([float(r['loss']) for r in rows])
keep = np.argsort(L)[:-5]  # leave out the 5 highest-loss runs
N, D, L = N[keep], (C / (6 * N))[keep], L[keep]


def objective(p, delta=1e-3):
    a, b, e, alpha, beta = p
    pred = logsumexp([a - alpha * np.log(N), b - beta * np.log(D), e * np.ones_like(N)], axis=0)
    return np.sum(huber(delta, pred - np.log(L)))


grid = list(itertools.product(np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5), np.arange(-1, 1.5, 0.5), np.arange(0, 30, 5), np.arange(0, 30, 5)))
best, t = None, time.time()
for alpha, beta, e, a, b in grid[::45]:
    r = minimize(objective, [a, b, e, alpha, beta], method='L-BFGS-B')
    if best is None or r.fun < best.fun:
        best = r
a, b, e, alpha, beta = best.x
print(f'points {len(L)}, starts {len(grid[::45])}, {time.time() - t:.0f} s')
print(f'E {np.exp(e):.5f}  A {np.exp(a):.3f}  B {np.exp(b):.2f}  alpha {alpha:.5f}  beta {beta:.5f}  objective {best.fun:.9e}')
print(f'objective at Epoch\'s published point: {objective(np.array([6.1780, 7.6427, 0.5971, 0.34781, 0.36585])):.9e}')
