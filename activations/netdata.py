"""A person's own data for the playground: a CSV file checked before use, and the data as CSV.

`read_csv` accepts a file of at most 1 MB and 5,000 rows with the columns ``x1``, ``x2`` and
``label`` (any order, other columns ignored): finite plain numbers for the coordinates and 2
to 5 distinct labels, numbers or short names. Anything else raises `CsvError`, whose
``code`` says what is wrong (and ``row`` where, counting the header as row 1), so the page
can explain it in the reader's language without echoing the file's text.

The text is only parsed, never evaluated: a cell such as ``=cmd|' /C calc'!A0`` is not a
number, and a label that starts like a spreadsheet formula (``= + - @``) is refused, so
data exported again (`to_csv`) can't smuggle a formula into a spreadsheet.

>>> data = read_csv(b"x1,x2,label\\n0,1,a\\n1,0,b\\n")
>>> data.y, data.labels
(array([0., 1.]), ('a', 'b'))
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_BYTES", "MAX_ROWS", "MIN_CLASSES", "MAX_CLASSES", "MAX_LABEL", "CsvError",
           "CsvData", "read_csv", "to_csv", "COLUMNS"]

MAX_BYTES = 1_000_000
MAX_ROWS = 5000
MIN_CLASSES, MAX_CLASSES = 2, 5
MAX_LABEL = 24  # characters of a label
COLUMNS = ("x1", "x2", "label")
# A plain decimal number: no "nan", "inf", "1_000", "0x1f" or spreadsheet formula.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
# A label: an integer, or a name of letters (any script), digits, spaces, "_", "." and "-"
# that starts with a letter, digit or "_" (never "=", "+", "-" or "@", which start formulas).
_INTEGER = re.compile(r"-?\d{1,9}")
_NAME = re.compile(r"[^\W][\w .-]*")


class CsvError(ValueError):
    """Why a file was refused: ``code`` (see `read_csv`), the ``row`` (1 = header) and
    ``column`` where it was found, if any, and ``limit``/``count`` for size problems."""

    def __init__(self, code, message, *, row=None, column=None, limit=None, count=None):
        super().__init__(message)
        self.code, self.row, self.column, self.limit, self.count = code, row, column, limit, count


@dataclass(frozen=True)
class CsvData:
    """A checked file: points (n, 2) float64, labels y (n,) as 0 .. C - 1 (float64, the
    order of ``labels``), and the label texts, numbers sorted as numbers, names as text."""

    X: np.ndarray
    y: np.ndarray
    labels: tuple[str, ...]


def _decode(data: bytes) -> str:
    if not isinstance(data, (bytes, bytearray)):
        raise CsvError("encoding", "the file must be bytes")
    if len(data) > MAX_BYTES:
        raise CsvError("too_big", f"the file has {len(data)} bytes; at most {MAX_BYTES}",
                       limit=MAX_BYTES, count=len(data))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvError("encoding", "the file is not UTF-8 text") from None
    if "\x00" in text:
        raise CsvError("encoding", "the file holds binary data")
    return text


def _number(cell: str, row: int, column: str) -> float:
    cell = cell.strip()
    if _NOT_FINITE.fullmatch(cell):
        raise CsvError("not_finite", f"row {row}: {column} is not a finite number",
                       row=row, column=column)
    if not _NUMBER.fullmatch(cell):
        raise CsvError("not_number", f"row {row}: {column} is not a number",
                       row=row, column=column)
    value = float(cell)
    if not math.isfinite(value):  # 1e400
        raise CsvError("not_finite", f"row {row}: {column} is too large",
                       row=row, column=column)
    return value


def _label(cell: str, row: int) -> str:
    cell = cell.strip()
    if not (0 < len(cell) <= MAX_LABEL and (_INTEGER.fullmatch(cell) or _NAME.fullmatch(cell))):
        raise CsvError("bad_label", f"row {row}: the label must be a number or a short name",
                       row=row, column="label", limit=MAX_LABEL)
    return cell


def read_csv(data: bytes) -> CsvData:
    """The points and labels of a CSV file, or `CsvError` with one of the codes ``too_big``,
    ``encoding``, ``empty``, ``columns``, ``too_many_rows``, ``short_row``, ``not_number``,
    ``not_finite``, ``bad_label``, ``one_class``, ``too_many_classes``."""
    text = _decode(data)
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise CsvError("empty", "the file is empty")
    header = [c.strip().lower() for c in rows[0]]
    if not all(header.count(c) == 1 for c in COLUMNS):
        raise CsvError("columns", "the first row must name the columns x1, x2 and label")
    at = [header.index(c) for c in COLUMNS]
    body = rows[1:]
    if not body:
        raise CsvError("empty", "the file has no data rows")
    if len(body) > MAX_ROWS:
        raise CsvError("too_many_rows", f"{len(body)} rows; at most {MAX_ROWS}",
                       limit=MAX_ROWS, count=len(body))
    X = np.empty((len(body), 2))
    names = []
    for i, r in enumerate(body):
        row = i + 2
        if len(r) <= max(at):
            raise CsvError("short_row", f"row {row} has too few cells", row=row)
        X[i] = _number(r[at[0]], row, "x1"), _number(r[at[1]], row, "x2")
        names.append(_label(r[at[2]], row))
    distinct = set(names)
    if len(distinct) < MIN_CLASSES:
        raise CsvError("one_class", "every row has the same label", count=len(distinct))
    if len(distinct) > MAX_CLASSES:
        raise CsvError("too_many_classes", f"{len(distinct)} labels; at most {MAX_CLASSES}",
                       limit=MAX_CLASSES, count=len(distinct))
    numeric = all(_INTEGER.fullmatch(n) for n in distinct)
    labels = tuple(sorted(distinct, key=int if numeric else str))
    index = {name: k for k, name in enumerate(labels)}
    return CsvData(X, np.array([index[n] for n in names], dtype=np.float64), labels)


def to_csv(X, y, labels=None, test=None) -> str:
    """The points as CSV text that `read_csv` reads back: ``x1,x2,label`` (coordinates
    written exactly, labels as ``labels[k]`` or the class number), plus a ``set`` column
    (``train``/``test``) when ``test`` marks the test points (a boolean (n,) array)."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y).astype(int)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "set"] if test is not None else COLUMNS)
    for i in range(len(X)):
        label = labels[y[i]] if labels is not None else str(y[i])
        row = [repr(float(X[i, 0])), repr(float(X[i, 1])), label]
        writer.writerow(row + (["test" if test[i] else "train"] if test is not None else []))
    return out.getvalue()
