import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_pending_migrations():
    uit = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=uit, stderr=uit)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"pending model changes without a migration:\n{uit.getvalue()}\n(exit {exc.code})")
