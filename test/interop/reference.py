#!/usr/bin/env python3
"""Independent reference signers and verifiers for the seed systems, in the seeds' own language.

Written from the seeds' rules with the standard library only (hmac, hashlib, base64, json, urllib),
not from hmac-codegen's TypeScript, so agreement between the two means something. Each function
mirrors the Python code the seed shows or describes:

  nextcloud-drf / nextcloud-drf-base64  seed 004 (weather-apis integrations/hmac.py) and seed 000's fix
  django-hmac-authentication            seed 003 (client_utils.prepare_string_to_sign, authentication.py)
  django-api-key                        seed 001 (build_signature / verify_request)
  django-api-signing                    seed 002 (APISigning.is_valid)

Protocol: a JSON document {"cases": [...]} on stdin, {"results": [...]} on stdout, one result per case;
or, with --lines, one JSON case per stdin line answered by one JSON result per stdout line.
A case is {"op": "sign" | "verify", "preset", "method", "url", "headers", "body_b64", "secret",
"key_id", "timestamp", "nonce", "algorithm", "now"}.
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys
from urllib.parse import parse_qsl, quote, unquote


def split_url(url):
    path, _, query = url.partition("?")
    return path or "/", query


def django_path(raw_path):
    # request.path: the WSGI server percent-decodes PATH_INFO; Django decodes it as UTF-8.
    return unquote(raw_path)


def header(headers, *names):
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


# --- seed 004: Nextcloud TokenSigner / DRF verifier ---------------------------------------------

def drf_canonical_query(raw_query):
    # parse_qsl: form semantics (+ is space), duplicates and blanks kept; quote: RFC 3986, safe -_.~
    pairs = parse_qsl(raw_query, keep_blank_values=True)
    encoded = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def drf_canonical(method, url, timestamp, nonce, body):
    path, query = split_url(url)
    return "\n".join([
        method.upper(),
        django_path(path),
        drf_canonical_query(query),
        str(int(timestamp)),
        nonce,
        hashlib.sha256(body).hexdigest(),
    ])


def drf_sign(case, b64_signature):
    canonical = drf_canonical(case["method"], case["url"], case["timestamp"], case["nonce"], body_of(case))
    secret = base64.b64decode(case["secret"], validate=True)
    digest = hmac.new(secret, canonical.encode("utf-8"), hashlib.sha256)
    signature = base64.b64encode(digest.digest()).decode() if b64_signature else digest.hexdigest()
    return {
        "string_to_sign": canonical,
        "signature": signature,
        "headers": {"X-Client-Id": case["key_id"], "X-Timestamp": case["timestamp"], "X-Nonce": case["nonce"], "X-Signature": signature},
    }


def drf_verify(case, b64_signature):
    h = case["headers"]
    client_id = header(h, "X-Client-Id", "X-NC-CLIENT-ID")
    timestamp = header(h, "X-Timestamp", "X-NC-TIMESTAMP")
    nonce = header(h, "X-Nonce", "X-NC-NONCE")
    signature = header(h, "X-Signature", "X-NC-SIGNATURE")
    if not (client_id and timestamp and nonce and signature):
        return {"ok": False, "reason": "missing_credentials"}
    if abs(int(case["now"]) - int(timestamp)) > 300:
        return {"ok": False, "reason": "stale_timestamp"}
    canonical = drf_canonical(case["method"], case["url"], timestamp, nonce, body_of(case))
    secret = base64.b64decode(case["secret"], validate=True)
    digest = hmac.new(secret, canonical.encode("utf-8"), hashlib.sha256)
    if b64_signature:
        ok = hmac.compare_digest(base64.b64encode(digest.digest()).decode(), signature)  # seed 000: no lower()
    else:
        ok = hmac.compare_digest(digest.hexdigest(), signature.lower())
    return {"ok": ok, **({} if ok else {"reason": "bad_signature"})}


# --- seed 003: django_hmac_authentication ------------------------------------------------------

DIGESTS = {"HMAC-SHA512": hashlib.sha512, "HMAC-SHA384": hashlib.sha384, "HMAC-SHA256": hashlib.sha256}


def dha_string_to_sign(body, utc_8601, digest):
    # DRF's request.data for a JSON body, or an empty dict for none; then prepare_string_to_sign.
    data = json.loads(body.decode("utf-8")) if body else {}
    serialised = None if not data else json.dumps(data, separators=(",", ":")).encode("utf-8")
    body_hash = None if not serialised else base64.b64encode(DIGESTS[digest](serialised).digest()).decode()
    string_to_sign = f";{utc_8601}"
    if body_hash:
        string_to_sign = f"{body_hash}" + string_to_sign
    return string_to_sign


def dha_sign(case):
    digest = "HMAC-" + case.get("algorithm", "sha512").upper()
    sts = dha_string_to_sign(body_of(case), case["timestamp"], digest)
    secret = base64.b64decode(case["secret"])
    signature = base64.b64encode(hmac.digest(secret, sts.encode("utf-8"), DIGESTS[digest])).decode()
    return {
        "string_to_sign": sts,
        "signature": signature,
        "headers": {"Authorization": f"{digest} {case['key_id']};{signature};{case['timestamp']}"},
    }


def dha_verify(case):
    auth = header(case["headers"], "Authorization")
    try:
        method, rest = auth.split()
        key, signature, date_in = rest.split(";")
    except (AttributeError, ValueError):
        return {"ok": False, "reason": "malformed_header"}
    if method not in DIGESTS:
        return {"ok": False, "reason": "unsupported_algorithm"}
    req = datetime.datetime.fromisoformat(date_in)
    now = datetime.datetime.fromtimestamp(int(case["now"]), datetime.timezone.utc)
    if req >= now:
        return {"ok": False, "reason": "future_timestamp"}
    if (now - req).total_seconds() > 5:
        return {"ok": False, "reason": "stale_timestamp"}
    sts = dha_string_to_sign(body_of(case), date_in, method)
    expected = base64.b64encode(hmac.digest(base64.b64decode(case["secret"]), sts.encode("utf-8"), DIGESTS[method])).decode()
    ok = hmac.compare_digest(expected, signature)
    return {"ok": ok, **({} if ok else {"reason": "bad_signature"})}


# --- seed 001: API key covered by the signature ------------------------------------------------

def api_key_message(method, path, timestamp, api_key, body):
    return f"{method}\n{path}\n{timestamp}\n{api_key}\n{body.decode('utf-8') if body else ''}"


def api_key_sign(case):
    path, _ = split_url(case["url"])
    message = api_key_message(case["method"].upper(), django_path(path), case["timestamp"], case["key_id"], body_of(case))
    signature = base64.b64encode(hmac.new(case["secret"].encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()).decode()
    return {"string_to_sign": message, "signature": signature,
            "headers": {"X-API-Key": case["key_id"], "X-Timestamp": case["timestamp"], "X-Signature": signature}}


def api_key_verify(case):
    h = case["headers"]
    api_key, signature, timestamp = header(h, "X-API-Key"), header(h, "X-Signature"), header(h, "X-Timestamp")
    if not (api_key and signature and timestamp):
        return {"ok": False, "reason": "missing_credentials"}
    if abs(int(case["now"]) - int(timestamp)) > 300:
        return {"ok": False, "reason": "stale_timestamp"}
    path, _ = split_url(case["url"])
    message = api_key_message(case["method"].upper(), django_path(path), timestamp, api_key, body_of(case))
    expected = base64.b64encode(hmac.new(case["secret"].encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()).decode()
    ok = hmac.compare_digest(expected, signature)
    return {"ok": ok, **({} if ok else {"reason": "bad_signature"})}


# --- seed 002: APISigning ----------------------------------------------------------------------

def api_signing_data(secret, method, path, body):
    # The seed joins request.body (bytes) into a str; the working reading is the body as UTF-8 text.
    return "-".join([secret, method, path, body.decode("utf-8")])


def api_signing_sign(case):
    path, _ = split_url(case["url"])
    data = api_signing_data(case["secret"], case["method"].upper(), django_path(path), body_of(case))
    signature = base64.b64encode(hmac.new(case["secret"].encode("utf-8"), msg=data.encode("utf-8"), digestmod=hashlib.sha256).digest()).decode()
    return {"string_to_sign": data, "signature": signature, "headers": {"Signature": signature}}


def api_signing_verify(case):
    expected = api_signing_sign(case)["signature"]
    received = header(case["headers"], "Signature")
    if not received:
        return {"ok": False, "reason": "missing_credentials"}
    ok = hmac.compare_digest(expected, received)
    return {"ok": ok, **({} if ok else {"reason": "bad_signature"})}


def body_of(case):
    return base64.b64decode(case.get("body_b64") or "")


HANDLERS = {
    ("sign", "nextcloud-drf"): lambda c: drf_sign(c, False),
    ("verify", "nextcloud-drf"): lambda c: drf_verify(c, False),
    ("sign", "nextcloud-drf-base64"): lambda c: drf_sign(c, True),
    ("verify", "nextcloud-drf-base64"): lambda c: drf_verify(c, True),
    ("sign", "django-hmac-authentication"): dha_sign,
    ("verify", "django-hmac-authentication"): dha_verify,
    ("sign", "django-api-key"): api_key_sign,
    ("verify", "django-api-key"): api_key_verify,
    ("sign", "django-api-signing"): api_signing_sign,
    ("verify", "django-api-signing"): api_signing_verify,
}


def run_case(case):
    try:
        return HANDLERS[(case["op"], case["preset"])](case)
    except Exception as error:  # a reference that cannot process a case says so, per case
        return {"error": f"{type(error).__name__}: {error}"}


def main():
    if sys.argv[1:] == ["--lines"]:
        # Serve mode for the end-to-end tests: one JSON case per line in, one JSON result per line out.
        for line in sys.stdin:
            print(json.dumps(run_case(json.loads(line))), flush=True)
        return
    cases = json.load(sys.stdin)["cases"]
    json.dump({"results": [run_case(case) for case in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
