"""Confidence intervals without SciPy: Wilson for shares, Student's t for means."""

import math
from statistics import NormalDist

Z_95 = NormalDist().inv_cdf(0.975)  # 1.959963984540054


def wilson_interval(successes, n, z=Z_95):
    """95% Wilson score interval for successes / n (Wilson 1927); (None, None) when n is 0."""
    if n <= 0:
        return None, None
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return low, high


def t_quantile(p, df):
    """Quantile of Student's t with `df` degrees of freedom (Hill 1970, algorithm 396).

    Accurate to about 1e-6 for df >= 1, which is far below what reports round to.
    """
    if df <= 0:
        raise ValueError("df must be positive")
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    two_tail = 2 * min(p, 1 - p)
    a = 1 / (df - 0.5)
    b = 48 / (a * a)
    c = ((20700 * a / b - 98) * a - 16) * a + 96.36
    d = ((94.5 / (b + c) - 3) / b + 1) * math.sqrt(a * math.pi / 2) * df
    x = d * two_tail
    y = x ** (2 / df)
    if y > 0.05 + a:
        x = NormalDist().inv_cdf(two_tail * 0.5)
        y = x * x
        if df < 5:
            c += 0.3 * (df - 4.5) * (x + 0.6)
        c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
        y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
        y = a * y * y
        y = math.expm1(y)
    else:
        y = (
            (1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y
            - 1
        ) * (df + 1) / (df + 2) + 1 / y
    t = math.sqrt(df * y)
    return t if p >= 0.5 else -t


def mean_interval(n, total, total_squares, level=0.95):
    """Mean and its t interval from n, sum and sum of squares (what SQL can aggregate)."""
    if n <= 0:
        return None, None, None
    mean = total / n
    if n == 1:
        return mean, None, None
    variance = max(0.0, (total_squares - n * mean * mean) / (n - 1))
    half = t_quantile(1 - (1 - level) / 2, n - 1) * math.sqrt(variance / n)
    return mean, mean - half, mean + half
