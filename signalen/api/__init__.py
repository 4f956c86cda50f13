"""REST API v1 for signals: the list and detail (who sees what: signalen.regels, as on the pages), logging a
signal through the same form and service as the page, and counts per area, month and category.

- medewerkers read all signals; a reporter's name and contact details only with `mag_melder_zien`;
- a partner reads only the signals escalated to its own organisation, with only its own escalations,
  through a separate serializer that has no personal-data fields at all;
- logging (POST) is for stadsdeelregisseurs (in their portfolio) and beheerders: the page's form
  (`signalen.forms.MeldFormulier`) validates the body and `signalen.services.signaal_melden` the place and the
  row; their Dutch messages come back per field in a 400; nothing is written on any error;
- aggregates: any logged-in account with a role; counted with the dashboard rules (a duplicate group once,
  cancelled signals not) and with the number of synthetic (demo) signals in every row.

Queries are fixed per request (tests/signalen/test_api.py): authentication, at most one per code filter,
a count and the page (with category, wijk and buurt joined), one for the escalations of the page, the audit row.
"""

from .serializers import BRONNEN, ESCALATIESTATUSSEN, HISTORIESOORTEN, STATUSSEN
from .views import SignaalAggregatenView, SignaalView, SignalenView, schema_strikte_invoer

# The URLs (wijkportaal/api_urls.py) and the schema settings (SPECTACULAR_SETTINGS: enum names, the hook) name
# these as signalen.api.*.
__all__ = [
    "BRONNEN",
    "ESCALATIESTATUSSEN",
    "HISTORIESOORTEN",
    "STATUSSEN",
    "SignaalAggregatenView",
    "SignaalView",
    "SignalenView",
    "schema_strikte_invoer",
]
