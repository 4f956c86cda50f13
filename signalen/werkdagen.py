"""Working days on the Dutch calendar: no weekend, no public holiday (the `holidays` package).

Plain functions without the database. Bevrijdingsdag is a public holiday only every five years
(2025, 2030, ...), which is how `holidays.NL` has it.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def feestdagen(jaar: int) -> dict[date, str]:
    return dict(holidays.NL(years=jaar, language="nl"))


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def werkdagen_later(start: date, werkdagen: int) -> date:
    """The date `werkdagen` working days after `start` (start itself not counted).

    Sent on Friday with a term of 1 working day: due Monday (or Tuesday when Monday is a holiday).
    A term of 0 is the next working day on or after start.
    """
    if werkdagen < 0:
        raise ValueError("een termijn in werkdagen is niet negatief")
    dag = start
    if werkdagen == 0:
        while not is_werkdag(dag):
            dag += timedelta(days=1)
        return dag
    over = werkdagen
    while over:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            over -= 1
    return dag
