"""Texts of the custom-formula box (`ui/custom.py`), shared by the pages that use it.

Streamlit renders these as Markdown, where `*`, `_` and friends are markup: every piece of
code or symbol is written in backticks (inline code), so it shows literally in both languages
(tests/test_page_custom.py holds every message to that rule).
"""

EN = {
    "header": "Your own activation",
    "input": "f(x) =",
    "placeholder": "e.g. x * sigmoid(1.702 * x)",  # plain text, not Markdown
    "help": "Type a formula in `x`. Allowed: numbers, `+ - * / **`, single-letter parameters "
            "(`a`, `b`, `c`, ... but not `e`; each becomes a slider) and the functions "
            "{functions}. "
            "Its derivative is computed exactly, and it appears as “{choice}” in the "
            "activation pickers.",
    "name": "Custom f(x)",
    "param_help": "Free parameter {name} of your formula",
    "error": "This formula can't be used: {reason}{where}.",
    "at": " (at character {pos})",
    "fragment": "Where the problem is:",
    "bad_link": "The link's formula (`{name}`) was not valid, so it was cleared. Type a new "
                "one in the box.",
    "overflow": "{what}: the formula overflowed (its value is infinite or beyond the float "
                "range, e.g. `exp` of a large number or `1/0`) at {n} of the {total} points; "
                "those points are left out of the chart.",
    "undefined": "{what}: the formula is undefined (e.g. `log` or square root of a negative "
                 "number, `0/0`) at {n} of the {total} points; those points are left out of "
                 "the chart.",
    "what_f": "f(x)",
    "what_df": "f′(x)",
    "err_type": "the formula must be text",
    "err_too_long": "it is longer than {limit} characters",
    "err_empty": "it is empty",
    "err_character": "it contains a character that is not allowed (use plain letters, "
                     "digits, spaces and `+ - * / ( ) . ,` only; write powers as `**`)",
    "err_syntax": "it is not a complete formula (check brackets and operators; write "
                  "products with `*`, e.g. `2*x`)",
    "err_too_big": "it has too many parts (the limit is {limit})",
    "err_too_deep": "it is nested too deeply",
    "err_not_allowed": "it uses something that is not part of a formula (only `x`, numbers, "
                       "parameters, `+ - * / **` and the listed functions are allowed)",
    "err_number": "a number is not written as a plain decimal (like `2`, `0.5` or `1e-3`)",
    "err_number_too_large": "a number is too large (the limit is `1e6`)",
    "err_function_without_call": "a function name is used without brackets, e.g. write "
                                 "`tanh(x)`",
    "err_reserved_name": "`e` is not a parameter: for Euler's number write `exp(...)`",
    "err_too_many_parameters": "it has more than {limit} parameters",
    "err_unknown_name": "it uses an unknown name (use `x`, single letters `a`-`z` other than "
                        "`e`, numbers and the listed functions)",
    "err_operator": "it uses an operator other than `+ - * / **`",
    "err_unknown_function": "it calls a function that is not on the list ({functions})",
    "err_keyword": "functions take plain arguments, not `name=value`",
    "err_arguments": "a function gets the wrong number of arguments",
    "err_exponent_too_large": "a constant exponent is too large (the limit is {limit})",
    "err_not_real": "a part of it is not a real number (e.g. `sqrt(-1)`, `log(-2)`, or a "
                    "negative number raised to a power in `x`)",
    "err_undefined": "a part of it is undefined (division by zero?)",
    "err_constant_too_large": "a number computed from it is too large",
    "err_too_nested": "functions and powers of `x` are nested too deeply (at most {limit} "
                      "inside one another)",
    "err_too_many_calls": "it has too many functions and powers of `x` (the limit is {limit})",
    "err_derivative_too_large": "its derivative would be too large to work out and show "
                                "(about {parts} parts; the limit is {limit})",
    "err_other": "it could not be read as a formula",
}

KO = {
    "header": "나만의 활성화 함수",
    "input": "f(x) =",
    "placeholder": "예: x * sigmoid(1.702 * x)",
    "help": "`x`에 대한 식을 입력하세요. 쓸 수 있는 것: 숫자, `+ - * / **`, 한 글자 "
            "매개변수(`a`, `b`, `c`, ... 단 `e`는 제외, 각각 슬라이더가 됩니다), 함수 "
            "{functions}. "
            "도함수는 정확히 계산되며, 활성화 함수 선택 목록에 “{choice}”로 나타납니다.",
    "name": "사용자 정의 f(x)",
    "param_help": "입력한 식의 매개변수 {name}",
    "error": "이 식은 쓸 수 없습니다: {reason}{where}.",
    "at": " ({pos}번째 글자)",
    "fragment": "문제가 있는 곳:",
    "bad_link": "링크에 담긴 식(`{name}`)이 올바르지 않아 지웠습니다. 상자에 새 식을 "
                "입력하세요.",
    "overflow": "{what}: 전체 {total}개 점 중 {n}개에서 값이 무한대이거나 부동소수점 범위를 "
                "넘었습니다(오버플로, 예: 큰 수의 `exp`나 `1/0`). 그 점들은 그래프에서 뺐습니다.",
    "undefined": "{what}: 전체 {total}개 점 중 {n}개에서 식이 정의되지 않습니다(예: 음수의 "
                 "`log`나 제곱근, `0/0`). 그 점들은 그래프에서 뺐습니다.",
    "what_f": "f(x)",
    "what_df": "f′(x)",
    "err_type": "식은 글자여야 합니다",
    "err_too_long": "{limit}자보다 깁니다",
    "err_empty": "비어 있습니다",
    "err_character": "쓸 수 없는 글자가 있습니다(영문자, 숫자, 공백과 `+ - * / ( ) . ,` 만 "
                     "쓰세요. 거듭제곱은 `**`로 씁니다)",
    "err_syntax": "완성된 식이 아닙니다(괄호와 연산자를 확인하세요. 곱셈은 `2*x`처럼 "
                  "`*`로 씁니다)",
    "err_too_big": "식이 너무 깁니다(부분이 {limit}개까지 허용됩니다)",
    "err_too_deep": "괄호나 함수가 너무 깊게 겹쳐 있습니다",
    "err_not_allowed": "식에 쓸 수 없는 것이 들어 있습니다(`x`, 숫자, 매개변수, "
                       "`+ - * / **` 와 목록의 함수만 쓸 수 있습니다)",
    "err_number": "숫자가 `2`, `0.5`, `1e-3` 같은 보통의 십진수 꼴이 아닙니다",
    "err_number_too_large": "숫자가 너무 큽니다(`1e6`까지)",
    "err_function_without_call": "함수 이름 뒤에 괄호가 없습니다. 예: `tanh(x)`",
    "err_reserved_name": "`e`는 매개변수가 아닙니다. 자연상수는 `exp(...)`로 쓰세요",
    "err_too_many_parameters": "매개변수가 {limit}개보다 많습니다",
    "err_unknown_name": "모르는 이름이 있습니다(`x`, `e`를 뺀 `a`-`z` 한 글자, 숫자, "
                        "목록의 함수만 쓰세요)",
    "err_operator": "`+ - * / **` 말고 다른 연산자가 있습니다",
    "err_unknown_function": "목록에 없는 함수를 불렀습니다({functions})",
    "err_keyword": "함수에는 `이름=값`이 아니라 값만 넘기세요",
    "err_arguments": "함수에 넘긴 인자의 개수가 맞지 않습니다",
    "err_exponent_too_large": "상수 지수가 너무 큽니다({limit}까지)",
    "err_not_real": "실수가 아닌 부분이 있습니다(예: `sqrt(-1)`, `log(-2)`, 음수의 `x` 거듭제곱)",
    "err_undefined": "정의되지 않는 부분이 있습니다(0으로 나누기?)",
    "err_constant_too_large": "식에서 계산된 수가 너무 큽니다",
    "err_too_nested": "함수와 `x`의 거듭제곱이 너무 깊게 겹쳐 있습니다(최대 {limit}겹)",
    "err_too_many_calls": "함수와 `x`의 거듭제곱이 너무 많습니다({limit}개까지)",
    "err_derivative_too_large": "도함수가 너무 커서 계산해 보여 줄 수 없습니다(부분이 약 "
                                "{parts}개, {limit}개까지 허용)",
    "err_other": "식으로 읽을 수 없습니다",
}
