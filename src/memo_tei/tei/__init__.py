"""The TEI writer: the document model to TEI P5 as the profile of docs/PROFILE.md says.

Takes a :class:`memo_tei.model.Document`; gives an lxml tree (:func:`.writer.to_tei`) and
its bytes (:func:`.writer.serialize`). :func:`.writer.frame` and
:data:`.writer.DECLARATION` let the page-at-a-time path of :mod:`memo_tei.stream` write
the same document around pages it writes itself.
"""

from __future__ import annotations

from ..moved import forward
from .writer import DECLARATION, frame, serialize, to_tei

__all__ = ["DECLARATION", "frame", "serialize", "to_tei"]

#: What the old module memo_tei.tei held besides these, with a warning naming its new place.
__getattr__ = forward(__name__, "memo_tei.tei.writer")
