"""The price table and the cost arithmetic every step's metering goes through."""

from __future__ import annotations

import pytest

from biometry.metering import DEFAULT_PRICES, UnknownPriceError, Usage, build_cost, express_usage, price_table


def test_price_table_overrides_come_from_the_environment() -> None:
    assert price_table({"PRICE_TABLE": '{"runpod_gpu_seconds": 0.001}'})["runpod_gpu_seconds"] == 0.001


def test_an_unpriced_unit_is_an_error_not_a_free_step() -> None:
    with pytest.raises(UnknownPriceError):
        build_cost([Usage(step="x", units={"gpu_hours": 1})], DEFAULT_PRICES)


def test_express_duration_is_billed_in_100_ms_steps_at_64_mb() -> None:
    usage = Usage(step="fast_path")
    express_usage(usage, 101)
    assert usage.units["sfn_express_gb_seconds"] == pytest.approx(0.2 * 64 / 1024)


def test_total_is_the_sum_of_the_steps() -> None:
    cost = build_cost(
        [Usage(step="a", units={"s3_put_requests": 2}), Usage(step="b", units={"sns_publishes": 2})], DEFAULT_PRICES
    )
    assert cost.total_usd == pytest.approx(2 * 0.000005 + 2 * 0.0000005)
