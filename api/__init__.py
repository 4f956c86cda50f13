"""The REST API's shared plumbing: the base view, the error format, query parameter fields, pagination.

Every app's API (toegang's keys, indicatoren's figures, signalen's signals) builds on these; none of
them runs another app's code for it. `api` knows who calls (toegang's access and audit) and nothing of
the apps' data (tests/lib/test_import_richting.py pins it).
"""
