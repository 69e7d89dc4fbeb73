"""ISO 639 language codes, as Dublin Core harvesters check ``dc:language``.

The two-letter codes are ISO 639-1, listed in full (a code outside the list is a typo, not
a language). Three-letter codes (ISO 639-2 and 639-3) number in thousands and are checked
for their shape only: three lower-case letters. A region or script subtag may follow, as
in BCP 47 (``en-US``).
"""

from __future__ import annotations

import re

_TWO_LETTER_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
za zh zu
"""
ISO_639_1 = frozenset(_TWO_LETTER_CODES.split())

_CODE = re.compile(r"(?P<primary>[a-z]{2,3})(?:-[A-Za-z0-9]{1,8})*")


def is_language_code(value: str) -> bool:
    """True for an ISO 639-1 code, or three lower-case letters, with optional subtags."""
    match = _CODE.fullmatch(value)
    if match is None:
        return False
    primary = match.group("primary")
    return len(primary) == 3 or primary in ISO_639_1
