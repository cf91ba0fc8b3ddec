#!/usr/bin/env python3
"""Prints client/baseline ratios, with error bars, from a JMH JSON result (-rf json).

Usage: python3 summarize.py target/jmh-result.json

Pairs every `client` benchmark with the `baseline` of the same class and parameters, measured in the same run.
The ratio's error combines both scores' 99.9% confidence half-widths (relative errors added in quadrature).
With -prof gc it also prints gc.alloc.rate.norm (bytes per operation) and, where the benchmark has an
organizationSize or maxItems parameter, bytes per account.
"""
import json
import math
import sys

LIMIT = 1.10


def num(value):
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def key(entry):
    cls, method = entry["benchmark"].rsplit(".", 1)
    params = tuple(sorted((entry.get("params") or {}).items()))
    return cls.rsplit(".", 1)[-1], params, method


def fmt_params(params):
    return ",".join(f"{k}={v}" for k, v in params) or "-"


def err(metric):
    e = metric.get("scoreError")
    return 0.0 if e is None or (isinstance(e, float) and math.isnan(e)) or e == "NaN" else float(e)


def main(path):
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    by_key = {}
    for entry in results:
        cls, params, method = key(entry)
        by_key[(cls, params, method)] = entry
    rows = []
    order = sorted(by_key.items(), key=lambda kv: (kv[0][0], [(k, num(v)) for k, v in kv[0][1]], kv[0][2]))
    for (cls, params, method), client in order:
        if method != "client":
            continue
        baseline = by_key.get((cls, params, "baseline"))
        if baseline is None:
            continue
        c, b = client["primaryMetric"], baseline["primaryMetric"]
        ratio = c["score"] / b["score"]
        rel = math.sqrt((err(c) / c["score"]) ** 2 + (err(b) / b["score"]) ** 2)
        rows.append((cls, params, b, c, ratio, ratio * rel, client, baseline))

    print(f"{'benchmark':<24} {'params':<22} {'baseline':>24} {'client':>24} {'client/baseline':>17}  verdict")
    worst = 0.0
    for cls, params, b, c, ratio, ratio_err, _, _ in rows:
        unit = b["scoreUnit"]
        verdict = "ok" if ratio <= LIMIT else "OVER 1.10"
        worst = max(worst, ratio)
        print(f"{cls:<24} {fmt_params(params):<22} "
              f"{b['score']:>10.1f} ± {err(b):>6.1f} {unit:<5} "
              f"{c['score']:>10.1f} ± {err(c):>6.1f} {unit:<5} "
              f"{ratio:>9.3f} ± {ratio_err:.3f}  {verdict}")

    alloc_rows = []
    for cls, params, _, _, _, _, client, baseline in rows:
        cn = client.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        bn = baseline.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if cn is None or bn is None:
            continue
        accounts = dict(params).get("organizationSize") or dict(params).get("maxItems")
        alloc_rows.append((cls, params, bn, cn, int(accounts) if accounts else None))
    if alloc_rows:
        print()
        print("Allocation (gc.alloc.rate.norm, this JVM only: the emulator runs in a process of its own)")
        print(f"{'benchmark':<24} {'params':<22} {'baseline B/op':>14} {'client B/op':>14}"
              f" {'baseline B/acct':>16} {'client B/acct':>14} {'client/baseline':>16}")
        for cls, params, bn, cn, accounts in alloc_rows:
            per_b = f"{bn['score'] / accounts:>16.0f}" if accounts else f"{'':>16}"
            per_c = f"{cn['score'] / accounts:>14.0f}" if accounts else f"{'':>14}"
            print(f"{cls:<24} {fmt_params(params):<22} {bn['score']:>14.0f} {cn['score']:>14.0f}"
                  f" {per_b} {per_c} {cn['score'] / bn['score']:>16.3f}")
    print()
    print(f"worst client/baseline time ratio: {worst:.3f} (goal: at most {LIMIT:.2f})")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/jmh-result.json"))
