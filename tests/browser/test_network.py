"""The playground in a real browser: Play advances the frames with no server rerun (and
fast enough), the neuron pictures and the hover formula are there, the export downloads,
and screenshots for review (1280x900, 1280x720 presentation in English and Korean, 390 px).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.browser.conftest import (
    assert_charts_in_view, boxes_overlap, readable_text_problems, screenshot, toolbar_covers,
    wait_charts, wait_idle,
)
from ui.text.network import EN, KO

pytestmark = pytest.mark.browser

FAST = "steps=200"


def _open(page, server, query=FAST, size=(1280, 900)):
    page.set_default_timeout(120_000)  # the first run trains; a shared CI machine is slow
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}/playground?{query}")
    page.wait_for_selector('[data-testid="stMain"] h1')
    wait_idle(page, settle_ms=100)
    return wait_charts(page, timeout=120_000)


PLAY_JS = """() => new Promise(resolve => {
    const gd = document.querySelector('.st-key-playground .js-plotly-plot');
    // What each trace draws: its SVG paths with a shape, and any image (a heatmap's)
    const drawn = () => {
        const out = {};
        gd.querySelectorAll('g.trace').forEach(g => {
            const t = g.__data__ && g.__data__[0] && g.__data__[0].trace;
            if (!t) return;
            out[t.index] = [...g.querySelectorAll('path')]
                .filter(p => (p.getAttribute('d') || '').length > 2).length
                + g.querySelectorAll('image').length;
        });
        return out;
    };
    const before = drawn();
    const app = document.querySelector('[data-testid="stApp"]');
    const states = [];
    const watch = new MutationObserver(
        () => states.push(app.getAttribute('data-test-script-state')));
    watch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    const frames = [];
    gd.on('plotly_animatingframe', e => frames.push([performance.now(), e.name]));
    gd.on('plotly_animated', () => {
        watch.disconnect();
        resolve({frames, states, active: gd.layout.sliders.at(-1).active,
                 count: gd._transitionData._frames.length, before, after: drawn(),
                 traces: gd.data.length});
    });
    const play = [...gd.querySelectorAll('.updatemenu-button')][0];
    play.dispatchEvent(new MouseEvent('click', {bubbles: true}));
})"""


def test_play_advances_the_frames_without_a_rerun(server, page):
    _open(page, server)
    out = page.evaluate(PLAY_JS)
    names = [int(n) for _, n in out["frames"]]
    assert len(names) >= out["count"] - 1  # every frame was shown (from the opening one)
    assert names == sorted(names) and names[-1] == 200
    assert out["active"] == out["count"] - 1  # the slider followed to the last frame
    assert "running" not in out["states"]  # the server ran nothing during playback
    # Every trace drawn at the opening frame is drawn at the last: the inputs' pictures and
    # the loss curves vanished on Play when the frames left them out.
    gone = [int(i) for i, n in out["before"].items() if n and not out["after"].get(i)]
    assert not gone, f"traces erased by Play: {gone}"
    assert sum(map(bool, out["before"].values())) > out["traces"] // 2  # (28 of 41)
    times = [t for t, _ in out["frames"]]
    fps = (len(times) - 1) / ((times[-1] - times[0]) / 1000)
    print(f"playback: {len(times)} frames at {fps:.1f} frames per second")
    assert fps >= 1  # a timing is no test; the figure: README, bench_playground.py --browser


UNIT_JS = """() => {
    const gd = document.querySelector('.st-key-playground .js-plotly-plot');
    // The units' bands move with the frames; the inputs' bands are in them unchanged.
    const frame = gd._transitionData._frames[0];
    const moving = new Set(frame.traces.filter((i, k) => 'x' in frame.data[k]));
    const bands = gd._fullData.filter(t => t.fill === 'toself' && t.xaxis === 'x'
                                           && moving.has(t.index));
    const hover = gd._fullData.find(t => t.hovertext && t.hovertext.length
                                         && String(t.hovertext[0]).startsWith('h'));
    const paths = [...gd.querySelectorAll('.scatterlayer .js-fill')]
        .filter(p => (p.getAttribute('d') || '').length > 10);
    return {bands: bands.length, drawn: paths.length, text: hover.hovertext[0],
            curve: hover.index};
}"""


def test_neuron_pictures_and_hover_formula(server, page):
    _open(page, server)
    unit = page.evaluate(UNIT_JS)
    assert unit["bands"] == 8  # 4 shades of each sign; the middle band is left clear
    assert unit["drawn"] >= 8  # the pictures are there as filled shapes
    assert unit["text"].startswith("h₁,₁ = Tanh(")
    # Plotly's own hover on the first hidden unit (a moved mouse did not raise the label in
    # headless Chromium on the loaded test machine; see the report).
    page.evaluate("""n => Plotly.Fx.hover(
        document.querySelector('.st-key-playground .js-plotly-plot'),
        [{curveNumber: n, pointNumber: 0}])""", unit["curve"])
    label = page.locator(".st-key-playground .hoverlayer .hovertext")
    label.first.wait_for(timeout=10_000)
    text = label.first.text_content()
    assert "h₁,₁ = Tanh(" in text and ("x₁" in text and "x₂" in text)
    screenshot(page, "network-hover", full_page=False)


def test_the_pytorch_script_downloads(server, page):
    _open(page, server)
    with page.expect_download() as info:
        page.get_by_role("button", name=EN["download_py"]).first.click()
    path = info.value.path()
    source = Path(path).read_text(encoding="utf-8")
    ast.parse(source)
    assert "nn.Sequential(" in source and "nn.Linear(2, 4)" in source
    assert info.value.suggested_filename == "playground_network.py"
    with page.expect_download() as info:
        page.get_by_role("button", name=EN["download_csv"]).first.click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "x1,x2,label,set" and len(lines) == 201


def test_continue_trains_further(server, page):
    _open(page, server)
    page.locator(".st-key-btn_continue button").first.click()
    page.locator(f"text={EN['trained'].format(steps=400)}").wait_for(timeout=60_000)
    wait_idle(page)
    slider = page.evaluate("() => document.querySelector('.st-key-playground .js-plotly-plot')"
                           ".layout.sliders.at(-1)")
    assert slider["steps"][slider["active"]]["label"] == "200"


@pytest.mark.parametrize(("name", "query", "size"), [
    ("network-normal", FAST, (1280, 900)),
    ("network-present-en", f"{FAST}&present=true", (1280, 720)),
    ("network-present-ko", f"{FAST}&present=true&lang=ko", (1280, 720)),
    ("network-390", FAST, (390, 844)),
    ("network-multiclass", "steps=200&data=pinwheel&classes=4&layers=3&w3=5&a2=relu"
                           "&feat=x1&feat=x2&feat=x1x2&test=0.5", (1280, 900)),
])
def test_screenshots(server, page, name, query, size):
    _open(page, server, query, size)
    if "present" in name:
        assert_charts_in_view(page, ["playground"])  # the whole figure on the projector
        title = (KO if "ko" in name else EN)["title"]
        assert page.locator(f"h1:has-text('{title}')").count() == 1
    assert not readable_text_problems(page)
    assert not page.js_errors
    if "present" not in name:  # the settings fill the first screen: show the figure
        page.locator(".st-key-playground").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
    screenshot(page, name, full_page=False)


def _legend_names(page):
    return page.evaluate("""() => document.querySelector('.st-key-playground .js-plotly-plot')
        .data.filter(t => t.showlegend !== false && t.name).map(t => t.name)""")


def test_a_csv_upload_trains_on_the_file_and_a_bad_one_changes_nothing(server, page, tmp_path):
    _open(page, server, f"{FAST}&data=csv")
    page.locator(f"text={EN['csv_waiting']}").wait_for()
    rows = ["x1,x2,label"] + [f"{x / 10:.1f},{(x * 7 % 11) / 10:.1f},{'ab'[x % 2]}"
                              for x in range(-20, 21)]
    good = tmp_path / "mine.csv"
    good.write_text("\n".join(rows) + "\n", encoding="utf-8")
    uploader = page.locator('.st-key-csv_file input[type="file"]')
    uploader.set_input_files(str(good))
    page.locator(f"text={EN['csv_waiting']}").wait_for(state="detached", timeout=60_000)
    wait_idle(page)
    wait_charts(page, timeout=120_000)
    names = _legend_names(page)
    assert EN["class_name"].format(name="a") in names  # the file's own labels
    assert EN["class_name"].format(name="b") in names
    # A file with a formula-looking cell: a message naming the row, and the data stays
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n0,1,a\n=cmd|' /C calc'!A0,2,b\n", encoding="utf-8")
    uploader.set_input_files(str(bad))
    message = EN["csv_not_number"].format(row=3)  # the header is row 1
    page.locator(f"text={message}").wait_for(timeout=60_000)
    wait_idle(page)
    assert _legend_names(page) == names
    assert not page.js_errors


LEGEND_JS = """() => {
    const el = document.querySelector('.st-key-playground .js-plotly-plot');
    const rect = e => { const r = e.getBoundingClientRect();
                        return {x: r.x, y: r.y, width: r.width, height: r.height}; };
    return {items: [...el.querySelectorAll('g.legend g.traces')].map(rect),
            titles: [...el.querySelectorAll('.annotation')].map(t => ({...rect(t),
                                                                        text: t.textContent}))};
}"""


@pytest.mark.parametrize("present", [False, True])
def test_five_classes_in_korean_take_one_legend_row_clear_of_the_toolbar(server, page, present):
    """Five classes in Korean at 1280x720: a class and its test points each had an entry,
    twelve entries on three rows. Each class is named once, and the test points once (a
    grey diamond): one row. Plotly's toolbar (camera, home), shown on hover at the chart's
    top right, stands upright right of the plots, where the legend never reaches; and no
    legend row lies on a panel title."""
    query = f"{FAST}&lang=ko&data=blobs&classes=5" + ("&present=true" if present else "")
    _open(page, server, query, (1280, 720))
    chart = page.locator(".st-key-playground")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    page.locator(".st-key-playground .modebar").wait_for(state="visible")
    assert not (covered := toolbar_covers(page)), covered
    legend = page.evaluate(LEGEND_JS)
    assert len(legend["items"]) == 5 + 3  # the classes, the test points, the two losses
    assert len({round(item["y"]) for item in legend["items"]}) == 1
    for title in legend["titles"]:
        assert not any(boxes_overlap(title, item) for item in legend["items"]), title
    if present:  # whole on the projector, no axis title on a neighbour's plot
        assert_charts_in_view(page, ["playground"])
    assert not page.js_errors
    screenshot(page, "network-toolbar-ko" + ("-present" if present else ""), full_page=False)


LEGEND_ITEM_JS = """name => {
    const gd = document.querySelector('.st-key-playground .js-plotly-plot');
    const item = [...gd.querySelectorAll('g.legend g.traces')]
        .find(g => g.textContent === name);
    const r = item.querySelector('rect.legendtoggle').getBoundingClientRect();
    return {x: r.x + r.width / 2, y: r.y + r.height / 2};
}"""


def _click_legend(page, name):
    at = page.evaluate(LEGEND_ITEM_JS, name)
    page.mouse.click(at["x"], at["y"])


VISIBLE_JS = """() => Object.fromEntries(
    document.querySelector('.st-key-playground .js-plotly-plot')._fullData
        .filter(t => t.name).map(t => [t.name, t.visible]))"""


def test_a_class_entry_hides_its_training_and_test_points(server, page):
    """The class's entry shows and hides both its circles and its diamonds (one
    legendgroup); the grey "test points" entry explains the diamond and hides nothing
    (a trace has one legendgroup: no entry can also take every class's test points)."""
    _open(page, server, f"{FAST}&data=blobs&classes=3", (1280, 720))
    page.locator(".st-key-playground").scroll_into_view_if_needed()
    name, test = EN["class_n"].format(k=1), EN["test_point"].format(name=EN["class_n"]
                                                                     .format(k=1))
    before = page.evaluate(VISIBLE_JS)
    assert before[name] is True and before[test] is True and EN["test_points"] in before
    _click_legend(page, name)
    page.wait_for_function(f"() => ({VISIBLE_JS})()[{name!r}] === 'legendonly'")
    after = page.evaluate(VISIBLE_JS)
    assert after[test] == "legendonly"  # its test points went with it
    assert {k for k, v in after.items() if v != before[k]} == {name, test}
    _click_legend(page, EN["test_points"])
    page.wait_for_function(
        f"() => ({VISIBLE_JS})()[{EN['test_points']!r}] === 'legendonly'")
    changed = {k for k, v in page.evaluate(VISIBLE_JS).items() if v != after[k]}
    assert changed == {EN["test_points"]}  # the entry alone: legend-only
    assert not page.js_errors
