"""Creates (or resets) the user and the four clients the target file names. Idempotent.
Clients are registered as the tutorial does through /o/applications/register/, here with the ORM."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from oauth2_provider.models import get_application_model  # noqa: E402

Application = get_application_model()
User = get_user_model()

user, _ = User.objects.get_or_create(username="alice")
user.set_password(os.environ.get("DOT_PASSWORD", "alice-dev-password"))
user.save()

WEB = "https://client.oauthspec.test/cb https://client.oauthspec.test/cb2"
CLIENTS = [
    # client_id, type, secret env, default secret, redirect uris
    ("oauthspec-basic", Application.CLIENT_CONFIDENTIAL, "DOT_BASIC_SECRET", "oauthspec-basic-dev-secret", WEB),
    ("oauthspec-post", Application.CLIENT_CONFIDENTIAL, "DOT_POST_SECRET", "oauthspec-post-dev-secret", WEB),
    ("oauthspec-public", Application.CLIENT_PUBLIC, None, None, WEB),
    ("oauthspec-native", Application.CLIENT_PUBLIC, None, None, "http://127.0.0.1/cb"),
]
for client_id, ctype, env, default, uris in CLIENTS:
    app = Application.objects.filter(client_id=client_id).first() or Application(client_id=client_id)
    app.name = client_id
    app.user = user
    app.client_type = ctype
    app.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
    app.redirect_uris = uris
    app.skip_authorization = False
    app.hash_client_secret = True
    app.client_secret = os.environ.get(env, default) if env else ""
    app.full_clean(exclude=["client_secret"])
    app.save()
print("bootstrap: user alice and 4 clients ready")
