from django.http import JsonResponse
from oauth2_provider.views.generic import ScopedProtectedResourceView
from oauth2_provider.views.mixins import ProtectedResourceMetadataMixin


# Tutorial part 2 ("protected resource"): ScopedProtectedResourceView with required_scopes.
# ProtectedResourceMetadataMixin (library docs, RFC 9728 opt-in) turns the default bare 403
# into RFC 6750 401/403 with a WWW-Authenticate: Bearer challenge.
class HelloView(ProtectedResourceMetadataMixin, ScopedProtectedResourceView):
    required_scopes = ["read"]

    def get(self, request, *args, **kwargs):
        return JsonResponse({"hello": request.resource_owner.username})
