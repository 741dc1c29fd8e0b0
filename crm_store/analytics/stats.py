"""Small numeric helpers shared by the analytics modules (percentiles, day spans)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime


def days_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400.0


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None
