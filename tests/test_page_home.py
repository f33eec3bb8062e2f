"""The home page and the app frame."""

import json

import pytest

import activations
from activations import tour


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_runs_and_shows_every_activation(apptest, lang):
    at = apptest("pages/home.py", lang=lang)
    assert not at.exception
    (gallery,) = at.get("plotly_chart")
    spec = json.loads(gallery.proto.spec)
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert titles == [activations.get(n).label for n in activations.names()]
    # f and f' for each activation, and one trace of dots in each panel where f or f'
    # jumps (the step, ReLU, ...: tests/test_figures.py)
    lines = [tr for tr in spec["data"] if tr.get("mode") != "markers"]
    assert len(lines) == 2 * len(activations.names())
    dotted = {tr["xaxis"] for tr in spec["data"] if tr.get("mode") == "markers"}
    assert len(dotted) == len(spec["data"]) - len(lines) == 12
    # alone, with no navigation, the explorer links are Markdown links (ui/frame.page_link)
    links = " ".join(m.value for m in at.markdown)
    for name in activations.names():
        assert f"[{activations.get(name).label}](/curves?fn={name})" in links


@pytest.mark.parametrize("lang, line", [("en", "**Guided tour**: {} steps through"),
                                        ("ko", "강의 노트의 주장 {}가지를")])
def test_home_counts_the_tour_steps_there_are(apptest, lang, line):
    # The count was written into the text and stayed at 22 when the tour grew to 23.
    at = apptest("pages/home.py", lang=lang)
    assert line.format(len(tour.STEPS)) in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_links_to_every_page_with_what_it_is_for(apptest, lang):
    # page links, which keep the session (a phone folds the sidebar's menu away; a Markdown
    # link reloaded the app), each labelled with the page's line of the list
    from ui.frame import PAGES
    from ui.text.home import EN, KO

    at = apptest("app.py", lang=lang)
    links = [(p.proto.page, p.proto.label, p.proto.icon) for p in at.get("page_link")
             if not p.proto.query_string]
    texts = {"en": EN, "ko": KO}[lang]
    assert links == [(key, texts[f"what_{key}"].format(steps=len(tour.STEPS)), PAGES[key][1])
                     for key in PAGES if key != "home"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_opens_each_activation_in_the_explorer_in_the_same_session(apptest, lang):
    # Page links with the activation in their address: a Markdown link opened a new tab, a
    # new session without the presentation mode a lecturer had on. In the gallery's order
    # (five columns of every fifth name).
    at = apptest("app.py", lang=lang)
    links = [(p.proto.page, p.proto.label, p.proto.query_string) for p in at.get("page_link")
             if p.proto.query_string]
    names = activations.names()
    order = [name for c in range(5) for name in names[c::5]]
    assert links == [("curves", activations.get(n).label, f"fn={n}") for n in order]


def test_home_says_which_line_is_which_before_the_gallery(apptest):
    # The key (solid f, dotted f') came under 25 panels, three screens below the first.
    from ui.text.home import EN

    at = apptest("pages/home.py")
    captions = [c.value for c in at.caption]
    assert any(EN["gallery_caption"] in c for c in captions)

    def walk(node):  # the page's elements in the order they are drawn
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    order = list(walk(at.main))
    key = next(i for i, e in enumerate(order) if e.type == "caption"
               and EN["gallery_caption"] in e.value)
    gallery = next(i for i, e in enumerate(order) if e.type == "plotly_chart")
    assert key < gallery


def test_app_frame_navigates_to_every_page(apptest):
    at = apptest("app.py")
    assert not at.exception
    assert at.radio(key="lang").value == "en"
    assert at.toggle(key="present").value is False
    # the default page is home: the gallery is drawn
    assert len(at.get("plotly_chart")) == 1


def test_app_frame_language_switch(apptest):
    at = apptest("app.py")
    at.radio(key="lang").set_value("ko").run()
    assert not at.exception
    assert at.title[0].value == "활성화 함수 탐색기"


def test_language_from_the_url(apptest):
    at = apptest("app.py", query={"lang": "ko"})
    assert not at.exception
    assert at.title[0].value == "활성화 함수 탐색기"
