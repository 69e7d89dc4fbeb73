"""Review pages: memo-tei's TEI shown to the archivist who checks it, as static HTML.

Takes TEI files; :func:`.pages.review` writes one self-contained page per document (the
markings highlighted with their certainty and rule) and an index of the collection with
its review queue, from the Jinja2 templates in ``templates/`` beside this file.
"""

from __future__ import annotations

from ..moved import forward
from .pages import review

__all__ = ["review"]

#: What the old module memo_tei.review held besides these, with a warning naming its new place.
__getattr__ = forward(__name__, "memo_tei.review.pages")
