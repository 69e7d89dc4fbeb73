"""Dublin Core: memo-tei's TEI read back and cross-walked to a simple Dublin Core record.

Takes a TEI file (:func:`.tei_input.read_tei`) and the repository's ``memo-tei.toml``
(:func:`.config.load_config`); gives a :class:`.record.DcRecord`
(:func:`.record.dc_record_from_tei`) and writes it as ``oai_dc`` XML, JSON or CSV
(:mod:`.writers`, each checked against ``oai_dc.xsd`` or its own schema). The controlled
words (release status, DCMI types, languages) are tables in :mod:`.vocab`.
"""

from __future__ import annotations

from ..moved import forward
from .config import ExportConfig, load_config
from .record import DcRecord, dc_record_from_tei
from .tei_input import read_tei
from .writers import write_oai_dc

__all__ = ["DcRecord", "ExportConfig", "dc_record_from_tei", "load_config", "read_tei", "write_oai_dc"]

#: What the old module memo_tei.dublin_core held besides these, with a warning naming its new place.
__getattr__ = forward(__name__, "memo_tei.dublin_core.record")
