from django.contrib.auth import views as auth_views
from django.urls import include, path

import oauth2_provider.urls
import views

urlpatterns = [
    # Tutorial: path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")).
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    # docs/oauth2_server_metadata.rst (quoted in oauth2_provider/urls.py): prefixed deployments
    # should ALSO mount metadata_urlpatterns at the server root, so that
    # /.well-known/oauth-authorization-server/o (RFC 8414 path form) works for issuer .../o.
    path("", include(oauth2_provider.urls.metadata_urlpatterns)),
    # Django's stock LoginView, template registration/login.html.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("api/hello", views.HelloView.as_view(), name="hello"),
]
