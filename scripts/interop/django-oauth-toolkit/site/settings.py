"""Minimal Django project around django-oauth-toolkit, set up as its tutorial does
(docs: "Getting started" / "Tutorial part 1-3"): oauth2_provider in INSTALLED_APPS, its URLs
under /o/, Django's own LoginView as the login page, a scope-checking resource view.
Everything configurable comes from the environment that run.sh sets."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("DOT_SECRET_KEY", "oauthspec-dev-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
WSGI_APPLICATION = None
DATABASES = {"default": {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": os.environ.get("DOT_DB", str(BASE_DIR / "db.sqlite3")),
    # -j 4 runs requests concurrently; wait for the SQLite write lock instead of failing.
    # transaction_mode IMMEDIATE (Django >= 5.1 docs, "SQLite notes: database is locked"):
    # without it concurrent token requests fail with "database is locked" (500).
    "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
}}
USE_TZ = True
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Tutorial: LOGIN_URL so that /o/authorize/ sends an anonymous user to a login page.
LOGIN_URL = "/accounts/login/"

OAUTH2_PROVIDER = {
    # docs "Settings": SCOPES; the resource view below requires "read".
    "SCOPES": {"read": "Read scope", "write": "Write scope", "introspection": "Introspect tokens"},
    "DEFAULT_SCOPES": ["read"],
    # Library defaults, written out so the target file can cite them:
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,   # default 60
    "ROTATE_REFRESH_TOKEN": True,              # default True: every refresh issues a new RT
    "PKCE_REQUIRED": True,                     # default True: every client, confidential too
    # settings.py: "set them to True now to adopt the compliant behavior early"; a team
    # starting fresh in 2026 would (and `manage.py check --deploy` warns otherwise).
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,           # S256 only
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,    # RFC 9207 iss
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
}

LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"oauth2_provider": {"handlers": ["console"], "level": "INFO"},
                "django": {"handlers": ["console"], "level": "WARNING"}},
}
