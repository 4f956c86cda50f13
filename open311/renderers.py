"""The two formats of Open311 GeoReport v2: JSON and XML, with the element names of the specification.

A view names the XML root and the element of each list item (`xml_wortel`, `xml_element`, e.g.
`service_requests` / `request`); nested lists are named by `XML_LIJSTEN` (`endpoints` holds `endpoint`
elements, `attributes` holds `attribute`, ...). Booleans are `true`/`false`, a missing value is an
empty element, as the specification's examples show.
"""

from xml.etree import ElementTree

from django.http import HttpResponse, JsonResponse
from rest_framework.renderers import BaseRenderer, JSONRenderer

XML_LIJSTEN = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return str(waarde)


def _vul(element: ElementTree.Element, waarde) -> None:
    if isinstance(waarde, dict):
        for sleutel, kind in waarde.items():
            if isinstance(kind, list):
                lijst = ElementTree.SubElement(element, sleutel)
                naam = XML_LIJSTEN.get(sleutel, "item")
                for item in kind:
                    _vul(ElementTree.SubElement(lijst, naam), item)
            else:
                _vul(ElementTree.SubElement(element, sleutel), kind)
    else:
        element.text = _tekst(waarde)


def naar_xml(data, *, wortel: str, element: str | None) -> bytes:
    """A list of dicts (each one `element` under `wortel`) or one dict (the children of `wortel`) as XML."""
    root = ElementTree.Element(wortel)
    if isinstance(data, list):
        for item in data:
            _vul(ElementTree.SubElement(root, element or "item"), item)
    else:
        _vul(root, data)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


class Open311JSONRenderer(JSONRenderer):
    format = "json"
    media_type = "application/json"
    charset = "utf-8"


class Open311XMLRenderer(BaseRenderer):
    format = "xml"
    media_type = "text/xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        wortel = getattr(view, "xml_wortel_antwoord", None) or getattr(view, "xml_wortel", "response")
        element = getattr(view, "xml_element_antwoord", None) or getattr(view, "xml_element", None)
        return naar_xml(data, wortel=wortel, element=element)


def fout_antwoord(pad: str, code: int, melding: str) -> HttpResponse:
    """An error outside DRF (the edge's refusal of control characters) in the format of the URL."""
    fouten = [{"code": code, "description": melding}]
    if pad.endswith(".xml"):
        return HttpResponse(
            naar_xml(fouten, wortel="errors", element="error"), content_type="text/xml; charset=utf-8", status=code
        )
    return JsonResponse(fouten, status=code, safe=False)
