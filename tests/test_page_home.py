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
    # f and f' for each activation
    assert len(spec["data"]) == 2 * len(activations.names())
    links = " ".join(m.value for m in at.markdown)
    for name in activations.names():
        assert f"curves?fn={name}&" in links


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
    links = [(p.proto.page, p.proto.label, p.proto.icon) for p in at.get("page_link")]
    texts = {"en": EN, "ko": KO}[lang]
    assert links == [(key, texts[f"what_{key}"].format(steps=len(tour.STEPS)), PAGES[key][1])
                     for key in PAGES if key != "home"]


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
