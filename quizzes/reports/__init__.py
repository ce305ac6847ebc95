from .indicators import (
    GROUP_BY,
    PERIODS,
    TOTAL,
    Report,
    ReportFilters,
    ReportRow,
    as_decimal,
    indicator_report,
    suppress,
)
from .stats import mean_interval, t_quantile, wilson_interval

__all__ = [
    "GROUP_BY",
    "PERIODS",
    "TOTAL",
    "Report",
    "ReportFilters",
    "ReportRow",
    "as_decimal",
    "indicator_report",
    "mean_interval",
    "suppress",
    "t_quantile",
    "wilson_interval",
]
