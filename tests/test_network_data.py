"""The playground's own-data CSV check, its CSV export, and the PyTorch script export."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from activations import export, netdata, training
from activations.custom import parse_activation
from activations.mlp import layer_activations
from activations.netdata import CsvError, read_csv, to_csv

GOOD = b"x1,x2,label\n0.5,-1,0\n1e-3,2,1\n-3,.25,1\n"


def test_a_good_file():
    data = read_csv(GOOD)
    np.testing.assert_array_equal(data.X, [[0.5, -1], [0.001, 2], [-3, 0.25]])
    np.testing.assert_array_equal(data.y, [0, 1, 1])
    assert data.labels == ("0", "1")


def test_columns_in_any_order_extra_ignored_names_sorted_bom_and_blank_lines():
    text = "\ufeffLabel, note ,X2,x1\r\ncat,hi,1,2\r\n\r\ndog,,3,4\r\nant,x,5,6\r\n"
    data = read_csv(text.encode("utf-8"))
    np.testing.assert_array_equal(data.X, [[2, 1], [4, 3], [6, 5]])
    assert data.labels == ("ant", "cat", "dog")
    np.testing.assert_array_equal(data.y, [1, 2, 0])


def test_numeric_labels_sort_as_numbers():
    rows = "".join(f"{i},{i},{lab}\n" for i, lab in enumerate(["10", "-1", "2", "10"]))
    data = read_csv(("x1,x2,label\n" + rows).encode())
    assert data.labels == ("-1", "2", "10")
    np.testing.assert_array_equal(data.y, [2, 0, 1, 2])


def _rows(n, labels=2):
    return "x1,x2,label\n" + "".join(f"{i % 7},{i % 5},{i % labels}\n" for i in range(n))


BAD = [  # (what, file bytes, code, row)
    ("empty", b"", "empty", None),
    ("only blank lines", b"\n \n,,\n", "empty", None),
    ("header only", b"x1,x2,label\n", "empty", None),
    ("10 MB", b"x1,x2,label\n" + b"1,2,0\n" * 1_750_000, "too_big", None),
    ("not UTF-8", b"x1,x2,label\n1,2,\xff\n", "encoding", None),
    ("binary", b"x1,x2,label\n1,2,\x00\n", "encoding", None),
    ("no header", b"1,2,0\n3,4,1\n", "columns", None),
    ("duplicate column", b"x1,x1,x2,label\n1,1,2,0\n", "columns", None),
    ("NaN", b"x1,x2,label\n1,2,0\nnan,1,1\n", "not_finite", 3),
    ("inf", b"x1,x2,label\n1,-inf,0\n0,1,1\n", "not_finite", 2),
    ("overflow", b"x1,x2,label\n1,1e400,0\n0,1,1\n", "not_finite", 2),
    ("text in numbers", b"x1,x2,label\n1,2,0\n3,four,1\n", "not_number", 3),
    ("comma decimal", b'x1,x2,label\n"1,5",2,0\n3,4,1\n', "not_number", 2),
    ("formula cell", b"x1,x2,label\n=cmd|' /C calc'!A0,2,0\n3,4,1\n", "not_number", 2),
    ("formula label", b"x1,x2,label\n1,2,=1+1\n3,4,b\n", "bad_label", 2),
    ("at label", b"x1,x2,label\n1,2,@SUM(A1)\n3,4,b\n", "bad_label", 2),
    ("html label", b"x1,x2,label\n1,2,<b>x</b>\n3,4,b\n", "bad_label", 2),
    ("long label", b"x1,x2,label\n1,2," + b"a" * 30 + b"\n3,4,b\n", "bad_label", 2),
    ("empty label", b"x1,x2,label\n1,2,\n3,4,b\n", "bad_label", 2),
    ("short row", b"x1,x2,label\n1,2\n3,4,1\n", "short_row", 2),
    ("one class", b"x1,x2,label\n1,2,0\n3,4,0\n", "one_class", None),
    ("40 classes", _rows(80, labels=40).encode(), "too_many_classes", None),
    ("10,000 rows", _rows(10_000).encode(), "too_many_rows", None),
]


@pytest.mark.parametrize(("what", "data", "code", "row"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_reason(what, data, code, row):
    with pytest.raises(CsvError) as info:
        read_csv(data)
    assert info.value.code == code
    assert info.value.row == row


def test_limits_are_inclusive():
    data = read_csv(_rows(netdata.MAX_ROWS, labels=5).encode())
    assert len(data.y) == 5000 and data.labels == ("0", "1", "2", "3", "4")


def test_to_csv_reads_back_exactly():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2)) * 1e3
    y = np.arange(30) % 3
    text = to_csv(X, y, labels=("cat", "dog", "eel"), test=np.arange(30) % 4 == 0)
    assert text.splitlines()[0] == "x1,x2,label,set"
    assert text.splitlines()[1].endswith(",cat,test")
    back = read_csv(text.encode())
    np.testing.assert_array_equal(back.X, X)
    np.testing.assert_array_equal(back.y, y)


# ---------------------------------------------------------------- the PyTorch script


def _script(activation, params=None, features=("x1", "x2", "x1_sq"), hidden=(3, 2), **kw):
    r = training.train_mlp("xor", hidden=hidden, activation=activation, params=params,
                           features=features, steps=10, **kw)
    acts = layer_activations(activation, params, len(hidden))[:len(hidden)]
    return r, export.pytorch_script(r.weights, r.biases, acts, r.features)


def test_script_is_python_with_the_trained_weights_written_exactly():
    r, src = _script(["tanh", "leaky_relu"], [{}, {"negative_slope": 0.2}])
    tree = ast.parse(src)  # valid Python
    assigned = {t.id for node in tree.body if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}
    assert {"model", "PARAMETERS"} <= assigned
    params = next(ast.literal_eval(node.value) for node in tree.body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "")
                  == "PARAMETERS")
    assert len(params) == 3
    for (weight, bias), W, b in zip(params, r.weights, r.biases):
        np.testing.assert_array_equal(np.array(weight), W.T)  # torch's (out, in)
        np.testing.assert_array_equal(np.array(bias), b)
    assert "nn.Linear(3, 3)" in src and "nn.Linear(2, 1)" in src
    assert "leaky_relu(x, negative_slope=0.2)" in src
    assert "x1 ** 2" in src


def test_script_of_a_typed_formula_uses_its_generated_code():
    formula = parse_activation("a * x + max(x, 0)")
    _, src = _script(formula, {"a": 0.5}, hidden=(2,))
    ast.parse(src)
    assert "0.5 * x + torch.maximum(x, torch.tensor(0.0))" in src


def test_script_runs_in_torch_and_predicts_like_the_network():
    torch = pytest.importorskip("torch")
    for act, params, kw in (("tanh", None, {}), ("step", None, {}), ("prelu", None, {}),
                            (parse_activation("a * x * tanh(x)"), {"a": 2.0}, {}),
                            ("relu", None, {"dataset_classes": 4})):
        classes = kw.get("dataset_classes")
        r = training.train_mlp("blobs" if classes else "xor", hidden=(3, 2),
                               activation=act, params=params, classes=classes,
                               features=("x1", "x2", "x1x2", "sin_x2"), steps=15)
        acts = layer_activations(act, params, 2)
        src = export.pytorch_script(r.weights, r.biases, acts, r.features)
        space = {"__name__": "exported"}
        exec(compile(src, "network.py", "exec"), space)  # our own generated script
        got = space["predict"](r.X).numpy()
        logits = training.forward(r.X, r.weights, r.biases, act, params, r.features)
        if logits.ndim == 1:
            p = 1 / (1 + np.exp(-logits))
            want = np.column_stack([1 - p, p])
        else:
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            want = e / e.sum(axis=1, keepdims=True)
        np.testing.assert_allclose(got, want, atol=1e-12)
        assert torch.get_default_dtype() == torch.float64
