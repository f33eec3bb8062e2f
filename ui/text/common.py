"""Strings shared by every page: URL warnings, chart toolbar, frame controls."""

EN = {
    "bad_number": "The link's `{name}` is not a number between {lo} and {hi}; using {default}.",
    "bad_choice": "The link's `{name}` is not one of the allowed values; using “{default}”.",
    "bad_choices": "The link's `{name}` names something unknown; it was dropped.",
    "bad_text": "The link's `{name}` could not be read; using the default.",
    "bad_tab": "The link's `tab` is not one of this page's tabs; showing “{tab}”.",
    "bad_present": "The link's `present` is neither 1 nor true; presentation mode is off.",
    "language": "Language",
    "present": "Presentation mode",
    "present_help": "Larger text and thicker lines for a projector; controls fold away. In "
                    "the guided tour, a presenter's clicker (Page Down / Page Up) moves "
                    "between steps.",
    "present_help_phone": "For a projector or a wide screen: on a phone the pages keep "
                          "their phone layout.",
    "zoom_hint": "Presentation mode is laid out for a 1280x720 screen, and this one is larger: "
                 "zoom the browser in (Ctrl and +, or ⌘ and + on a Mac) until this note goes "
                 "away, and the charts fill the screen.",
    "zoom_hint_hide": "Hide",
    "yes": "yes",
    "no": "no",
}

KO = {
    "bad_number": "링크의 `{name}` 값이 {lo}에서 {hi} 사이의 숫자가 아니어서 {default}을(를) 씁니다.",
    "bad_choice": "링크의 `{name}` 값이 허용된 값이 아니어서 ‘{default}’을(를) 씁니다.",
    "bad_choices": "링크의 `{name}`에 알 수 없는 이름이 있어 뺐습니다.",
    "bad_text": "링크의 `{name}` 값을 읽을 수 없어 기본값을 씁니다.",
    "bad_tab": "링크의 `tab` 값이 이 페이지의 탭이 아니어서 ‘{tab}’ 탭을 보여 줍니다.",
    "bad_present": "링크의 `present` 값이 1이나 true가 아니어서 발표 모드는 꺼 둡니다.",
    "language": "언어",
    "present": "발표 모드",
    "present_help": "프로젝터용으로 글자를 키우고 선을 굵게 하며, 조작 패널을 접습니다. "
                    "둘러보기에서는 프레젠터 리모컨(Page Down / Page Up)으로 단계를 오갑니다.",
    "present_help_phone": "프로젝터나 넓은 화면용입니다. 휴대폰에서는 페이지가 휴대폰 "
                          "배치를 유지합니다.",
    "zoom_hint": "발표 모드는 1280x720 화면에 맞춰져 있는데 이 화면은 더 큽니다. 이 안내가 사라질 "
                 "때까지 브라우저를 확대하면(Ctrl과 +, Mac에서는 ⌘와 +) 차트가 화면을 채웁니다.",
    "zoom_hint_hide": "숨기기",
    "yes": "예",
    "no": "아니오",
}
