"""Hosting the LLM tier: what each option costs at a volume, from the price table and measured usage."""

from biometry.hosting.options import OPTIONS, Assumptions, Context, HostingOption, monthly_usd
from biometry.hosting.report import CostReport, break_even_documents, cost_report
from biometry.hosting.workload import Workload, default_workload, workload_from_eval, workload_from_results

__all__ = [
    "OPTIONS",
    "Assumptions",
    "Context",
    "CostReport",
    "HostingOption",
    "Workload",
    "break_even_documents",
    "cost_report",
    "default_workload",
    "monthly_usd",
    "workload_from_eval",
    "workload_from_results",
]
