#!/usr/bin/python3
"""A real Django site on 127.0.0.1 whose only authentication is the vendored django_hmac_authentication
3.1.0 (test/interop/vendor), configured as the library's README says (REST_FRAMEWORK's
DEFAULT_AUTHENTICATION_CLASSES, IsAuthenticated, HMAC_AUTH_REQUEST_TIMEOUT default 5 s), served by wsgiref.

At start it migrates a fresh SQLite database, creates a user and an HMAC key with the library's own
create_shared_secret_for_user (the secret is stored AES/Camellia-encrypted, as in production) and prints one
JSON line: {"base_url", "api_key", "api_secret"}. Then it serves until stdin closes or it is killed.

Routes: the example project's /accounts/an-authenticated-view/ (GET, POST: answers the parsed
request.data) and /accounts/users/<id>/ (any method), both behind the library's HMACAuthentication.
Run with Debian's /usr/bin/python3 (python3-django 3.2, python3-djangorestframework 3.14).
"""
import json
import os
import sys
import tempfile
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "vendor", "django_hmac_authentication"))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

DATABASE = os.path.join(tempfile.mkdtemp(prefix="dha-site-"), "db.sqlite3")
settings.configure(
    DEBUG=False,
    SECRET_KEY="interop-site-secret-key-not-for-production",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "rest_framework",
        "django_hmac_authentication",
    ],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATABASE}},
    USE_TZ=True,
    REST_FRAMEWORK={
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_AUTHENTICATION_CLASSES": ["django_hmac_authentication.authentication.HMACAuthentication"],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework.decorators import api_view  # noqa: E402
from rest_framework.response import Response  # noqa: E402

from django_hmac_authentication.server_utils import create_shared_secret_for_user  # noqa: E402


@api_view(["GET", "POST"])
def an_authenticated_view(request):
    return Response({"user": request.user.username, "data": request.data})


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
def user_detail(request, user_id):
    return Response({"user": request.user.username, "id": user_id, "data": request.data})


urlpatterns = [
    path("accounts/an-authenticated-view/", an_authenticated_view),
    path("accounts/users/<str:user_id>/", user_detail),
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (wsgiref's name); requests are counted by the test
        pass


def main():
    call_command("migrate", verbosity=0, interactive=False)
    user = get_user_model().objects.create_user(username="bob", password="bobspassword")
    api_key, api_secret = create_shared_secret_for_user(user)
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=QuietHandler)
    host, port = server.server_address
    print(json.dumps({"base_url": f"http://{host}:{port}", "api_key": str(api_key), "api_secret": api_secret}), flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
