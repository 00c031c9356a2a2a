#!/usr/bin/python3
"""Independent Python oracles for the seed systems, written from the seed texts and the libraries'
documented behaviour only (none of hmac-codegen's code was read to write this file).

Every verifier runs on a real Django HttpRequest (django.core.handlers.wsgi.WSGIRequest, built from the raw
request the way wsgiref's server builds a WSGI environ), so `request.path`, `request.META`, `request.body` and
DRF's `request.data` are Django's and DRF's own. Where a seed prints its server code, that code runs
(test/interop/seed-verifiers/); seed 003 runs the vendored django_hmac_authentication 3.1.0.

    seed 000  nextcloud-drf-base64        DRF verifier after the fix: compute_hmac_signature_b64, no .lower()
    seed 001  django-api-key              the seed's HmacAuthMiddleware / verify_request, its client lines
    seed 002  django-api-signing          the seed's APISigning.is_valid (as printed it raises: see the file)
    seed 003  django-hmac-authentication  the library's HMACAuthentication.authenticate and client_utils
    seed 004  nextcloud-drf               integrations/hmac.py as the audit's rules describe it

Needs Debian's python3-django and python3-djangorestframework: run it with /usr/bin/python3.
Protocol: a JSON document {"cases": [...]} on stdin, {"results": [...]} on stdout, one result per case;
or, with --lines, one JSON case per stdin line answered by one JSON result per stdout line.
"""
import base64
import datetime as real_datetime
import hashlib
import hmac
import io
import json
import os
import sys
import time as real_time
import types
from urllib.parse import parse_qsl, quote, unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "vendor", "django_hmac_authentication"))
sys.path.insert(0, os.path.join(HERE, "seed-verifiers"))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    SECRET_KEY="reference-py",
    ALLOWED_HOSTS=["*"],
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "rest_framework",
        "django_hmac_authentication",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    USE_TZ=True,
    # Django refuses to read a request.body over 2.5 MB by default (RequestDataTooBig); that is a deployment
    # limit, not part of any seed's contract, so the oracle reads bodies of any size.
    DATA_UPLOAD_MAX_MEMORY_SIZE=None,
)
django.setup()

from django.core.handlers.wsgi import WSGIRequest  # noqa: E402
from rest_framework.exceptions import AuthenticationFailed  # noqa: E402
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser  # noqa: E402
from rest_framework.request import Request as DrfRequest  # noqa: E402

import django_hmac_authentication.authentication as dha_authentication  # noqa: E402
from django_hmac_authentication.client_utils import (  # noqa: E402
    compose_authorization_header,
    prepare_string_to_sign,
    sign_string,
)
import seed000_drf_base64  # noqa: E402
import seed001_api_key  # noqa: E402
import seed002_api_signing  # noqa: E402

# Seed 004 names no window; ±300 s is seed 001's default (verify_request's skew_seconds).
DRF_SKEW_SECONDS = 300


# --- the request as Django sees it ----------------------------------------------------------------

def wsgi_request(case):
    """A WSGIRequest from the raw request, with the environ wsgiref.simple_server would build:
    PATH_INFO is the percent-decoded path as latin-1 text (PEP 3333), QUERY_STRING the raw query,
    each header as HTTP_<NAME> (dashes to underscores; headers that contain an underscore are dropped)."""
    raw = case["url"]
    path, _, query = raw.partition("?")
    if "://" in path:
        path = urlsplit(raw).path
    body = base64.b64decode(case.get("body_b64") or "")
    environ = {
        "REQUEST_METHOD": case["method"],
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote(path, "iso-8859-1"),
        "QUERY_STRING": query.split("#", 1)[0],
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
    }
    for name, value in (case.get("headers") or {}).items():
        if "_" in name:
            continue
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    return WSGIRequest(environ)


def client_path(url):
    """The path a Python client writes in its code: seed 001's client signs the literal it puts in the URL
    (path = '/api/v1/orders'), which is the readable, decoded text (requests percent-encodes it on the
    wire). Decoded as UTF-8, as unquote does."""
    path = url.split("?", 1)[0]
    return unquote(urlsplit(url).path if "://" in path else path)


def body_bytes(case):
    return base64.b64decode(case.get("body_b64") or "")


class frozen_clock:
    """Replaces a module's `time` / `datetime` so the seed code reads the case's clock (`now`, unix seconds)."""

    def __init__(self, now):
        self.now = now

    def time_module(self):
        now = self.now
        return types.SimpleNamespace(time=lambda: now if now is not None else real_time.time())

    def datetime_module(self):
        now = self.now

        class FrozenDatetime(real_datetime.datetime):
            @classmethod
            def now(cls, tz=None):
                if now is None:
                    return real_datetime.datetime.now(tz)
                return real_datetime.datetime.fromtimestamp(now, tz)

        return types.SimpleNamespace(datetime=FrozenDatetime, timezone=real_datetime.timezone)


# --- seed 004 (DRF integrations/hmac.py) and seed 000 ------------------------------------------------

def drf_canonical_query(query_string):
    # "parse raw query string (QUERY_STRING), preserve duplicates and blanks; decode using form semantics
    # (+ becomes space); re-encode using RFC3986 with safe -_.~; sort by (encoded_key, encoded_value)"
    pairs = parse_qsl(query_string, keep_blank_values=True)
    encoded = sorted((quote(key, safe="-_.~"), quote(value, safe="-_.~")) for key, value in pairs)
    return "&".join(f"{key}={value}" for key, value in encoded)


def drf_canonical_string(request, timestamp, nonce):
    # METHOD\nPATH\nCANONICAL_QUERY\nTIMESTAMP\nNONCE\nBODY_SHA256; "for GET, hash empty bytes".
    method = request.method.upper()
    body = b"" if method == "GET" else request.body
    return "\n".join([
        method,
        request.path,
        drf_canonical_query(request.META.get("QUERY_STRING", "")),
        str(int(timestamp)),
        nonce,
        hashlib.sha256(body).hexdigest(),
    ])


def drf_header(request, preferred, legacy):
    # Preferred X-* headers; the legacy X-NC-* aliases "still accepted".
    return request.headers.get(preferred) or request.headers.get(legacy)


def drf_sign(case, base64_signature):
    request = wsgi_request(case)
    timestamp = case.get("timestamp") or str(int(real_time.time()))
    nonce = case.get("nonce") or os.urandom(16).hex()
    canonical = drf_canonical_string(request, timestamp, nonce)
    secret = base64.b64decode(case["secret"], validate=True)
    if base64_signature:
        signature = seed000_drf_base64.compute_hmac_signature_b64(secret=secret, canonical_string=canonical)
    else:
        signature = hmac.new(secret, canonical.encode("utf-8"), hashlib.sha256).hexdigest()
    headers = {"X-Client-Id": case.get("key_id") or "", "X-Timestamp": timestamp, "X-Nonce": nonce, "X-Signature": signature}
    return {"string_to_sign": canonical, "signature": signature, "headers": headers}


def drf_verify(case, base64_signature):
    request = wsgi_request(case)
    client_id = drf_header(request, "X-Client-Id", "X-NC-CLIENT-ID")
    timestamp = drf_header(request, "X-Timestamp", "X-NC-TIMESTAMP")
    nonce = drf_header(request, "X-Nonce", "X-NC-NONCE")
    signature = drf_header(request, "X-Signature", "X-NC-SIGNATURE")
    if not (client_id and timestamp and nonce and signature):
        return {"ok": False, "reason": "missing_headers"}
    try:
        timestamp_int = int(timestamp)
    except ValueError:
        return {"ok": False, "reason": "invalid_timestamp"}
    now = case.get("now")
    if abs((now if now is not None else real_time.time()) - timestamp_int) > DRF_SKEW_SECONDS:
        return {"ok": False, "reason": "stale_timestamp"}
    secret = base64.b64decode(case["secret"], validate=True)
    canonical = drf_canonical_string(request, timestamp, nonce)
    if base64_signature:
        # Seed 000's fix: base64, and .lower() removed from the flow.
        expected = seed000_drf_base64.compute_hmac_signature_b64(secret=secret, canonical_string=canonical)
        received = signature
    else:
        # Seed 004: "hex-encoded signature, lowercased before compare; constant-time comparison".
        expected = hmac.new(secret, canonical.encode("utf-8"), hashlib.sha256).hexdigest()
        received = signature.lower()
    if not hmac.compare_digest(expected.encode(), received.encode()):
        return {"ok": False, "reason": "invalid_signature"}
    return {"ok": True}


# --- seed 003 (django_hmac_authentication 3.1.0, vendored) -------------------------------------------

DIGESTS = {"sha256": "HMAC-SHA256", "sha384": "HMAC-SHA384", "sha512": "HMAC-SHA512"}


def dha_digest(case):
    algorithm = case.get("algorithm") or "HMAC-SHA512"  # the library's example client signs with SHA-512
    return DIGESTS.get(algorithm.lower().replace("hmac-", ""), algorithm)


def styled_utc_now(style):
    """Now, as the example client writes it (datetime.utcnow().replace(tzinfo=utc).isoformat(): microseconds,
    +00:00) or in another ISO 8601 form datetime.fromisoformat reads: "<timespec> <zone>", e.g.
    "milliseconds Z" or "microseconds +05:30" (the same instant in that offset)."""
    now = real_datetime.datetime.utcnow().replace(tzinfo=real_datetime.timezone.utc)
    if not style:
        return now.isoformat()
    timespec, zone = style.split(" ")
    if zone == "Z":
        return now.isoformat(timespec=timespec).replace("+00:00", "Z")
    sign = -1 if zone.startswith("-") else 1
    hours, minutes = zone[1:].split(":")
    offset = real_datetime.timezone(sign * real_datetime.timedelta(hours=int(hours), minutes=int(minutes)))
    return now.astimezone(offset).isoformat(timespec=timespec)


def dha_sign(case):
    # example_django_project/example_python_client.py: the data dict goes to prepare_string_to_sign and
    # is sent as requests' json=; the api_secret is base64-decoded first.
    body = body_bytes(case)
    data = json.loads(body) if body else None
    digest = dha_digest(case)
    utc_8601 = case.get("timestamp") or styled_utc_now(case.get("timestamp_style"))
    secret = base64.b64decode(case["secret"])
    string_to_sign = prepare_string_to_sign(data, utc_8601, digest)
    signature = sign_string(string_to_sign, secret, digest)
    header = compose_authorization_header(digest, case.get("key_id") or "", signature, utc_8601)
    return {"string_to_sign": string_to_sign, "signature": signature, "headers": {"Authorization": header}}


class CaseKeyAuthentication(dha_authentication.HMACAuthentication):
    """The library's class; only the key store differs: the secret comes from the case instead of the
    AES/Camellia-encrypted database row (compute_request_signature otherwise as in authentication.py)."""

    def __init__(self, secret):
        self.secret = secret

    def compute_request_signature(self, request, auth_method, date_in, hmac_key):
        data = getattr(request, "data", None)
        string_to_sign = prepare_string_to_sign(data, date_in, auth_method)
        return sign_string(string_to_sign, self.secret, auth_method)


def dha_verify(case):
    request = DrfRequest(wsgi_request(case), parsers=[JSONParser(), FormParser(), MultiPartParser()])
    key = types.SimpleNamespace(revoked=False, expires_at=None, user=types.SimpleNamespace(is_active=True))
    dha_authentication.get_api_hmac_key = lambda key_id: key
    dha_authentication.datetime = frozen_clock(case.get("now")).datetime_module()
    try:
        result = CaseKeyAuthentication(base64.b64decode(case["secret"])).authenticate(request)
    except AuthenticationFailed as failure:
        return {"ok": False, "reason": failure.get_codes() if isinstance(failure.get_codes(), str) else "authentication_failed"}
    except Exception as error:  # what the site would answer with a 500
        return {"ok": False, "reason": f"exception:{type(error).__name__}"}
    if result is None:
        return {"ok": False, "reason": "not_hmac"}
    return {"ok": True}


# --- seed 001 (the seed's middleware) -----------------------------------------------------------------

def api_key_sign(case):
    body = body_bytes(case).decode("utf-8")
    timestamp = case.get("timestamp") or str(int(real_time.time()))
    message, signature, headers = seed001_api_key.seed_client_headers(
        case.get("key_id") or "", case["secret"].encode("utf-8"), case["method"], client_path(case["url"]), timestamp, body
    )
    del headers["Content-Type"]
    return {"string_to_sign": message, "signature": signature, "headers": headers}


def api_key_verify(case):
    secret = case["secret"].encode("utf-8")
    expected_key = case.get("key_id")

    class CaseMiddleware(seed001_api_key.HmacAuthMiddleware):
        def get_secret_for_key(self, api_key):
            return secret if expected_key in (None, api_key) else b""

    seed001_api_key.time = frozen_clock(case.get("now")).time_module()
    try:
        response = CaseMiddleware(lambda request: types.SimpleNamespace(status_code=200))(wsgi_request(case))
    except Exception as error:
        return {"ok": False, "reason": f"exception:{type(error).__name__}"}
    return {"ok": True} if response.status_code == 200 else {"ok": False, "reason": f"status_{response.status_code}"}


# --- seed 002 (the seed's middleware) -----------------------------------------------------------------

def api_signing_sign(case):
    # The consumer "constructs the message using the parameters decided by the server": the same join.
    secret = case["secret"]
    data = "-".join([secret, case["method"].upper(), client_path(case["url"]), body_bytes(case).decode("utf-8")])
    signature = base64.b64encode(hmac.new(secret.encode("utf-8"), msg=data.encode("utf-8"), digestmod=hashlib.sha256).digest()).decode()
    return {"string_to_sign": data, "signature": signature, "headers": {"Signature": signature}}


def api_signing_verify(case, as_printed=False):
    settings.SECRET_KEY = case["secret"]
    request = wsgi_request(case)
    try:
        valid = seed002_api_signing.APISigning(None).is_valid(request) if as_printed else seed002_api_signing.is_valid_as_text(request)
    except Exception as error:
        return {"ok": False, "reason": f"exception:{type(error).__name__}"}
    return {"ok": True} if valid else {"ok": False, "reason": "invalid_signature"}


# --- dispatch -------------------------------------------------------------------------------------------

SIGNERS = {
    "nextcloud-drf": lambda case: drf_sign(case, False),
    "nextcloud-drf-base64": lambda case: drf_sign(case, True),
    "django-hmac-authentication": dha_sign,
    "django-api-key": api_key_sign,
    "django-api-signing": api_signing_sign,
}
VERIFIERS = {
    "nextcloud-drf": lambda case: drf_verify(case, False),
    "nextcloud-drf-base64": lambda case: drf_verify(case, True),
    "django-hmac-authentication": dha_verify,
    "django-api-key": api_key_verify,
    "django-api-signing": api_signing_verify,
    # Seed 002's middleware exactly as printed (raises TypeError on every request).
    "django-api-signing-as-printed": lambda case: api_signing_verify(case, as_printed=True),
}


def run_case(case):
    table = SIGNERS if case["op"] == "sign" else VERIFIERS
    handler = table.get(case["preset"])
    if handler is None:
        return {"error": f"unknown preset {case['preset']} for {case['op']}"}
    try:
        return handler(case)
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


def main():
    if sys.argv[1:] == ["--lines"]:
        for line in sys.stdin:
            print(json.dumps(run_case(json.loads(line))), flush=True)
        return
    cases = json.load(sys.stdin)["cases"]
    json.dump({"results": [run_case(case) for case in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
