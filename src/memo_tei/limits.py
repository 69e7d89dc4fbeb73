"""Size limits, in one place so that a user (or a test) can see and raise them."""

from __future__ import annotations

#: Largest input converted by default; ``--max-bytes`` raises it.
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: Largest XML document ``validate`` parses by default; ``--max-bytes`` raises it.
MAX_XML_BYTES = 256 * 1024 * 1024

#: Share of control characters above which bytes are taken for a binary file.
BINARY_CONTROL_SHARE = 0.10
