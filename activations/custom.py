r"""Custom activations: a typed formula f(x) becomes an `Activation` with its exact derivative.

>>> from activations.custom import parse_activation
>>> act = parse_activation("x * sigmoid(1.702 * x)")
>>> act.formula
'f(x) = x \\sigma\\left(1.702 x\\right)'
>>> float(act.grad(0.0))
0.5

This is the one place where a stranger's text reaches the server, so the text is never
evaluated as Python. The pipeline, each step an allow-list:

1. **Text** (`_check_text`): a ``str`` of at most ``LIMITS.max_length`` characters, plain
   ASCII letters, digits, spaces and ``+ - * / ( ) . ,`` only. Anything else (``_``, quotes,
   brackets, ``:``, ``^``, tabs, line breaks, any non-ASCII look-alike such as ``−`` or a
   full-width ``ｘ``, which Python itself would NFKC-fold into ASCII names) is refused with its
   position before anything is parsed.
2. **Syntax** (`_parse_tree`): ``ast.parse(text, mode="eval")``. That is ``compile`` with the
   ``PyCF_ONLY_AST`` flag: it builds a syntax tree and never runs code. The tree is then held
   to ``LIMITS.max_nodes`` expression nodes and ``LIMITS.max_depth`` levels of nesting (a flat
   sum or product ``a + b + c`` counts as one level, as it reads).
3. **Grammar** (`_Builder`): a walk over the tree that accepts exactly ``x``; decimal numbers
   (``|v| <= LIMITS.max_literal``); ``+ - * / **``, unary ``-`` (and a harmless unary ``+``);
   single lower-case letters other than ``x`` and ``e`` as free parameters (at most
   ``LIMITS.max_params``; sliders, default 1, range [-5, 5]); and calls of the names in
   `FUNCTIONS` with the right number of positional arguments. Every other node (attributes,
   subscripts, calls of anything else, keyword arguments, ``*args``, lambdas,
   comprehensions, comparisons, ``and``/``or``/``not``, conditionals, tuples, ``yield``,
   ``await``, strings, ``True``, ``...``, complex numbers, hex/octal/binary literals) is
   refused. The walk builds the SymPy expression itself, node by
   node: the text never reaches ``eval``/``exec``/``sympify``/``parse_expr``.
4. **Work** (`_work`): before any symbolic step, the tree's cost is read off its shape:
   functions and powers of x nested at most ``LIMITS.max_nesting`` deep, at most
   ``LIMITS.max_calls`` of them, and at most ``LIMITS.max_derivative`` parts in f'(x) as the
   sum, product, quotient, power and chain rules would write it out. SymPy's time goes into
   assumption queries on every new subexpression, so these three bound the first parse of
   the worst accepted formula to a fixed, small amount (``benchmarks/bench_formulas.py``).
5. **Values**: after each node SymPy has folded constants (``2**10`` is 1024). A constant
   exponent must satisfy ``|p| <= LIMITS.max_exponent`` (checked *before* the power is
   built), and every folded number must stay within ``LIMITS.max_constant`` (numerators and
   denominators alike), so ``9**9**9``, ``((999999**10)**10)**10`` or ``1/999999**10**10``
   stop at the first oversized step instead of building a huge integer. A constant part
   that is complex (``sqrt(-1)``, ``log(-2)``, ``(-8)**(1/3)``), undefined (``1/0``,
   ``log(0)``) or not finite in float64 (``exp(1000)``) is refused, as is a base that is a
   constant <= 0 under a variable exponent (``(-2)**x``: its derivative needs ``log(-2)``).
   Non-constant exponents (``x**a``, ``2**x``) are fine: they only cost elementwise work at
   evaluation time.

Refusals are found cheapest first: steps 1-2, then the structure of step 3 (node types,
names, calls, literals) and step 4 before any SymPy work, then the constant parts alone, and
only then the whole expression; nothing is refused after differentiation except by a
defensive check. Refusals take under a millisecond. What passes costs little too: the
slowest first parse the benchmark's table and hill-climbing search found within the limits
is a few tens of milliseconds (then the cache answers).

Choices, stated once:

* **Positions** in messages are 1-based character positions in the typed text. Since only
  ASCII passes step 1, ``ast``'s UTF-8 byte offsets equal character offsets.
* **``e`` is not a parameter**: a learner typing ``e**x`` means Euler's number, and a slider
  named e with default 1 would silently give 1. It is refused with a hint to write
  ``exp(x)``. There are no named constants (no ``pi``, no ``e``): the function list and
  numbers are the whole language, exactly as the issue lists it.
* **Kinks**: ``abs'(u) = sign(u)`` with ``sign(0) = 0`` (as ``torch.abs``), and
  ``max(u, v)' = H(u - v) u' + H(v - u) v'`` with ``H(0) = 1/2`` (as ``torch.maximum`` and
  ``torch.minimum``, which split the gradient evenly at ties). So ``max(x, 0)`` has slope 1/2
  at 0, where the registry's ReLU (``F.relu``) has 0; and the even split makes ties on a
  whole interval (``max(x, abs(x))`` for x > 0) come out right.
* **No simplification** is ever requested (no ``simplify``/``expand``); only SymPy's
  automatic, cheap canonicalisation runs, so what is shown stays close to what was typed.
  SymPy's LaTeX printer would itself call ``simplify`` on some exponents (see `_Latex`), so
  products are printed by our own small rule.
* **Real semantics**: ``x**0.5`` and ``log(x)`` are NaN for x < 0, as in NumPy and PyTorch
  (no complex numbers anywhere); such points are counted as undefined, not refused.
* **Evaluation is our own** (`_Program`), not ``sympy.lambdify``: lambdify builds Python source
  from the expression and ``exec``s it. The source would come from SymPy, not from the user,
  but a tiny straight-line interpreter over the (allow-listed) SymPy node types needs no
  ``exec`` at all, reads as a table (sigmoid -> ``scipy.special.expit``, softplus ->
  ``np.logaddexp(0, u)``, erf -> ``scipy.special.erf``, max -> ``np.maximum`` ...), shares
  common subexpressions, and refuses any node type outside the table.
* **Floating point**: evaluation runs under ``np.errstate(all="ignore")``: overflow gives
  ``inf`` and undefined points (``log(-1)``, ``sqrt(-1)``, ``0/0``, ``inf - inf``) give NaN,
  never a warning. `evaluate_report` counts them so a page can say "the formula overflowed
  at N points" instead of crashing.
* **Caching**: results are cached (``functools.lru_cache``) by the exact text. The cache holds
  nothing about the person beyond the formula itself, and the `Activation` is immutable.
  Rejections are not cached; they are cheap.
* **Properties** other than ``smooth`` and ``cost`` are estimated numerically on a grid over
  [-10, 10] at the default parameters (see `_estimate_properties`); the range is ``"?"``
  (use `estimate_range` for an estimate on a stated interval); kinks are unknown (``()``).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import math
import re
from dataclasses import dataclass

import numpy as np
import sympy as sp
from scipy.special import erf as _np_erf
from scipy.special import expit

from sympy import Mul, Pow
from sympy.printing.latex import LatexPrinter

from .registry import Activation, Param, Properties, as_float_array

__all__ = [
    "ExpressionError", "EvalReport", "Limits", "LIMITS", "FUNCTIONS", "parse_activation",
    "evaluate_report", "estimate_range",
]


@dataclass(frozen=True)
class Limits:
    """What a typed formula may be; each bound keeps parsing and evaluation cheap."""

    max_length: int = 200  # characters of raw text
    max_nodes: int = 100  # expression nodes in the syntax tree
    max_depth: int = 20  # nesting levels (a flat a + b + c is one level)
    # The symbolic work (`_work`, before any is done): each bound below keeps the first
    # parse of the worst formula within reach to a few tens of ms (benchmarks/bench_formulas)
    max_nesting: int = 6  # functions and powers of x inside one another (tanh(tanh(x)) is 2)
    max_calls: int = 8  # functions and powers of x in all
    max_derivative: int = 150  # estimated parts of f'(x) written out
    max_literal: float = 1e6  # magnitude of a typed number
    max_constant: int = 10**15  # folded numbers: magnitude, numerator and denominator
    max_exponent: float = 10.0  # |p| for a constant exponent in u ** p
    max_params: int = 8  # free single-letter parameters (each becomes a slider)
    param_default: float = 1.0
    param_min: float = -5.0
    param_max: float = 5.0
    param_step: float = 0.05


LIMITS = Limits()

# name -> number of positional arguments; the order is the order shown to people.
FUNCTIONS = {
    "exp": 1, "log": 1, "log1p": 1, "expm1": 1, "sqrt": 1, "abs": 1, "sin": 1, "cos": 1,
    "tanh": 1, "sigmoid": 1, "softplus": 1, "erf": 1, "max": 2, "min": 2,
}
_ALLOWED_FUNCTIONS = ", ".join(FUNCTIONS)
_PUNCTUATION = set("+-*/()., ")
# "2x", "3 (x + 1)"; not "log1p(" or "1e5"
_IMPLICIT_PRODUCT = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d*)?\s*(?:[a-df-z]|\()")
_DECIMAL = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# Characters people paste by habit, with what they meant.
_LOOKALIKES = {
    "^": "**", "\u2212": "-", "\u2013": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*",
    "\u00f7": "/", "\u00b2": "**2", "\u00b3": "**3", "\uff58": "x",
}


class ExpressionError(ValueError):
    """A formula was refused. ``str(err)`` says what and where, in English.

    For translated messages a page can use the structured fields instead: ``code`` (a short
    key such as ``"unknown_function"``), ``position`` (1-based, or ``None`` for the whole
    text) and ``info`` (the message's parts, e.g. ``{"name": "foo"}``). ``info`` values may
    be fragments of the typed text: show them as text, never as markdown or HTML.
    """

    def __init__(self, message: str, *, code: str, position: int | None = None, **info):
        super().__init__(message)
        self.code = code
        self.position = position
        self.info = info


def _fail(code: str, what: str, position: int | None = None, hint: str = "", **info):
    where = f" at position {position}" if position is not None else ""
    raise ExpressionError(f"{what}{where}" + (f"; {hint}" if hint else ""),
                          code=code, position=position, **info)


# ---------------------------------------------------------------- SymPy functions
# Our own classes for everything whose SymPy built-in would misbehave here: ``Abs`` and
# ``Max`` differentiate through ``re``/``im`` or refuse arguments SymPy cannot prove real,
# and ``Heaviside``/``sign`` run assumption queries. These have no ``eval``, so SymPy never
# rewrites or evaluates them; ``fdiff`` gives the derivative rules stated in the docstring.


class _Named(sp.Function):
    """A function printed in LaTeX as ``tex(args)``."""

    tex = ""

    def _latex(self, printer, exp=None):
        args = ", ".join(printer._print(a) for a in self.args)
        out = rf"{self.tex}\left({args}\right)"
        return out if exp is None else rf"\left({out}\right)^{{{exp}}}"


class _Step(_Named):
    """Heaviside step with H(0) = 1/2 (torch.maximum's even split at ties)."""

    nargs = 1
    tex = r"\operatorname{H}"


class _Sign(_Named):
    """sign(u), with sign(0) = 0 (torch.abs's derivative at 0)."""

    nargs = 1
    tex = r"\operatorname{sign}"


class _Abs(_Named):
    nargs = 1

    def fdiff(self, argindex=1):
        return _Sign(self.args[0])

    def _latex(self, printer, exp=None):
        out = rf"\left|{printer._print(self.args[0])}\right|"
        return out if exp is None else rf"{out}^{{{exp}}}"


class _Max(_Named):
    nargs = 2
    tex = r"\max"

    def fdiff(self, argindex=1):
        u, v = self.args
        return _Step(u - v) if argindex == 1 else _Step(v - u)


class _Min(_Named):
    nargs = 2
    tex = r"\min"

    def fdiff(self, argindex=1):
        u, v = self.args
        return _Step(v - u) if argindex == 1 else _Step(u - v)


class _Sigmoid(_Named):
    nargs = 1
    tex = r"\sigma"

    def fdiff(self, argindex=1):
        # sigma(u) sigma(-u) rather than sigma (1 - sigma): no cancellation for large u.
        u = self.args[0]
        return _Sigmoid(u) * _Sigmoid(-u)


class _Softplus(_Named):
    nargs = 1
    tex = r"\operatorname{softplus}"

    def fdiff(self, argindex=1):
        return _Sigmoid(self.args[0])


class _Log1p(_Named):
    nargs = 1
    tex = r"\operatorname{log1p}"

    def fdiff(self, argindex=1):
        return 1 / (1 + self.args[0])


class _Expm1(_Named):
    nargs = 1
    tex = r"\operatorname{expm1}"

    def fdiff(self, argindex=1):
        return sp.exp(self.args[0])


_SYMPY_FUNCTIONS = {
    "exp": sp.exp, "log": sp.log, "log1p": _Log1p, "expm1": _Expm1, "sqrt": sp.sqrt,
    "abs": _Abs, "sin": sp.sin, "cos": sp.cos, "tanh": sp.tanh, "sigmoid": _Sigmoid,
    "softplus": _Softplus, "erf": sp.erf, "max": _Max, "min": _Min,
}
assert set(_SYMPY_FUNCTIONS) == set(FUNCTIONS)

X = sp.Symbol("x", real=True)


# ---------------------------------------------------------------- numeric evaluation


def _softplus(u):
    return np.logaddexp(0.0, u)


def _step(u):
    return np.heaviside(u, 0.5)


# SymPy function class -> NumPy/SciPy ufunc. Anything not here (or below) is refused.
_UFUNCS = {
    sp.exp: np.exp, sp.log: np.log, sp.sin: np.sin, sp.cos: np.cos, sp.tanh: np.tanh,
    sp.erf: _np_erf, sp.Abs: np.abs, sp.sign: np.sign, _Abs: np.abs, _Sign: np.sign,
    _Step: _step, _Sigmoid: expit, _Softplus: _softplus, _Log1p: np.log1p, _Expm1: np.expm1,
    _Max: np.maximum, _Min: np.minimum,
}


class _Unsupported(Exception):
    """A SymPy node the evaluator has no rule for."""


def _power(p: float):
    """``u ** p`` for a constant ``p``, using the exact ufunc for the common cases."""
    special = {0.5: np.sqrt, 2.0: np.square, -1.0: np.reciprocal}
    if p in special:
        return special[p]
    if p == -0.5:
        return lambda u: np.reciprocal(np.sqrt(u))
    return lambda u: np.power(u, p)


def _product(n_num: int):
    """Product of the first ``n_num`` values divided by the product of the rest."""

    def run(*vals):
        num = functools.reduce(np.multiply, vals[:n_num], np.float64(1.0))
        return num if n_num == len(vals) else num / functools.reduce(np.multiply, vals[n_num:])

    return run


def _sum(*vals):
    return functools.reduce(np.add, vals)


class _Program:
    """A SymPy expression as straight-line code: each distinct subexpression computed once.

    ``steps[i]`` is ``(op, data)``: ``("sym", name)``, ``("const", value)`` or
    ``(fn, arg_slots)``; slot ``i`` holds step ``i``'s value. Building refuses (with
    `_Unsupported`) any node outside the table, so nothing unforeseen can run.
    """

    def __init__(self, expr: sp.Expr):
        self.steps: list[tuple] = []
        self._slots: dict[sp.Basic, int] = {}
        self._emit(expr)  # post-order: the last step is the whole expression
        # frees[j]: slots no step after j reads, dropped then so only live arrays stay in memory
        last_read = {i: j for j, (op, data) in enumerate(self.steps) if callable(op)
                     for i in data}
        self.frees: list[list[int]] = [[] for _ in self.steps]
        for i, j in last_read.items():
            self.frees[j].append(i)

    def _add(self, key, op, data) -> int:
        self.steps.append((op, data))
        self._slots[key] = len(self.steps) - 1
        return self._slots[key]

    def _emit(self, e) -> int:
        if e in self._slots:
            return self._slots[e]
        if e.is_Symbol:
            return self._add(e, "sym", e.name)
        if e.is_Number or e.is_NumberSymbol:
            value = float(e)
            if not math.isfinite(value):
                raise _Unsupported(f"constant {e}")
            return self._add(e, "const", np.float64(value))
        if e.is_Add:
            return self._add(e, _sum, tuple(self._emit(a) for a in e.args))
        if e.is_Mul:
            num = [a for a in e.args if not (a.is_Pow and a.exp == -1)]
            den = [a.base for a in e.args if a.is_Pow and a.exp == -1]
            slots = tuple(self._emit(a) for a in (*num, *den))
            return self._add(e, _product(len(num)), slots)
        if e.is_Pow:
            base = self._emit(e.base)
            if e.exp.is_Number:
                return self._add(e, _power(float(e.exp)), (base,))
            return self._add(e, np.power, (base, self._emit(e.exp)))
        fn = _UFUNCS.get(e.func)
        if fn is None:
            raise _Unsupported(type(e).__name__)
        return self._add(e, fn, tuple(self._emit(a) for a in e.args))

    def __call__(self, env: dict) -> np.ndarray:
        vals: list = [None] * len(self.steps)
        with np.errstate(all="ignore"):  # inf / NaN are reported, not warned about
            for j, (op, data) in enumerate(self.steps):
                if op == "sym":
                    vals[j] = env[data]
                elif op == "const":
                    vals[j] = data
                else:
                    vals[j] = op(*(vals[i] for i in data))
                for i in self.frees[j]:
                    vals[i] = None
        return vals[-1]


def _compile(expr: sp.Expr, position: int | None = None) -> _Program:
    try:
        return _Program(expr)
    except _Unsupported as err:  # pragma: no cover - every allowed function is tested
        _fail("unsupported", f"the formula needs an operation the evaluator lacks ({err})",
              position)


def _constant_value(expr: sp.Expr) -> float:
    """float64 value of a constant expression (NaN where it is not a real number)."""
    return float(_compile(expr)({}))


# ---------------------------------------------------------------- text and tree checks


def _check_text(text) -> None:
    """Type, length and character allow-list; cheap, before anything is parsed."""
    if not isinstance(text, str):
        _fail("type", f"the formula must be text, got {type(text).__name__}")
    if len(text) > LIMITS.max_length:
        _fail("too_long", f"the formula is {len(text)} characters long",
              hint=f"the limit is {LIMITS.max_length}", length=len(text),
              limit=LIMITS.max_length)
    if not text.strip(" "):
        _fail("empty", "the formula is empty", hint="type a formula in x, e.g. x * sigmoid(x)")
    for i, ch in enumerate(text):
        if (ch.isascii() and ch.isalnum()) or ch in _PUNCTUATION:
            continue
        shown = repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"
        meant = _LOOKALIKES.get(ch)
        hint = (f"did you mean '{meant}'?" if meant else
                "use plain ASCII letters, digits, spaces and + - * / ( ) . , only")
        _fail("character", f"character {shown} is not allowed", i + 1, hint, char=ch,
              meant=meant or "")


def _parse_tree(text: str) -> tuple[ast.Expression, int]:
    """``(tree, offset)``: the syntax tree of ``text`` without its leading spaces.

    ``offset`` is the number of leading spaces removed (eval mode refuses an indent), so a
    node's 1-based position in the typed text is ``col_offset + offset + 1``.
    """
    body = text.lstrip(" ")
    offset = len(text) - len(body)
    try:
        tree = ast.parse(body, mode="eval")
    except SyntaxError as err:
        # Python reports 0 (or nothing) for "unexpected end": point at the last character
        pos = min(err.offset if err.offset and err.offset > 0 else len(body), len(body)) + offset
        hint = str(err.msg)
        if _IMPLICIT_PRODUCT.search(body):
            hint += "; write products with *, e.g. 2*x"
        _fail("syntax", "syntax error", pos, hint=hint, detail=str(err.msg))
    except (RecursionError, MemoryError, ValueError):
        _fail("too_deep", "the formula is nested too deeply")
    _check_size(tree, offset)
    return tree, offset


def _group(node) -> str | None:
    """Which flat chain a binary node belongs to: sums read as one level, as do products."""
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return "sum"
        if isinstance(node.op, (ast.Mult, ast.Div)):
            return "product"
    return None


def _check_size(tree: ast.Expression, offset: int) -> None:
    """At most ``max_nodes`` expression nodes and ``max_depth`` nesting levels."""
    count = 0
    stack = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > LIMITS.max_nodes:
            _fail("too_big", "the formula has too many parts",
                  hint=f"the limit is {LIMITS.max_nodes}", limit=LIMITS.max_nodes)
        if depth > LIMITS.max_depth:
            _fail("too_deep", "the formula is nested too deeply",
                  node.col_offset + offset + 1,
                  hint=f"the limit is {LIMITS.max_depth} levels", limit=LIMITS.max_depth)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                # the left operand of a + b + c continues the same chain: no new level
                same = isinstance(node, ast.BinOp) and child is node.left \
                    and _group(child) is not None and _group(child) == _group(node)
                stack.append((child, depth if same else depth + 1))


# ---------------------------------------------------------------- the grammar walk

_NODE_NAMES = {
    ast.Attribute: "attribute access ('.')", ast.Subscript: "indexing ('[...]')",
    ast.Lambda: "a lambda", ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension", ast.GeneratorExp: "a comprehension",
    ast.Compare: "a comparison", ast.BoolOp: "'and' / 'or'", ast.IfExp: "'if ... else'",
    ast.Tuple: "a comma outside max(...) / min(...)", ast.List: "a list", ast.Set: "a set",
    ast.Dict: "a dictionary", ast.Starred: "'*' unpacking", ast.Yield: "yield",
    ast.YieldFrom: "yield", ast.Await: "await", ast.NamedExpr: "':='",
    ast.JoinedStr: "a string", ast.FormattedValue: "a string", ast.Slice: "a slice",
}
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_OTHER_OPS = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.Not: "not", ast.Invert: "~",
}


# Parts of F'(u) for a call F(u): (copies of u, other parts); max/min: of each argument.
_DERIVATIVE_PARTS = {
    "exp": (1, 1), "log": (1, 2), "log1p": (1, 3), "expm1": (1, 1), "sqrt": (1, 4),
    "abs": (1, 1), "sin": (1, 1), "cos": (1, 2), "tanh": (1, 4), "sigmoid": (2, 4),
    "softplus": (1, 1), "erf": (1, 7), "max": (2, 6), "min": (2, 6),
}
assert set(_DERIVATIVE_PARTS) == set(FUNCTIONS)


@dataclass(frozen=True)
class _Work:
    """What differentiating a (sub)formula will cost, read off its syntax tree (`_work`).

    ``size`` counts the parts of f written out as a tree; ``dsize`` those of f' as the sum,
    product, quotient, power and chain rules write it (0 when f is constant in x), with no
    sharing and no simplification, so it bounds what SymPy builds, differentiates and prints.
    ``calls``: calls and powers that hold x (each costs SymPy a few assumption queries).
    ``nesting``: how many of those sit one inside the other, and where the outermost starts.
    """

    size: int
    dsize: int = 0
    calls: int = 0
    nesting: tuple[int, int] = (0, 0)


def _work(node, pos) -> _Work:
    """`_Work` of a checked tree, without SymPy: linear in the tree, recursion <= its depth."""
    if isinstance(node, ast.Constant):
        return _Work(1)
    if isinstance(node, ast.Name):
        return _Work(1, int(node.id == "x"))
    if isinstance(node, ast.UnaryOp):
        w = _work(node.operand, pos)
        return dataclasses.replace(w, size=w.size + 1, dsize=w.dsize + (w.dsize > 0))
    args = [_work(a, pos) for a in (node.args if isinstance(node, ast.Call)
                                    else (node.left, node.right))]
    size = sum(w.size for w in args) + 1
    d = [w.dsize for w in args]
    calls, nesting = sum(w.calls for w in args), max(w.nesting for w in args)
    if not any(d):
        return _Work(size, 0, calls, nesting)
    if isinstance(node, ast.Call):
        copies, other = _DERIVATIVE_PARTS[node.func.id]
        dsize = copies * (size - 1) + other + sum(d) + len(args)
    else:
        (s1, d1), (s2, d2) = [(w.size, w.dsize) for w in args]
        if isinstance(node.op, (ast.Add, ast.Sub)):  # u' + v'
            return _Work(size, d1 + d2 + 1, calls, nesting)
        if isinstance(node.op, ast.Mult):  # u' v + u v'
            return _Work(size, (d1 and d1 + s2 + 1) + (d2 and s1 + d2 + 1) + 1, calls,
                         nesting)
        if isinstance(node.op, ast.Div):  # u' / v - u v' / v**2
            return _Work(size, (d1 and d1 + s2 + 1) + (d2 and s1 + d2 + s2 + 4) + 1, calls,
                         nesting)
        # u**p: p u**(p - 1) u'; u**v: u**v (v' log(u) + v u' / u)
        dsize = 2 * s2 + s1 + d1 + 4 if not d2 else \
            size + (d2 + s1 + 2) + (d1 and s2 + d1 + s1 + 2) + 1
    return _Work(size, dsize, calls + 1, (nesting[0] + 1, pos(node)))


class _Builder:
    """Turns an allow-listed syntax tree into a SymPy expression, cheapest checks first.

    `expression` runs three passes: `check` (structure only -- node types, names, calls,
    literals -- no SymPy), then every maximal constant part is built and checked (numbers
    only, so cheap), then the whole expression is built, reusing those parts. A refusal about
    a name or a constant at the far end of a long formula thus costs no symbolic work.
    """

    def __init__(self, text: str, offset: int = 0):
        self.text = text
        self.offset = offset
        self.params: dict[str, sp.Symbol] = {}
        self._built: dict[ast.expr, sp.Expr] = {}  # node -> its checked expression
        self._constant: set[ast.expr] = set()  # nodes without x or parameters

    def expression(self, root: ast.expr) -> sp.Expr:
        self.check(root)
        self._check_work(root)
        self._mark_constants(root)
        self._constants_first(root)
        return self.build(root)

    def pos(self, node) -> int:
        return node.col_offset + self.offset + 1

    def op_pos(self, node: ast.BinOp) -> int:
        """Position of a binary operator: first character after the left operand's ')'."""
        i = node.left.end_col_offset + self.offset
        while i < len(self.text) and self.text[i] in " )":
            i += 1
        return i + 1

    # -- pass 1: structure, in reading order

    def check(self, node) -> None:
        kind = type(node)
        if kind is ast.Constant:
            self._number(node)
        elif kind is ast.Name:
            self._symbol(node)
        elif kind is ast.UnaryOp:
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                self._bad_operator(node.op, self.pos(node))
            self.check(node.operand)
        elif kind is ast.BinOp:
            self.check(node.left)
            if type(node.op) not in _BINOPS:
                self._bad_operator(node.op, self.op_pos(node))
            self.check(node.right)
        elif kind is ast.Call:
            self._check_call(node)
            for arg in node.args:
                self.check(arg)
        else:
            what = _NODE_NAMES.get(kind, kind.__name__)
            _fail("not_allowed", f"{what} is not allowed", self.pos(node), construct=what)

    def _number(self, node: ast.Constant) -> sp.Expr:
        source = self.text[self.pos(node) - 1:node.end_col_offset + self.offset]
        value = node.value
        if type(value) not in (int, float) or not _DECIMAL.fullmatch(source):
            _fail("number", f"{source!r} is not a number this formula accepts", self.pos(node),
                  hint="write real numbers in decimal, like 2, 0.5 or 1e-3", source=source)
        if not abs(value) <= LIMITS.max_literal:  # also catches inf from 1e999
            _fail("number_too_large", f"the number {source} is too large", self.pos(node),
                  hint=f"numbers are limited to {LIMITS.max_literal:g} in size", source=source)
        return sp.Integer(value) if type(value) is int else sp.Float(value)

    def _symbol(self, node: ast.Name) -> sp.Symbol:
        name = node.id
        if name == "x":
            return X
        if name in FUNCTIONS:
            _fail("function_without_call", f"'{name}' is a function", self.pos(node),
                  hint=f"write {name}(...)", name=name)
        if name == "e":
            _fail("reserved_name", "'e' is not a parameter name", self.pos(node),
                  hint="for Euler's number write exp(...), e.g. exp(x); "
                       "for a parameter pick another letter", name=name)
        if len(name) == 1 and "a" <= name <= "z":
            if name not in self.params and len(self.params) >= LIMITS.max_params:
                _fail("too_many_parameters", "too many parameters", self.pos(node),
                      hint=f"the limit is {LIMITS.max_params}", limit=LIMITS.max_params)
            return self.params.setdefault(name, sp.Symbol(name, real=True))
        _fail("unknown_name", f"unknown name '{name}'", self.pos(node),
              hint="use x, single-letter parameters a-z (not e), numbers and the functions "
                   + _ALLOWED_FUNCTIONS, name=name)

    def _bad_operator(self, op, position: int):
        symbol = _OTHER_OPS.get(type(op), type(op).__name__)
        _fail("operator", f"operator '{symbol}' is not allowed", position,
              hint="use + - * / ** only", operator=symbol)

    def _check_call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            self.check(func)  # refused there, as attribute access
        if not isinstance(func, ast.Name):  # "2 (x + 1)", "(x)(x)": a forgotten '*'
            _fail("not_allowed", "calling an expression is not allowed", self.pos(node),
                  hint="write products with *, e.g. 2 * (x + 1)", construct="call")
        name = func.id
        if name not in FUNCTIONS:
            _fail("unknown_function", f"unknown function '{name}'", self.pos(func),
                  hint=f"allowed: {_ALLOWED_FUNCTIONS}", name=name)
        if node.keywords:
            _fail("keyword", "keyword arguments are not allowed", self.pos(node.keywords[0]),
                  name=name)
        arity = FUNCTIONS[name]
        if len(node.args) != arity:
            _fail("arguments", f"{name}() takes {arity} argument{'s' * (arity > 1)}, "
                  f"got {len(node.args)}", self.pos(func), name=name, expected=arity,
                  got=len(node.args))

    def _check_work(self, root) -> None:
        """Bound the symbolic work before any is done: nesting of functions and powers of
        x, and the size of f'(x) as the chain and product rules write it out."""
        work = _work(root, self.pos)
        if work.nesting[0] > LIMITS.max_nesting:
            _fail("too_nested", "functions and powers of x are nested too deeply",
                  work.nesting[1], hint=f"the limit is {LIMITS.max_nesting}, one inside the "
                  "other", limit=LIMITS.max_nesting)
        if work.calls > LIMITS.max_calls:
            _fail("too_many_calls", "the formula has too many functions and powers of x",
                  hint=f"the limit is {LIMITS.max_calls}", limit=LIMITS.max_calls)
        if work.dsize > LIMITS.max_derivative:
            _fail("derivative_too_large", "the derivative of this formula would be too large",
                  hint=f"it would have about {work.dsize} parts; the limit is "
                       f"{LIMITS.max_derivative}", parts=work.dsize,
                  limit=LIMITS.max_derivative)

    # -- pass 2: constant parts

    def _mark_constants(self, node) -> bool:
        """Record which nodes hold neither x nor a parameter; True if ``node`` is one."""
        if isinstance(node, ast.Name):
            return False
        children = node.args if isinstance(node, ast.Call) else \
            [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
        constant = all([self._mark_constants(c) for c in children])  # visit every child
        if constant:
            self._constant.add(node)
        return constant

    def _constants_first(self, node) -> None:
        if node in self._constant:
            self.build(node)
            return
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) \
                and node.right in self._constant:
            self._check_exponent(self.build(node.right), node.right)
        for child in (node.args if isinstance(node, ast.Call) else ast.iter_child_nodes(node)):
            if isinstance(child, ast.expr):
                self._constants_first(child)

    # -- pass 3: the expression (on a checked tree)

    def build(self, node) -> sp.Expr:
        if node not in self._built:  # ast nodes hash by identity
            rule = self.RULES.get(type(node))  # the allow-list again, as a second line
            if rule is None:
                self.check(node)  # refuses it with the right message
            expr = rule(self, node)
            self._check_value(expr, node)
            self._built[node] = expr
        return self._built[node]

    def _build_unary(self, node: ast.UnaryOp) -> sp.Expr:
        if isinstance(node.op, ast.USub):
            return -self.build(node.operand)
        if isinstance(node.op, ast.UAdd):
            return self.build(node.operand)
        self._bad_operator(node.op, self.pos(node))

    def _build_binary(self, node: ast.BinOp) -> sp.Expr:
        left = self.build(node.left)
        right = self.build(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            return left / right
        if isinstance(node.op, ast.Pow):
            self._check_power(left, right, node)
            return left**right
        self._bad_operator(node.op, self.op_pos(node))

    def _check_exponent(self, p: sp.Expr, node) -> None:
        """A constant exponent is small, so no huge power is ever built symbolically."""
        if not abs(_constant_value(p)) <= LIMITS.max_exponent:
            _fail("exponent_too_large", "the exponent is too large", self.pos(node),
                  hint=f"constant exponents are limited to {LIMITS.max_exponent:g} in size",
                  limit=LIMITS.max_exponent)

    def _check_power(self, base: sp.Expr, p: sp.Expr, node: ast.BinOp) -> None:
        """Exponent as above; a constant base under a variable exponent is positive, so c**u
        and its derivative c**u log(c) are real."""
        if not p.free_symbols:
            self._check_exponent(p, node.right)
        elif not base.free_symbols and not _constant_value(base) > 0:
            _fail("not_real", "a number that is not positive, raised to a variable power, "
                  "is not a real function", self.pos(node.left),
                  hint="use a positive base, e.g. 2**x, or exp(x * log(2))")

    def _build_call(self, node: ast.Call) -> sp.Expr:
        self._check_call(node)
        return _SYMPY_FUNCTIONS[node.func.id](*(self.build(a) for a in node.args))

    RULES = {ast.Constant: _number, ast.Name: _symbol, ast.UnaryOp: _build_unary,
             ast.BinOp: _build_binary, ast.Call: _build_call}

    # -- after every node

    def _check_value(self, expr: sp.Expr, node) -> None:
        """Folded constants stay real, finite and of bounded size."""
        pos = self.pos(node)
        if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            _fail("undefined", "this part is undefined (division by zero?)", pos)
        if expr.has(sp.I):
            _fail("not_real", "this part is not a real number", pos)
        big = LIMITS.max_constant
        for n in expr.atoms(sp.Number):
            too_big = (abs(n.p) > big or n.q > big) if n.is_Rational else not abs(float(n)) <= big
            if too_big:
                _fail("constant_too_large", "a number here is too large", pos,
                      hint=f"numbers computed from the formula are limited to {big:.0e}",
                      limit=big)
        if not expr.free_symbols and not math.isfinite(_constant_value(expr)):
            _fail("not_real", "this part is not a finite real number", pos)


# ---------------------------------------------------------------- LaTeX


class _Latex(LatexPrinter):
    """SymPy's LaTeX printer with a plain ``_print_Mul``.

    SymPy's own splits a product with ``fraction(exact=True)``, which calls
    ``is_constant()`` -- and so ``simplify()``, unbounded -- on any exponent it can prove
    negative (``2**(-cos(x))``, ``exp(-x**2 - 1)``). On user-built expressions that is a way
    to make the server think for seconds. Here only numeric negative exponents and rational
    coefficients go below the fraction bar; nothing is simplified.
    """

    def _print_Mul(self, expr):  # also called by _print_Pow with a Pow (1/x**2)
        tex = ""
        if expr.could_extract_minus_sign():
            expr, tex = -expr, "- "
            if expr.is_Add:
                return tex + rf"\left({self._print(expr)}\right)"
        numer, denom = [], []
        for f in Mul.make_args(expr) if expr.is_Mul else [expr]:
            if f.is_Pow and f.exp.is_Number and f.exp.is_negative:
                denom.append(f.base if f.exp == -1 else Pow(f.base, -f.exp))
            elif f.is_Rational and not f.is_Integer:
                numer += [] if f.p == 1 else [sp.Integer(f.p)]
                denom.append(sp.Integer(f.q))
            else:
                numer.append(f)
        top = self._product(numer)
        return tex + (rf"\frac{{{top}}}{{{self._product(denom)}}}" if denom else top)

    def _product(self, factors) -> str:
        """Factors side by side; ``\\cdot`` between two numbers; brackets where needed."""
        if len(factors) == 1:  # alone (a whole numerator or denominator): no brackets
            return self._print(factors[0])
        factors = sorted(factors, key=lambda f: (not f.is_Number, f.sort_key()))
        out = ""
        for i, f in enumerate(factors):
            t = self._print(f)
            if self._needs_mul_brackets(f, first=i == 0, last=i == len(factors) - 1):
                t = rf"\left({t}\right)"
            if out:  # "2 \\cdot 3^{x}", not "2 3^{x}"
                out += r" \cdot " if _ENDS_IN_DIGIT.search(out) and _STARTS_WITH_DIGIT.match(t) \
                    else " "
            out += t
        return out or "1"


_ENDS_IN_DIGIT = re.compile(r"[0-9][} ]*$")
_STARTS_WITH_DIGIT = re.compile(r"[{ ]*[0-9]")


def _latex(expr: sp.Expr) -> str:
    return _Latex().doprint(expr)


# ---------------------------------------------------------------- code generation

_TORCH = {
    "exp": "torch.exp", "log": "torch.log", "log1p": "torch.log1p", "expm1": "torch.expm1",
    "sqrt": "torch.sqrt", "abs": "torch.abs", "sin": "torch.sin", "cos": "torch.cos",
    "tanh": "torch.tanh", "sigmoid": "torch.sigmoid", "softplus": "torch.nn.functional.softplus",
    "erf": "torch.erf", "max": "torch.maximum", "min": "torch.minimum",
}
_NUMPY = {
    "exp": "np.exp", "log": "np.log", "log1p": "np.log1p", "expm1": "np.expm1",
    "sqrt": "np.sqrt", "abs": "np.abs", "sin": "np.sin", "cos": "np.cos", "tanh": "np.tanh",
    "sigmoid": "scipy.special.expit", "softplus": "np.logaddexp(0, {})",
    "erf": "scipy.special.erf", "max": "np.maximum", "min": "np.minimum",
}
# Python precedence of what we emit; a parameter may be negative, so it binds like unary -.
_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_UNARY, _POW, _ATOM = 3, 4, 5


def _is_plain_constant(node) -> bool:
    """No x and no call inside: in torch this must become a tensor before a torch call."""
    return not any(isinstance(n, ast.Call) or (isinstance(n, ast.Name) and n.id == "x")
                   for n in ast.walk(node))


def _code(node, table: dict, floats: bool = False) -> tuple[str, int]:
    """``(source, precedence)`` of a validated node; parameters become ``{a}`` fields.

    ``floats`` writes integers as floats (``2.0``), for a constant that becomes a tensor.
    """
    if isinstance(node, ast.Constant):
        return repr(float(node.value) if floats else node.value), _ATOM
    if isinstance(node, ast.Name):
        return ("x", _ATOM) if node.id == "x" else ("{" + node.id + "}", _UNARY)
    if isinstance(node, ast.UnaryOp):
        inner, prec = _code(node.operand, table, floats)
        if isinstance(node.op, ast.UAdd):
            return inner, prec
        return "-" + (inner if prec >= _UNARY else f"({inner})"), _UNARY
    if isinstance(node, ast.BinOp):
        left, lp = _code(node.left, table, floats)
        right, rp = _code(node.right, table, floats)
        if isinstance(node.op, ast.Pow):  # right-associative; the base must be an atom
            left = left if lp == _ATOM else f"({left})"
            right = right if rp >= _UNARY else f"({right})"
            return f"{left} ** {right}", _POW
        prec = _PREC[type(node.op)]
        left = left if lp >= prec else f"({left})"
        right = right if rp > prec else f"({right})"
        return f"{left} {_BINOPS[type(node.op)]} {right}", prec
    # a call (validated: a Name in FUNCTIONS with positional arguments)
    args = []
    for a in node.args:
        if table is _TORCH and _is_plain_constant(a):
            args.append(f"torch.tensor({_code(a, table, True)[0]})")
        else:
            args.append(_code(a, table, floats)[0])
    fn = table[node.func.id]
    return (fn.format(*args) if "{}" in fn else f"{fn}({', '.join(args)})"), _ATOM


# ---------------------------------------------------------------- the activation

_GRID = np.linspace(-10.0, 10.0, 2001)  # (2001,) where properties are estimated
_TRANSCENDENTAL = (sp.exp, sp.log, sp.sin, sp.cos, sp.tanh, _Sigmoid, _Softplus, _Log1p,
                   _Expm1)


def _run(program: _Program, x: np.ndarray, params: dict) -> np.ndarray:
    """Evaluate ``program`` at ``x`` (float64 array) with the parameter values; same shape."""
    env = {"x": x, **{k: np.float64(v) for k, v in params.items()}}
    y = np.asarray(program(env), dtype=np.float64)
    return np.broadcast_to(y, np.shape(x)).copy()  # a constant formula still fills x's shape


def _estimate_properties(expr, forward: _Program, derivative: _Program,
                         defaults: dict) -> Properties:
    """Properties from the formula (smooth, cost) and from a grid on [-10, 10] (the rest)."""
    f = _run(forward, _GRID, defaults)  # (2001,)
    g = _run(derivative, _GRID, defaults)  # (2001,)
    fin = np.isfinite(f) & np.isfinite(g)  # judged on the formula's domain only
    monotonic = bool(np.any(fin) and np.all(g[fin] >= -1e-12))
    flat = [bool(np.isfinite(v) and abs(v) < 1e-3) for v in (g[0], g[-1])]
    saturates = {(True, True): "both", (True, False): "negative",
                 (False, True): "positive", (False, False): "none"}[tuple(flat)]
    smooth = not expr.has(_Abs, _Max, _Min, sp.Abs)
    cost = "erf" if expr.has(sp.erf) else (
        "exp" if expr.has(*_TRANSCENDENTAL) or any(
            not p.exp.is_Integer for p in expr.atoms(sp.Pow)) else "cheap")
    return Properties("?", monotonic, smooth, saturates, (), cost)


def parse_activation(text) -> Activation:
    """The activation ``f(x) = text``, or `ExpressionError` saying what is wrong and where.

    The result behaves like a registry item (`activations.get`): ``act(x, **params)``,
    ``act.grad(x, **params)`` (the symbolic derivative), ``act.params`` (one slider per free
    letter, sorted, default 1 on [-5, 5]), LaTeX ``formula``/``derivative_formula`` and code
    templates. Its name is ``"custom"``; it is never registered. Results are cached by text.
    """
    _check_text(text)
    return _parse_cached(text)


@functools.lru_cache(maxsize=256)
def _parse_cached(text: str) -> Activation:
    tree, offset = _parse_tree(text)
    builder = _Builder(text, offset)
    expr = builder.expression(tree.body)
    dexpr = sp.diff(expr, X)
    if dexpr.has(sp.I, sp.zoo, sp.nan, sp.oo, -sp.oo):  # kept out by the checks above
        _fail("not_real", "the derivative of this formula is not a real function")
    forward, derivative = _compile(expr), _compile(dexpr)
    names = sorted(builder.params)
    params = tuple(
        Param(n, LIMITS.param_default, LIMITS.param_min, LIMITS.param_max, LIMITS.param_step,
              f"free parameter {n} of the formula")
        for n in names
    )
    defaults = {p.name: p.default for p in params}

    def fwd(x, **p):
        return _run(forward, x, p)

    def grad(x, **p):
        return _run(derivative, x, p)

    return Activation(
        "custom", f"f(x) = {ast.unparse(tree.body)}", fwd, grad, params=params,
        formula=f"f(x) = {_latex(expr)}", derivative_formula=f"f'(x) = {_latex(dexpr)}",
        properties=_estimate_properties(expr, forward, derivative, defaults),
        torch_template=_code(tree.body, _TORCH)[0],
        numpy_template=_code(tree.body, _NUMPY)[0],
    )


# ---------------------------------------------------------------- reporting


@dataclass(frozen=True)
class EvalReport:
    """Values of f (or f') with a count of where they stopped being finite numbers.

    values: ``act(x)`` (or ``act.grad(x)``), ``x``'s shape and floating dtype.
    overflow: finite inputs where the value is +-inf (beyond the dtype's range).
    undefined: finite inputs where the value is NaN (``log(-1)``, ``0/0``, ``inf - inf``).
    """

    values: np.ndarray
    overflow: int
    undefined: int

    @property
    def ok(self) -> bool:
        return self.overflow == 0 and self.undefined == 0


def evaluate_report(act: Activation, x, *, derivative: bool = False, **params) -> EvalReport:
    """Evaluate ``act`` (or its derivative) at ``x`` without a single floating-point warning.

    Works for registry activations too. A page shows a note when ``not report.ok``.
    """
    xs = as_float_array(x)
    with np.errstate(all="ignore"):  # the float32 cast of a huge value is an overflow too
        y = act.grad(xs, **params) if derivative else act(xs, **params)
    y = np.asarray(y)
    inputs = np.isfinite(xs)
    return EvalReport(y, int(np.count_nonzero(inputs & np.isinf(y))),
                      int(np.count_nonzero(inputs & np.isnan(y))))


def estimate_range(act: Activation, lo: float = -10.0, hi: float = 10.0, n: int = 2001,
                   **params) -> tuple[float, float]:
    """``(min, max)`` of the finite values of ``act`` on ``n`` points of [lo, hi].

    An estimate on that interval only (the true range may be wider); ``(nan, nan)`` when
    no value there is finite.
    """
    y = evaluate_report(act, np.linspace(lo, hi, n), **params).values  # (n,)
    y = y[np.isfinite(y)]
    return (float(y.min()), float(y.max())) if y.size else (math.nan, math.nan)
