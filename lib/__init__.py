"""Shared plumbing of the portal: no models, no ORM, no app imports.

Every app may import `lib`; `lib` imports no app (tests/lib/test_import_richting.py pins it). Modules:
`importrapport` (the import report), `tabellen` (tables and the one CSV/XLSX writer), `getallen` (Dutch
number notation), `perioden` (periods and month arithmetic), `grafieken` (the Plotly look shared by every
chart).
"""
