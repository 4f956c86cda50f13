#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    # Management commands (imports, the nightly anonymisation) get the longer statement timeout of
    # DB_COMMAND_STATEMENT_TIMEOUT_S; the development server is a web process like gunicorn.
    if sys.argv[1:2] != ["runserver"]:
        os.environ.setdefault("WIJKPORTAAL_COMMANDO", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
