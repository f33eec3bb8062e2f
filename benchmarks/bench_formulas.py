"""How long does a typed formula take the first time? A stress table, and a search for worse.

Each formula of the table is parsed "first time": SymPy's cache and the library's cache are
cleared before every run, so each run does all the symbolic work (build, differentiate,
compile, print LaTeX, estimate properties). Per formula the median of ``--runs`` cold runs is
printed (wall and CPU time), with whether it was accepted or refused (and why), and the estimated size of its
derivative (`activations.custom._work`). The slowest accepted and slowest refused formulas
close the table. ``--search N`` then mutates the slowest accepted formulas N times
(hill-climbing within the limits: wrap in a function, multiply, nest, swap a function) and
prints the worst it found. This reports numbers; it asserts nothing about time.

    .venv/bin/python benchmarks/bench_formulas.py [--runs 5] [--search 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sympy.core.cache import clear_cache  # noqa: E402

from activations import custom  # noqa: E402
from activations.custom import FUNCTIONS, LIMITS, ExpressionError, parse_activation  # noqa: E402


def _nest(fn: str, n: int, inner: str = "x") -> str:
    return f"{fn}(" * n + inner + ")" * n


N = LIMITS.max_nesting
# (what, formula): the kinds the issue named, at and just past the limits, and the worst
# kinds earlier searches found.
TABLE = [
    ("GELU (a typical formula)", "0.5 * x * (1 + erf(x / sqrt(2)))"),
    ("Mish", "x * tanh(softplus(x))"),
    (f"tanh nested {N}", _nest("tanh", N)),
    (f"erf nested {N}", _nest("erf", N)),
    (f"log nested {N}", _nest("log", N)),
    (f"sigmoid nested {N}", _nest("sigmoid", N)),
    (f"exp nested {N}", _nest("exp", N)),
    (f"max nested {N}", "max(" * N + "x" + ", x)" * N),
    (f"x**x tower of {N + 1}", "x" + "**x" * N),
    ("erf/tanh nested 4, times 3", " * ".join(["erf(tanh(erf(tanh(x))))"] * 3)),
    ("erf/tanh nested 4, times 4", " * ".join(["erf(tanh(erf(tanh(x))))"] * 4)),
    ("erf/tanh nested 4, times 5", " * ".join(["erf(tanh(erf(tanh(x))))"] * 5)),
    ("12 functions times 8 parameters (refused)",
     "sin(x)*cos(x)*tanh(x)*erf(x)*sigmoid(x)*softplus(x)*exp(x)*log(x)*sqrt(x)*abs(x)"
     "*expm1(x)*log1p(x)*x*a*b*c*d*f*g*h"),
    ("sum of 14 functions (refused)", " + ".join(f"{f}(a*x)" for f in FUNCTIONS if FUNCTIONS[f] == 1)
     + " + max(x, b) + min(x, c)"),
    ("powers of functions", "tanh(x)**a * erf(x)**b * sigmoid(x)**c * log(x)**d"),
    ("6 functions times 7 parameters",
     "sin(x)*cos(x)*tanh(x)*erf(x)*sigmoid(x)*softplus(x)*a*b*c*d*f*g*h"),
    ("8 functions times 7 parameters (refused)",
     "sin(x)*cos(x)*tanh(x)*erf(x)*sigmoid(x)*softplus(x)*exp(x)*log(x)*a*b*c*d*f*g*h"),
    ("sum of 8 functions", "erf(a*x) + tanh(b*x) + sqrt(c*x) + log1p(d*x) + sin(f*x) + "
     "cos(g*x) + sigmoid(h*x) + max(x, i)"),
    (f"tanh nested {N + 1} (refused)", _nest("tanh", N + 1)),
    ("tanh nested 19 (refused)", _nest("tanh", 19)),
    ("exp nested 8, then 9 (refused)", _nest("exp", 9)),
    ("x**x tower of 20 (refused)", "x" + "**x" * 19),
    ("erf/tanh nested 4, times 6 (refused?)", " * ".join(["erf(tanh(erf(tanh(x))))"] * 6)),
    ("100 parts (refused)", "x+" * 99 + "x"),
    ("unknown name at the end", "x" + "**x" * 7 + " + foo(x)"),
]


# What a running server has parsed before: SymPy's cache then holds x, common
# subexpressions and what it learnt about them.
WARM_UP = ["x * sigmoid(x)", "max(x, 0)", "x * tanh(softplus(x))", "log(1 + exp(x))",
           "0.5 * x * (1 + erf(x / sqrt(2)))", "a * x + b * sin(c * x) ** 2"]


def first_parse(text: str, runs: int, warm: bool = True) -> tuple[float, float, str]:
    """Median wall and CPU ms of ``runs`` first parses of ``text``, and "ok" or the
    refusal's code. Before each, SymPy's cache is emptied (and, when ``warm``, filled with
    `WARM_UP`, as in a server that has parsed other formulas) and the library's cache too.
    On a shared machine the CPU time is close to what a quiet machine's wall time would be.
    """
    wall, cpu, outcome = [], [], "ok"
    for _ in range(runs):
        clear_cache()
        for other in WARM_UP if warm else ():
            parse_activation(other)
        custom._parse_cached.cache_clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        try:
            parse_activation(text)
        except ExpressionError as err:
            outcome = err.code
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.thread_time() - start_cpu) * 1e3)
    return statistics.median(wall), statistics.median(cpu), outcome


def derivative_parts(text: str) -> int | str:
    try:
        tree = ast.parse(text.strip(), mode="eval")
        return custom._work(tree.body, lambda node: 0).dsize
    except (SyntaxError, KeyError, AttributeError, RecursionError):
        return "-"


UNARY = [f for f, n in FUNCTIONS.items() if n == 1]


def mutate(text: str, rng: random.Random) -> str:
    """A nearby formula: more nesting, another factor or term, or another function."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.choice(UNARY)}({text})"
    if kind == 1:
        return f"({text}) * {rng.choice(UNARY)}(x)"
    if kind == 2:
        return f"({text}) ** x"
    if kind == 3:
        return f"max({text}, {rng.choice(UNARY)}(x))"
    names = [f for f in UNARY if f + "(" in text]
    if names:
        old = rng.choice(names)
        return text.replace(old + "(", rng.choice(UNARY) + "(", 1)
    return f"{rng.choice(UNARY)}({text})"


def search(seeds: list[str], steps: int, runs: int, rng: random.Random):
    """Hill-climb from ``seeds`` towards the slowest accepted first parse."""
    pool = [(first_parse(s, runs)[1], s) for s in seeds]
    for _ in range(steps):
        pool.sort(reverse=True)
        base = rng.choice(pool[:5])[1]
        text = mutate(base, rng)
        if len(text) > LIMITS.max_length:
            continue
        _, ms, outcome = first_parse(text, runs)
        if outcome == "ok":
            pool.append((ms, text))
    pool.sort(reverse=True)
    return pool[:5]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold parses per formula")
    parser.add_argument("--search", type=int, default=0, help="mutation steps (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    parse_activation("x * sigmoid(x)")  # SymPy's lazy imports: once per process, not counted
    print(f"load average {os.getloadavg()[0]:.2f}; limits: {LIMITS.max_nodes} parts, "
          f"depth {LIMITS.max_depth}, nesting {LIMITS.max_nesting}, derivative "
          f"{LIMITS.max_derivative} parts")
    print("First parses in ms: CPU and wall time in a server that has parsed other formulas "
          "(warm), CPU time with SymPy's cache empty (cold); parts: estimated parts of f'(x)")
    print(f"{'CPU':>6} {'wall':>6} {'cold':>6}  {'outcome':<21} {'parts':>5}  formula")
    rows = []
    for what, text in TABLE:
        wall, cpu, outcome = first_parse(text, args.runs)
        cold = first_parse(text, args.runs, warm=False)[1]
        rows.append((cpu, wall, cold, outcome, text))
        print(f"{cpu:6.1f} {wall:6.1f} {cold:6.1f}  {outcome:<21} {derivative_parts(text):>5}  "
              f"{what}: {text[:40]}")
    for kind, chosen in (("accepted", [r for r in rows if r[3] == "ok"]),
                         ("refused", [r for r in rows if r[3] != "ok"])):
        cpu, wall, cold, outcome, text = max(chosen)
        print(f"slowest {kind} first parse: {cpu:.1f} ms CPU, {wall:.1f} ms wall, {cold:.1f} "
              f"ms CPU cold ({outcome}: {text[:50]})")
    if args.search:
        rng = random.Random(args.seed)
        seeds = [r[4] for r in sorted(rows, reverse=True) if r[3] == "ok"][:5]
        best = search(seeds, args.search,
                      max(1, args.runs // 2), rng)
        print(f"\nworst found by {args.search} mutation steps:")
        for _, text in best:
            wall, cpu, _ = first_parse(text, args.runs)  # again, with all the runs
            cold = first_parse(text, args.runs, warm=False)[1]
            print(f"{cpu:6.1f} {wall:6.1f} {cold:6.1f}  {derivative_parts(text):>5}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
