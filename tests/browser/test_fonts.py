"""Korean text must show as Hangul, not as boxes ("tofu"), in the browser.

Without a font that has Hangul (Debian: ``fonts-noto-cjk``), Chromium draws every Korean
syllable as the missing-glyph box, and screenshots still "pass". The check here measures
each syllable of a sample, drawn in the font the app uses for Korean text, and compares its
width with that of code points no font has (unassigned ones): a syllable exactly as wide as
the missing-glyph box is drawn as that box.

The second test proves the check can fail: a Chromium restricted (through fontconfig) to
the DejaVu fonts, which have no Hangul, must see every syllable as a box.
"""

from __future__ import annotations

import os

import pytest

from .conftest import CHROMIUM_FLAGS, _chromium_path, new_page, open_page, screenshot

pytestmark = pytest.mark.browser

SAMPLE = "활성화함수의미분값기울기학습률"  # distinct syllables, as on the Korean pages
# Unassigned code points (Greek block gaps): no font has them, so each is the box itself.
MISSING = ["\u0378", "\u0379", "\u0380", "\u0381"]

# Width in CSS px of each character, drawn alone in `font` (a CSS font shorthand).
WIDTHS_JS = """([font, chars]) => chars.map(ch => {
    const s = document.createElement('span');
    s.style.font = font;
    s.style.whiteSpace = 'pre';
    s.style.position = 'absolute';
    s.textContent = ch;
    document.body.appendChild(s);
    const width = s.getBoundingClientRect().width;
    s.remove();
    return width;
})"""

# The font of the first paragraph of Korean text on the page.
KOREAN_FONT_JS = """() => {
    const p = [...document.querySelectorAll('[data-testid="stMain"] p')]
        .find(el => /[\\uac00-\\ud7a3]/.test(el.textContent));
    return p ? getComputedStyle(p).font : null;
}"""


def hangul_as_boxes(pg) -> list[str]:
    """The syllables of `SAMPLE` that the page draws as the missing-glyph box."""
    font = pg.evaluate(KOREAN_FONT_JS)
    assert font, "no Korean paragraph on the page"
    widths = pg.evaluate(WIDTHS_JS, [font, [*SAMPLE, *MISSING]])
    box = widths[len(SAMPLE):]
    # The references are one and the same box (else one of them has a real glyph).
    assert max(box) - min(box) < 0.01 and box[0] > 0, box
    return [ch for ch, w in zip(SAMPLE, widths) if abs(w - box[0]) < 0.01]


def _show_sample(pg) -> None:
    """Put the sample and the missing-glyph references on screen, large, for the screenshot."""
    pg.evaluate("""([font, text]) => {
        const d = document.createElement('div');
        d.id = 'font-sample';
        d.style.cssText = 'position:fixed;top:16px;left:360px;z-index:99999;padding:12px;' +
            'background:#fff;color:#000;border:2px solid #0072B2';
        d.style.font = font;
        d.style.fontSize = '40px';
        d.textContent = text;
        document.body.appendChild(d);
    }""", [pg.evaluate(KOREAN_FONT_JS), SAMPLE + " | " + "".join(MISSING)])


def test_hangul_is_drawn_with_real_glyphs(server, page):
    open_page(page, f"{server}/?lang=ko")
    boxes = hangul_as_boxes(page)
    _show_sample(page)
    screenshot(page, "fonts-hangul", full_page=False)
    assert not boxes, (f"Hangul is drawn as boxes ({''.join(boxes)}): install a font with "
                       "Hangul, e.g. apt-get install fonts-noto-cjk")


def test_the_check_sees_boxes_without_a_hangul_font(server, browser, tmp_path):
    # Chromium reads its fonts through fontconfig: give a second one a configuration with
    # DejaVu only (launched by the session's Playwright: one sync Playwright per process).
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    plain = browser.browser_type.launch(executable_path=_chromium_path(),
                                        args=CHROMIUM_FLAGS, env=env)
    try:
        pg = new_page(plain)
        open_page(pg, f"{server}/?lang=ko")
        boxes = hangul_as_boxes(pg)
        _show_sample(pg)
        screenshot(pg, "fonts-hangul-without-cjk-font", full_page=False)
    finally:
        plain.close()
    assert boxes == list(SAMPLE)
