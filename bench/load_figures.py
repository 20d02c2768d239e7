"""The load test's figures: percentiles of the samples, and the row each run adds to the table."""

import statistics


def percentile(values, q):
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summarise(samples, seconds) -> dict:
    times = sorted(s[1] for s in samples)
    errors = [s for s in samples if not s[2]]
    result = {
        "requests": len(samples),
        "rps": len(samples) / seconds,
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "errors": len(errors),
        "error_kinds": sorted({str(s[3]) for s in errors}),
    }
    for kind in ("read", "write"):
        kind_times = sorted(s[1] for s in samples if s[0] == kind)
        result[f"{kind}s"] = len(kind_times)
        result[f"{kind}_p95"] = percentile(kind_times, 95)
    return result


HEADER = (
    "| database | think s | requests | req/s | p50 ms | p95 ms | p99 ms | reads / writes | write p95 ms "
    "| errors | database is locked | server CPU s / wall s | server CPU ms per request "
    "| load avg before → after |\n"
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
)


def render_row(r: dict) -> str:
    errors = f"{r['errors']}" + (f" ({', '.join(r['error_kinds'])})" if r["errors"] else "")
    return (
        f"| {r['vendor']} | {r['think']:g} | {r['requests']:,} | {r['rps']:.1f} | {r['p50'] * 1e3:.0f} "
        f"| {r['p95'] * 1e3:.0f} | {r['p99'] * 1e3:.0f} | {r['reads']:,} / {r['writes']:,} "
        f"| {r['write_p95'] * 1e3:.0f} | {errors} | {r['locked']} "
        f"| {r['server_cpu']:.0f} / {r['seconds']:.0f} | {r['server_cpu'] / max(r['requests'], 1) * 1e3:.0f} "
        f"| {r['load'][0]:.1f} → {r['load'][1]:.1f} |"
    )
