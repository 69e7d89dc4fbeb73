"""An OAI-PMH 2.0 data provider over a tree of memo-tei TEI.

``index`` builds an SQLite index of the TEI files (identifier, datestamp, sets, the oai_dc
record of the project's crosswalk, the TEI itself); ``app`` serves it over WSGI with the six
verbs, oai_dc and TEI, sets, and stateless resumption. Nothing here prints or exits.

    from memo_tei.oai.index import build_index
    from memo_tei.oai.app import make_app

    build_index(Path("out/tei"), Path("oai.db"))
    application = make_app("oai.db")      # any WSGI server
"""
