"""Strings shared by every page: URL warnings, chart toolbar, frame controls."""

EN = {
    "bad_number": "The link's `{name}` is not a number between {lo} and {hi}; using {default}.",
    "bad_choice": "The link's `{name}` is not one of the allowed values; using “{default}”.",
    "bad_choices": "The link's `{name}` names something unknown; it was dropped.",
    "bad_text": "The link's `{name}` could not be read; using the default.",
    "bad_tab": "The link's `tab` is not one of this page's tabs; showing “{tab}”.",
    "bad_present": "The link's `present` is neither 1 nor true; presentation mode is off.",
    "no_such_page": "The link names a page this app does not have, so here is the home "
                    "page. The pages are listed in the sidebar.",
    "no_such_page_touch": "The link names a page this app does not have, so here is the home "
                          "page. The pages are listed in the menu: » at the top left.",
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
    "share": "Share this view",
    "share_help": "The link to this page as it is now, and a QR code of it that a class can "
                  "scan from the projector.",
    "share_title": "Share this view",
    "share_scan": "Point a phone's camera at the code: it opens this page with the same "
                  "settings.",
    "share_link": "Or copy the link:",
    "share_what": "The link holds the page, every setting on it and the language. "
                  "Presentation mode is left out: each student gets the layout of their own "
                  "screen.",
    "share_relative": "The browser did not give the app's address, so this link is relative "
                      "to it, and there is no QR code:",
    "share_local": "This address is this computer's own (localhost): a phone in the room "
                   "would open itself, not this app. Open the app by an address the room can "
                   "reach (the Network URL that `streamlit run` prints, or the server's name) "
                   "and share from there.",
    "share_too_long": "This view's link is too long for a QR code: copy the link instead.",
    "share_qr_alt": "QR code of the link to this view",
    "share_png": "QR code as a picture, for slides (PNG)",
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
    "no_such_page": "링크가 가리키는 페이지가 이 앱에 없어 홈 페이지를 보여 줍니다. 페이지 "
                    "목록은 사이드바에 있습니다.",
    "no_such_page_touch": "링크가 가리키는 페이지가 이 앱에 없어 홈 페이지를 보여 줍니다. "
                          "페이지 목록은 메뉴에 있습니다: 왼쪽 위의 ».",
    "language": "언어",
    "present": "발표 모드",
    "present_help": "프로젝터용으로 글자를 키우고 선을 굵게 하며, 조작 패널을 접습니다. "
                    "둘러보기에서는 프레젠터 리모컨(Page Down / Page Up)으로 단계를 오갑니다.",
    "present_help_phone": "프로젝터나 넓은 화면용입니다. 휴대폰에서는 페이지가 휴대폰 "
                          "배치를 유지합니다.",
    "zoom_hint": "발표 모드는 1280x720 화면에 맞춰져 있는데 이 화면은 더 큽니다. 이 안내가 사라질 "
                 "때까지 브라우저를 확대하면(Ctrl과 +, Mac에서는 ⌘와 +) 차트가 화면을 채웁니다.",
    "zoom_hint_hide": "숨기기",
    "share": "이 화면 공유",
    "share_help": "지금 보이는 그대로의 이 페이지 링크와, 강의실에서 프로젝터 화면을 찍어 "
                  "열 수 있는 QR 코드를 보여 줍니다.",
    "share_title": "이 화면 공유하기",
    "share_scan": "휴대폰 카메라로 코드를 비추면 같은 설정의 이 페이지가 열립니다.",
    "share_link": "또는 링크를 복사하세요:",
    "share_what": "링크에는 페이지와 그 모든 설정, 언어가 담깁니다. 발표 모드는 빠지므로 "
                  "학생마다 자기 화면에 맞는 배치로 봅니다.",
    "share_relative": "브라우저가 앱 주소를 알려 주지 않아 앱 주소 기준의 상대 링크만 "
                      "보여 주며, QR 코드는 없습니다:",
    "share_local": "이 주소(localhost)는 이 컴퓨터 자신을 가리켜, 강의실의 휴대폰으로 열면 이 앱이 "
                   "아니라 그 휴대폰 자신을 엽니다. 강의실에서 접속할 수 있는 주소(`streamlit "
                   "run`이 알려 주는 Network URL이나 서버 이름)로 앱을 열고 그곳에서 공유하세요.",
    "share_too_long": "이 화면의 링크는 QR 코드에 담기에 너무 깁니다. 링크를 복사해 쓰세요.",
    "share_qr_alt": "이 화면 링크의 QR 코드",
    "share_png": "슬라이드용 QR 코드 그림(PNG)",
    "yes": "예",
    "no": "아니오",
}
