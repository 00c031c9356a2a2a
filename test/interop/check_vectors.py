#!/usr/bin/env python3
"""Checks a signer against hmac-codegen's golden vectors: what a Python team runs on its side.

    hmac-codegen vectors api.yaml -o vectors.json
    /usr/bin/python3 check_vectors.py vectors.json <scheme> <preset>     # or - to read stdin

For every vector, `sign` below is given the vector's inputs and the published test credentials, and
must produce the vector's string to sign and signature byte for byte. Here `sign` is the independent
reference (reference.py); a team replaces it with a call into its own code. Exit 0 when all agree.
"""
import base64
import json
import sys

import reference


def sign(vector, credentials, preset):
    # Replace this with your own signer: (method, url, headers, body bytes, secret, key id,
    # timestamp, nonce, algorithm) -> string to sign and signature.
    request = vector["request"]
    return reference.run_case({
        "op": "sign",
        "preset": preset,
        "method": request["method"],
        "url": request["url"],
        "headers": request["headers"],
        "body_b64": base64.b64encode(request["body"].encode("utf-8")).decode(),
        "secret": credentials["secret"],
        "key_id": vector["keyId"],
        "timestamp": vector["timestamp"],
        "nonce": vector["nonce"],
        "algorithm": vector["algorithm"],
    })


def main():
    path, scheme_name, preset = sys.argv[1:4]
    document = json.load(sys.stdin if path == "-" else open(path, encoding="utf-8"))
    scheme = document["schemes"][scheme_name]
    failures = 0
    for vector in scheme["vectors"]:
        ours = sign(vector, scheme["credentials"], preset)
        if ours.get("string_to_sign") != vector["stringToSign"] or ours.get("signature") != vector["signature"]:
            failures += 1
            print(f"MISMATCH {vector['description']}")
            print(f"  expected {json.dumps(vector['stringToSign'])} -> {vector['signature']}")
            print(f"  got      {json.dumps(ours.get('string_to_sign'))} -> {ours.get('signature', ours.get('error'))}")
    total = len(scheme["vectors"])
    print(f"{total - failures}/{total} vectors agree ({scheme_name}, {preset})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
