"""Small statistics shared by the fixture scripts of this folder (written from the definitions)."""
import math

import numpy as np
from scipy import stats


def delong(x, y):
    """DeLong et al. (1988) 95% interval of the AUC by the pairwise kernel (ties count one half),
    clipped to [0, 1]; None when a class has fewer than 2 members."""
    x, y = np.asarray(x, float), np.asarray(y, int)
    pos, neg = x[y == 1], x[y == 0]
    if len(pos) < 2 or len(neg) < 2:
        return None
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    var = psi.mean(1).var(ddof=1) / len(pos) + psi.mean(0).var(ddof=1) / len(neg)
    h = stats.norm.ppf(0.975) * math.sqrt(var)
    return [max(0.0, psi.mean() - h), min(1.0, psi.mean() + h)]


def t_interval(x):
    """Mean and two-sided 95% Student-t interval (None for fewer than 2 values)."""
    x = np.asarray(x, float)
    if len(x) < 2:
        return float(x.mean()), None
    h = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
    return float(x.mean()), [float(x.mean() - h), float(x.mean() + h)]
