"""Recognition: typed lines to the document model, by the rules of ``rules.toml``.

Takes the lines of :mod:`memo_tei.reading` and the compiled rules (:func:`.rules.load_rules`,
the package's ``rules.toml`` beside this file plus a user's ``--rules`` file); gives a
:class:`memo_tei.model.Document`. The stages run in :func:`.recognize.recognize`: pages,
line tags (banners, stamps, formulas, page furniture), page numbers as sequences, blocks,
footnotes and layout, then the record's facts (title, date, creator, identifiers) and how
certain each is. A new kind of marking is usually a row of ``rules.toml``, not code.
"""

from __future__ import annotations

from .recognize import recognize
from .rules import Rules, load_rules

__all__ = ["Rules", "load_rules", "recognize"]
