"""The SKAB leaderboard's baselines, re-implemented in numpy from their published notebooks' recipes.

Each takes the training rows (the first 400 of a file) and the test rows and returns a 0/1 prediction
per test row, exactly as the leaderboard's pipeline thresholds it:

- T-squared: standardise on train; Hotelling T^2 with the train covariance; rolling median of 5;
  alarm when T^2 > 2 x UCL, UCL = m(n-1)(n+1)/(n(n-m)) x F(m, n-m) quantile at 0.999.
- T-squared+Q (PCA): standardise; PCA keeping 85 % of the variance; T^2 on the scores and Q (the
  squared residual) with SKAB's control limits at 0.999 (its Q limit is kept as published, including
  its use of powers of the residual eigenvalue sum); rolling median of 5; alarm when either exceeds.
- MSET: similarity-based state estimation with the kernel 1 - |x - y| / (|x| + |y|) over the 400
  standardised training rows; relative error |x - x_hat| / |x_hat| averaged over a centred window
  of 60 rows (as SKAB's movmean, which looks 30 rows ahead); alarm above 0.01.
- Isolation forest (scikit-learn, only if installed): contamination 0.0005, random_state 0,
  prediction smoothed by a rolling median of 3.
"""

from __future__ import annotations

import math

import numpy as np


def _standardise(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mu, sd = train.mean(axis=0), train.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    return (train - mu) / sd, (test - mu) / sd


def _rolling_median(x: np.ndarray, w: int) -> np.ndarray:
    """pandas' rolling(w).median(): NaN for the first w - 1 rows."""
    out = np.full(len(x), np.nan)
    if len(x) >= w:
        out[w - 1:] = np.median(np.lib.stride_tricks.sliding_window_view(x, w), axis=1)
    return out


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _betainc(b, a, 1.0 - x)
    log_front = a * math.log(x) + b * math.log1p(-x) - math.log(a) - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    f = d
    for m in range(1, 500):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            f *= c * d
        if abs(c * d - 1.0) < 1e-14:
            break
    return math.exp(log_front) * f


def f_cdf(x: float, d1: float, d2: float) -> float:
    return _betainc(d1 / 2, d2 / 2, d1 * x / (d1 * x + d2)) if x > 0 else 0.0


def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _grid_quantile(cdf, p: float) -> float:
    """SKAB's way: the largest of linspace(0, 15, 10000) whose cdf is still below p."""
    grid = np.linspace(0, 15, 10000)
    below = [g for g in grid if cdf(g) < p]
    return float(below[-1])


def _t2_ucl(m: int, n: int, p: float = 0.999) -> float:
    c = _grid_quantile(lambda v: f_cdf(v, m, n - m), p)
    return m * (n - 1) * (n + 1) / (n * (n - m)) * c


def t_squared(train: np.ndarray, test: np.ndarray) -> np.ndarray:
    tr, te = _standardise(train, test)
    inv = np.linalg.inv(np.cov(tr.T))
    t2 = _rolling_median(np.einsum("ij,jk,ik->i", te, inv, te), 5)
    return np.nan_to_num(t2 > 2 * _t2_ucl(tr.shape[1], len(tr)), nan=0).astype(int)


def t_squared_q(train: np.ndarray, test: np.ndarray, explained: float = 0.85) -> np.ndarray:
    tr, te = _standardise(train, test)
    centre = tr.mean(axis=0)
    cov = np.cov(tr.T)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    ratio = np.cumsum(vals) / vals.sum()
    k = int(np.searchsorted(ratio, explained, side="right") + 1)  # scikit-learn's rule for a fraction
    P = vecs[:, :k]
    scores_tr = (tr - centre) @ P
    inv = np.linalg.inv(np.atleast_2d(np.cov(scores_tr.T)))
    s = (te - centre) @ P
    t2 = _rolling_median(np.einsum("ij,jk,ik->i", s, inv, s), 5)
    resid = np.eye(len(P)) - P @ P.T
    q = _rolling_median(np.einsum("ij,jk,ik->i", te, resid, te), 5)
    # Q limit as SKAB publishes it: eigenvalues in numpy.linalg.eig's order, theta_i = (sum)^i.
    w = np.real(np.linalg.eig(cov)[0])
    rest = float(np.sum(w[k:]))
    th1, th2, th3 = rest, rest ** 2, rest ** 3
    h0 = 1 - 2 * th1 * th3 / (3 * th2 ** 2)
    c = _grid_quantile(norm_cdf, 0.999)
    q_ucl = th1 * (1 + c * h0 * math.sqrt(2 * th2) / th1 + th2 * h0 * (h0 - 1) / th1 ** 2) ** (1 / h0)
    alarm = (np.nan_to_num(t2, nan=-np.inf) > _t2_ucl(k, len(tr))) | (np.nan_to_num(q, nan=-np.inf) > q_ucl)
    return alarm.astype(int)


def _similarity(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """MSET kernel between the columns of A and B: 1 - |a - b| / (|a| + |b|), 1 where equal."""
    na, nb = np.linalg.norm(A, axis=0), np.linalg.norm(B, axis=0)
    dist = np.linalg.norm(A[:, :, None] - B[:, None, :], axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        k = 1.0 - dist / (na[:, None] + nb[None, :])
    return np.where(dist == 0, 1.0, k)


def mset(train: np.ndarray, test: np.ndarray) -> np.ndarray:
    mu, sd = train.mean(axis=0), train.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    D = ((train - mu) / sd).T
    obs = ((test - mu) / sd).T
    W = np.linalg.solve(_similarity(D, D), _similarity(D, obs))
    estimate = (D @ W).T * sd + mu
    rel = np.linalg.norm(test - estimate, axis=1) / np.linalg.norm(estimate, axis=1)
    n, half = len(rel), 30  # SKAB's movmean(window=60): mean of rows j-30 .. j+29, clipped
    c = np.concatenate([[0.0], np.cumsum(rel)])
    lo = np.maximum(np.arange(n) - half, 0)
    hi = np.minimum(np.arange(n) + half, n)
    return ((c[hi] - c[lo]) / (hi - lo) > 0.01).astype(int)


def isolation_forest(train: np.ndarray, test: np.ndarray) -> np.ndarray | None:
    try:
        from sklearn.ensemble import IsolationForest
    except ImportError:
        return None
    model = IsolationForest(random_state=0, n_jobs=-1, contamination=0.0005).fit(train)
    flag = (model.predict(test) == -1).astype(float)  # SKAB: -1 anomaly -> 1
    med = _rolling_median(np.where(flag == 1, 1.0, -1.0), 3)
    return (np.nan_to_num(med, nan=0) == 1).astype(int)


BASELINES = {
    "T-squared": t_squared,
    "T-squared+Q (PCA)": t_squared_q,
    "MSET": mset,
    "Isolation forest": isolation_forest,
}

# The SKAB README's proposed leaderboard (test set only), for printing beside our runs.
LEADERBOARD = {
    "Conv-AE": (0.78, 13.55, 28.02, 23.61, 21.54, 27.55),
    "MSET": (0.78, 39.73, 14.13, 13.84, 10.22, 17.37),
    "T-squared+Q (PCA)": (0.76, 26.62, 24.92, 25.35, 14.51, 31.33),
    "LSTM-AE": (0.74, 29.96, 25.92, 23.51, 20.11, 25.91),
    "T-squared": (0.66, 19.21, 42.6, 19.54, 10.2, 24.31),
    "Isolation forest": (0.29, 2.56, 82.89, 26.16, 19.5, 30.82),
}
