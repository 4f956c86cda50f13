"""The base of every API view: audited, errors always JSON, a bad `?format=` a 400, OPTIONS without a 500."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.metadata import SimpleMetadata
from rest_framework.renderers import JSONRenderer

from toegang.audit import AuditMixin
from toegang.regels import toegang_van


class ApiMetadata(SimpleMetadata):
    """The answer to OPTIONS: name, description, formats. DRF's default also describes the input fields
    by instantiating `serializer_class`, which these views (explicit input serializers per method) do not
    have: that was a 500. The OpenAPI schema (/api/schema/) describes the input."""

    def determine_metadata(self, request, view):
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }


class ApiView(AuditMixin, GenericAPIView):
    """Base of all API views: every request is audited, errors are JSON (also for ?format=csv)."""

    metadata_class = ApiMetadata  # type: ignore[assignment]  # a class, as DRF expects; the stubs say an instance

    def toegang(self):
        return toegang_van(self.request.user)

    def initial(self, request, *args, **kwargs):
        # A method the endpoint does not have is a 405 whatever the query says: decided before the
        # content negotiation, which would otherwise answer a bad ?format= with a 400 first.
        if not hasattr(self, request.method.lower()):
            self.http_method_not_allowed(request, *args, **kwargs)
        super().initial(request, *args, **kwargs)

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except (exceptions.NotFound, Http404) as exc:
            formaten = ", ".join(r.format for r in self.get_renderers())
            raise exceptions.ValidationError(
                {"format": [f"onbekend formaat '{request.query_params.get('format')}' (kies uit {formaten})."]}
            ) from exc

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response
