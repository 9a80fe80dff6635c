"""The inputs of one costing: prices (table + PRICE_TABLE), the workload (measured or default), assumptions."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from biometry.hosting.options import Assumptions, Context
from biometry.hosting.workload import Workload, default_workload, workload_from_eval, workload_from_results
from biometry.metering import price_table


def cost_context(
    *,
    eval_json: Path | None = None,
    results_dir: Path | None = None,
    llm_share: float | None = None,
    scan_share: float | None = None,
    assumptions: Assumptions | None = None,
    env: Mapping[str, str] | None = None,
) -> Context:
    """Prices from the one table, the workload from an evaluation or results (else the defaults), shares overridden."""
    workload = _workload(eval_json, results_dir)
    if llm_share is not None or scan_share is not None:
        workload = workload.with_shares(llm=llm_share, scan=scan_share)
    prices = price_table(os.environ if env is None else env)
    return Context(prices=prices, workload=workload, assumptions=assumptions or Assumptions())


def _workload(eval_json: Path | None, results_dir: Path | None) -> Workload:
    if eval_json is not None:
        return workload_from_eval(eval_json)
    if results_dir is not None:
        return workload_from_results(results_dir)
    return default_workload()
