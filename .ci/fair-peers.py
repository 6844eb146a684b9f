#!/usr/bin/env python3
"""Issue 13's peers, timed on this machine: numpy implementations of the
Bernoulli(0.1) x LognormalCI90(1e5, 1e6) annual loss and the sampling
core of pyfair's README model. Each prints nanoseconds per simulated
year, the best of REPEATS runs over N years (numpy is single-threaded
for these operations). Run through .ci/bench-fair-peers, which alternates
this script with the Go kernels and prints the ratios.

Needs numpy and scipy (Debian: apt-get install python3-numpy python3-scipy).
pyfair itself is not installed here; the pyfair core below is what its
FairBetaPert.random_variates does for each PERT input (scipy.stats.beta
with loc and scale, drawing from numpy's global generator) followed by
the product-mode arithmetic, without pyfair's model tree and DataFrame
bookkeeping, so it is a lower bound on pyfair's own time.
"""
import math
import os
import sys
import time

import numpy as np
import scipy.stats

N = int(os.environ.get("N", 1 << 20))
REPEATS = int(os.environ.get("REPEATS", 5))

# LognormalCI90(1e5, 1e6): 5th and 95th percentiles.
Z95 = 1.6448536269514722
MU = (math.log(1e5) + math.log(1e6)) / 2
SIGMA = (math.log(1e6) - math.log(1e5)) / (2 * Z95)


def plain(rng):
    # One uniform and one lognormal draw per year.
    return (rng.random(N) < 0.1) * rng.lognormal(MU, SIGMA, N)


def event_years(rng):
    # One uniform per year; magnitudes only for the years with an event.
    ev = rng.random(N) < 0.1
    out = np.zeros(N)
    out[ev] = rng.lognormal(MU, SIGMA, int(ev.sum()))
    return out


def geometric_gaps(rng):
    # No uniform per year: the gaps between event years are geometric.
    k = int(N * 0.1 * 1.2) + 64
    idx = np.cumsum(rng.geometric(0.1, k)) - 1
    idx = idx[idx < N]
    out = np.zeros(N)
    out[idx] = rng.lognormal(MU, SIGMA, idx.size)
    return out


def pert(low, mode, high, gamma=4.0):
    a = 1 + gamma * (mode - low) / (high - low)
    b = 1 + gamma * (high - mode) / (high - low)
    return scipy.stats.beta(a, b, low, high - low)


LEF = pert(20, 100, 900)
PLM = pert(3.0e6, 3.5e6, 5.0e6)


def pyfair_core(_rng):
    lef = LEF.rvs(N)
    lm = PLM.rvs(N) + 3.5e6 * np.ones(N)
    return lef * lm


PEERS = {
    "numpy_plain": plain,
    "numpy_event_years": event_years,
    "numpy_geometric_gaps": geometric_gaps,
    "pyfair_core": pyfair_core,
}


def main():
    np.random.seed(1)
    rng = np.random.default_rng(1)
    want = sys.argv[1:] or list(PEERS)
    for name in want:
        f = PEERS[name]
        f(rng)  # warm up
        best = math.inf
        for _ in range(REPEATS):
            t0 = time.perf_counter_ns()
            x = f(rng)
            best = min(best, time.perf_counter_ns() - t0)
        print(f"{name} {best / N:.3f} ns/year mean={x.mean():.6g}")


if __name__ == "__main__":
    main()
