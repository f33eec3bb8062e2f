r"""One way to write a number on screen, for every page, table, caption and chart label.

`fmt` writes ``0.4085``, ``12.5``, ``1.2e-14`` or ``3.4e+38``: never a row of zeros
(``0.00000000000009``), never ``4.085E-1``, never ``-0``. Plain decimals between 1e-4 and
1e6, scientific notation outside, always with ``digits`` significant digits at most and
no trailing zeros. That is the text for links, files and boxes a reader may type into; on
the page a student reads `fmt_text`'s ``1.2×10⁻¹⁴``, and in a chart `fmt_chart`'s and
`fmt_power`'s. Where the values themselves are the app's to choose (softmax's
temperatures, a parameter swept on a log scale), `round_log_steps` picks ones that read
that way, and `round_stride` the step of an even run (a sweep, the race's frames).

>>> fmt(0.408529), fmt(1.2345e-14), fmt(123456789.0), fmt(-0.0), fmt(1e-4), fmt(2.0)
('0.4085', '1.235e-14', '1.235e+08', '0', '0.0001', '2')
"""

from __future__ import annotations

import math

__all__ = ["fmt", "fmt_text", "fmt_list", "fmt_chart", "fmt_power", "fmt_tex", "round_log_steps",
           "round_stride", "FIXED_MIN", "FIXED_MAX"]

FIXED_MIN = 1e-4  # |x| below this (and not 0) is written in scientific notation
FIXED_MAX = 1e6  # |x| at or above this too


def fmt(x, digits: int = 4) -> str:
    """``x`` as short text with at most ``digits`` significant digits.

    ``nan``, ``inf`` and ``-inf`` are spelled out; zero (of either sign) is ``0``.
    """
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    digits = max(1, int(digits))
    # Round first: 9.99996 at 4 digits is 10, which decides between the two notations.
    rounded = float(f"{x:.{digits - 1}e}")
    if FIXED_MIN <= abs(rounded) < FIXED_MAX:
        exponent = math.floor(math.log10(abs(rounded)))
        decimals = max(digits - 1 - exponent, 0)
        text = f"{rounded:.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}e{sign}{abs(int(exponent)):02d}"


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")  # the last: U+207B


def _with_power(x, digits: int, power, times: str) -> str:
    """:func:`fmt` with its scientific notation written as ``mantissa``, ``times``, then
    ``power(exponent)`` for the power of ten (a mantissa of 1 or -1 as the power alone, or
    its sign); plain decimals, nan and inf as `fmt` writes them."""
    text = fmt(x, digits)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    written = power(int(exponent))
    return mantissa[:-1] + written if mantissa in ("1", "-1") else f"{mantissa}{times}{written}"


def fmt_text(x, digits: int = 4) -> str:
    """:func:`fmt` for a number a student reads on the page (a sentence, a table's cell, a
    metric): scientific notation as a power of ten in superscripts, ``5.636×10⁻⁵``, as the
    log axes beside it write their ticks, where ``5.636e-05`` is programmers' shorthand
    that reads as the number e. Plain decimals (and a negative number's hyphen) as `fmt`
    writes them, so a value the reader typed reads back as typed.

    >>> fmt_text(5.636e-5), fmt_text(-1e300), fmt_text(0.25), fmt_text(float("inf"))
    ('5.636×10⁻⁵', '-10³⁰⁰', '0.25', 'inf')
    """
    return _with_power(x, digits, lambda e: "10" + str(e).translate(_SUPERSCRIPT), "\u00d7")


def fmt_list(values, digits: int = 4, sep: str = ", ") -> str:
    """Several numbers, each through :func:`fmt`, joined by ``sep``."""
    return sep.join(fmt(v, digits) for v in values)


def fmt_chart(x, digits: int = 4) -> str:
    """:func:`fmt_text` for a number drawn inside a chart (a bar's label) or naming what one
    shows, with a true minus sign (U+2212), as Plotly writes its own tick labels: ``−2.44``
    beside the axis's ``−2``, where a hyphen reads shorter and, on a projector, thinner (and
    a screen reader says "minus"); ``−4.54×10⁻⁵`` in scientific notation. Not for text a
    reader may copy into a box: the app's parsers take the hyphen."""
    return fmt_text(x, digits).replace("-", "\u2212")


def fmt_power(x, digits: int = 4) -> str:
    """:func:`fmt_chart` for a tick label of a log axis: a number in scientific notation is
    a power of ten in Plotly's markup, as Plotly writes the powers of ten of such an axis
    (``2×10⁻⁸`` beside its ``10⁻⁸``, not ``2e-08``), and a quarter larger, as Plotly sets
    them so that the exponent stays legible.

    >>> fmt_power(2e-8)
    '<span style="font-size:125%">2×10<sup>−8</sup></span>'
    >>> fmt_power(1e-8), fmt_power(0.07)
    ('<span style="font-size:125%">10<sup>−8</sup></span>', '0.07')
    """
    text = fmt(x, digits)
    if "e" not in text:  # a plain decimal, or nan / inf
        return fmt_chart(x, digits)
    mantissa, exponent = text.split("e")
    power = f"10<sup>{int(exponent)}</sup>".replace("-", "\u2212")
    if mantissa != "1":
        power = f"{fmt_chart(float(mantissa))}\u00d7{power}"
    return f'<span style="font-size:125%">{power}</span>'


def fmt_tex(x, digits: int = 4) -> str:
    r""":func:`fmt` for a number inside a TeX formula: scientific notation as a power of ten
    (TeX would set ``8.166e-05`` as a product with the variable e, minus 5).

    >>> fmt_tex(-8.1659e-5), fmt_tex(0.25), fmt_tex(1e20)
    ('-8.166 \\times 10^{-5}', '0.25', '10^{20}')
    """
    return _with_power(x, digits, lambda e: f"10^{{{e}}}", r" \times ")


# Ten round mantissas a decade (steps of x1.2 to x1.33): a logarithmic run whose every value
# reads cleanly (0.25, never 0.2512) and whose decades and threes fall every fifth step.
ROUND_MANTISSAS = ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8")


def round_log_steps(lo: float, hi: float) -> tuple[float, ...]:
    """The values ``m * 10**e`` (``m`` in `ROUND_MANTISSAS`) from ``lo`` to ``hi``, both ends
    included: ``round_log_steps(0.5, 20)`` is 0.5, 0.6, 0.8, 1, 1.2, ... 15, 20."""
    decades = range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)
    inner = [v for e in decades for m in ROUND_MANTISSAS if lo < (v := float(f"{m}e{e}")) < hi]
    return (float(lo), *inner, float(hi))


def round_stride(span: float, most: int, unit: float = 1.0) -> float:
    """The finest round stride (1, 2 or 5 times a power of ten) that is a whole number of
    ``unit`` and crosses ``span`` in at most ``most`` strides: ``round_stride(200, 30)`` is
    10 (frames at step 0, 10 ... 200), ``round_stride(6, 50, 0.1)`` is 0.2."""
    return next(k for k in (m * 10.0 ** e for e in range(-6, 16) for m in (1, 2, 5))
                if k >= span / most * (1 - 1e-9) and abs(k / unit - round(k / unit)) < 1e-9)
