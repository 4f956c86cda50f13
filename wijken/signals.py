"""Signals of the wijken app, for the layers above it (wijken knows none of them)."""

from django.dispatch import Signal

# Sent after a bulk write of areas or boundaries (bulk_create sends no post_save); no arguments.
gebieden_gewijzigd = Signal()
