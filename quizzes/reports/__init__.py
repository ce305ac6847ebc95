from .cells import Cell, indicator_cells
from .indicators import (
    GROUP_BY,
    PERIODS,
    TOTAL,
    Report,
    ReportFilters,
    ReportRow,
    as_decimal,
    indicator_report,
    protect_siblings,
)
from .release import Box, decide
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
    "protect_siblings",
    "Box",
    "Cell",
    "decide",
    "indicator_cells",
    "t_quantile",
    "wilson_interval",
]
