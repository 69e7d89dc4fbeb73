"""memo-tei: OCR text of declassified government records to TEI P5 XML.

The public entry points live in :mod:`memo_tei.convert`; this module stays light so that
``memo-tei --help`` answers without importing lxml or pydantic.
"""

__version__ = "0.1.0"
