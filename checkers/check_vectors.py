#!/usr/bin/env python3
"""Checks hmac-codegen's golden vectors with a signer written from the x-hmac model alone, in Python's
standard library: what a Python team runs to prove its side agrees, for any template scheme (a preset or
a custom x-hmac), read from the resolved scheme each vectors.json carries.

    hmac-codegen vectors api.yaml -o vectors.json
    python3 check_vectors.py vectors.json [scheme ...]        # or - to read stdin

Every vector's string to sign and signature are rebuilt here from the vector's request, the resolved
scheme and the published test credentials, and must match byte for byte. Schemes of the rfc9421 and
aws-sigv4 profiles are skipped (their standards have their own test suites). To check your own signer,
replace `string_to_sign` and `sign` with calls into it. Exit 0 when every vector agrees.

Written from the README's "The x-hmac model" table and RFC 3986; it shares no code with hmac-codegen.
"""
import base64
import hashlib
import hmac
import json
import re
import sys
from urllib.parse import quote

UNRESERVED = re.compile(r"^[A-Za-z0-9\-._~]$")
PATH_SAFE = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$")
ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*")
HEX = "0123456789abcdefABCDEF"


def split_target(url):
    """Raw path and raw query as sent (no decoding); an absolute URL loses its origin."""
    rest = ABSOLUTE.sub("", url, count=1).split("#", 1)[0]
    path, _, query = rest.partition("?")
    return (path or "/"), query


def percent_decode(text):
    """RFC 3986 §2.1 like PHP's rawurldecode: bytes; a malformed escape stays literal; raw non-ASCII as UTF-8."""
    out = bytearray()
    i = 0
    while i < len(text):
        char = text[i]
        if char == "%" and i + 2 < len(text) and text[i + 1] in HEX and text[i + 2] in HEX:
            out.append(int(text[i + 1:i + 3], 16))
            i += 3
        else:
            out += char.encode("utf-8")
            i += 1
    return bytes(out)


def percent_encode(data, safe, hex_case):
    out = []
    for byte in data:
        char = chr(byte)
        if byte < 0x80 and (char.isascii() and char.isalnum() or char in safe):
            out.append(char)
        else:
            escape = "%{:02X}".format(byte)
            out.append(escape if hex_case == "upper" else escape.lower())
    return "".join(out)


def canonical_path(raw, form):
    if form == "as-sent" or (form == "decoded" and "%" not in raw):
        return raw
    if form == "decoded":
        try:
            return percent_decode(raw).decode("utf-8")
        except UnicodeDecodeError:
            return raw
    # reencoded: RFC 3986 §6.2.2.2 (unreserved escapes decoded), §6.2.2.1 (upper-case hex), the rest encoded.
    out = []
    i = 0
    while i < len(raw):
        escape = raw[i:i + 3]
        if len(escape) == 3 and escape[0] == "%" and escape[1] in HEX and escape[2] in HEX:
            decoded = chr(int(escape[1:], 16))
            out.append(decoded if UNRESERVED.match(decoded) else escape.upper())
            i += 3
        elif PATH_SAFE.match(raw[i]):
            out.append(raw[i])
            i += 1
        else:
            out.append("".join("%{:02X}".format(b) for b in raw[i].encode("utf-8")))
            i += 1
    return "".join(out)


def canonical_query(raw, rule):
    if rule["form"] == "as-sent" or raw == "":
        return raw
    safe = rule["safe"]

    def reencode(component):
        if all(c.isascii() and (c.isalnum() or c in safe) for c in component):
            return component
        text = component.replace("+", " ") if rule["plus"] == "space" else component
        return percent_encode(percent_decode(text), safe, rule["hexCase"])

    pairs = []
    for segment in raw.split("&"):
        if segment == "":
            continue
        key, has_value, value = segment.partition("=")
        if rule["blanks"] == "drop" and value == "":
            continue
        pairs.append((reencode(key), reencode(value if has_value else "")))
    if rule["sort"]:
        pairs.sort()
    return "&".join(f"{key}={value}" for key, value in pairs)


def encode_digest(digest, encoding):
    if encoding == "hex":
        return digest.hex()
    if encoding == "HEX":
        return digest.hex().upper()
    if encoding == "base64":
        return base64.b64encode(digest).decode()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def secret_key(secret, encoding):
    if encoding == "base64":
        return base64.b64decode(secret, validate=True)
    if encoding == "hex":
        return bytes.fromhex(secret)
    return secret.encode("utf-8")


def signed_body(scheme, method, body):
    """The body bytes the scheme covers, and whether they count as empty (python-compact: Python's falsy)."""
    rule = scheme["body"]
    if method.upper() in rule.get("emptyFor", []):
        body = b""
    if rule["json"] == "as-sent" or body == b"":
        return body, body == b""
    data = json.loads(body.decode("utf-8"))
    if not data:
        return b"", True
    return json.dumps(data, separators=(",", ":")).encode("utf-8"), False


def body_hash(scheme, data, empty, algorithm):
    rule = scheme["body"]
    if empty and rule["empty"] == "empty-string":
        return ""
    name = algorithm if rule["hashAlgorithm"] == "signature" else rule["hashAlgorithm"]
    return encode_digest(hashlib.new(name, data).digest(), rule["hashEncoding"])


def query_component(text):
    """encodeURIComponent plus ' (what a URL library writes for a query carrier)."""
    return quote(text, safe="-_.!~*()")


def string_to_sign(scheme, vector, credentials):
    """(text, bytes): the scheme's components joined by its separator, the body component as raw bytes."""
    request = vector["request"]
    values = {"keyId": vector["keyId"], "timestamp": vector["timestamp"], "nonce": vector["nonce"]}
    url = request["url"]
    headers = {name.lower(): value for name, value in request["headers"].items()}
    carriers = [("keyId", scheme["keyId"]), ("timestamp", (scheme["timestamp"] or {}).get("carrier")),
                ("nonce", (scheme["nonce"] or {}).get("carrier"))]
    for field, carrier in carriers:
        if not carrier or values[field] is None:
            continue
        if carrier["in"] == "header":
            headers[carrier["name"].lower()] = values[field]
        elif carrier["in"] == "query":
            base, _, fragment = url.partition("#")
            separator = "?" if "?" not in base else ("" if base.index("?") == len(base) - 1 else "&")
            url = f"{base}{separator}{query_component(carrier['name'])}={query_component(values[field])}" + (f"#{fragment}" if fragment else "")
    path, query = split_target(url)
    body, empty = signed_body(scheme, request["method"], request["body"].encode("utf-8"))
    texts, chunks = [], []
    for component in scheme["stringToSign"]["components"]:
        if component == "body":
            texts.append(body.decode("utf-8", errors="replace"))
            chunks.append(body)
            continue
        if component == "method":
            text = request["method"].upper()
        elif component == "path":
            text = canonical_path(path, scheme["path"]["form"])
        elif component == "query":
            text = canonical_query(query, scheme["query"])
        elif component in values:
            text = values[component] or ""
        elif component == "bodyHash":
            text = body_hash(scheme, body, empty, vector["algorithm"])
        elif component == "secret":
            text = credentials["secret"]
        elif component == "signedHeaders":
            text = "\n".join(f"{name.lower()}:{headers.get(name.lower(), '')}" for name in scheme["signedHeaders"])
        elif component.startswith("header:"):
            text = headers.get(component[len("header:"):].lower(), "")
        else:
            text = component[len("literal:"):]
        texts.append(text)
        chunks.append(text.encode("utf-8"))
    separator = scheme["stringToSign"]["separator"]
    return separator.join(texts), separator.encode("utf-8").join(chunks)


def sign(scheme, vector, credentials, data):
    key = secret_key(credentials["secret"], scheme["secretEncoding"])
    return encode_digest(hmac.new(key, data, vector["algorithm"]).digest(), scheme["signature"]["encoding"])


def main():
    path, *names = sys.argv[1:]
    document = json.load(sys.stdin if path == "-" else open(path, encoding="utf-8"))
    failures = 0
    for name, entry in document["schemes"].items():
        if names and name not in names:
            continue
        scheme = entry["scheme"]
        if scheme.get("profile") is not None:
            print(f"SKIP {name}: profile {scheme['profile']} is not a template scheme")
            continue
        agreed = 0
        for vector in entry["vectors"]:
            text, data = string_to_sign(scheme, vector, entry["credentials"])
            signature = sign(scheme, vector, entry["credentials"], data)
            if text == vector["stringToSign"] and signature == vector["signature"]:
                agreed += 1
                continue
            failures += 1
            print(f"MISMATCH {name}: {vector['description']}")
            print(f"  expected {json.dumps(vector['stringToSign'])} -> {vector['signature']}")
            print(f"  got      {json.dumps(text)} -> {signature}")
        print(f"{agreed}/{len(entry['vectors'])} vectors agree ({name})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
