# Extracted from /work/shared/seeds/002_e2e0ddb8dc153c04.txt, lines 74-101, "API request signing in Django"
# (app/api_signing.py). The seed's text lost its indentation; it is restored here and nothing else is
# changed. Two things in it are the seed's own bugs, kept on purpose:
#   - `JsonResponse` is used but never imported, and JsonResponse(status_code=401) is not its signature;
#   - "-".join(params) joins `request.body` (bytes) into a str, which raises TypeError in Python 3, so as
#     printed this middleware refuses (crashes on) every request. `is_valid_as_text` below is the one-word
#     repair the preset assumes (the body read as UTF-8 text); it is not in the seed.
import hmac
from base64 import b64encode
from hashlib import sha256
from django.conf import settings
class APISigning(object):
    def __init__(self, get_response):
        self.get_response = get_response
    def __call__(self, request):

        if not self.is_valid(request):
            return JsonResponse(status_code=401)  # noqa: F821 (as printed in the seed)
        return self.get_response(request)
    def is_valid(self, request):
        """Validate signed requests."""
        api_signature = request.META.get('HTTP_SIGNATURE')
        secret = settings.SECRET_KEY
        params = [
            secret, request.method,
            request.path, request.body
        ]
        data = "-".join(params)
        data = data.encode('utf-8')
        computed_sig = hmac.new(
            secret.encode('utf-8'),
            msg=data, digestmod=sha256
        ).digest()
        signature = b64encode(computed_sig).decode()
        return signature == api_signature


def is_valid_as_text(request):
    """Not in the seed: is_valid with request.body decoded as UTF-8 (the reading the preset takes)."""
    api_signature = request.META.get('HTTP_SIGNATURE')
    secret = settings.SECRET_KEY
    params = [
        secret, request.method,
        request.path, request.body.decode('utf-8')
    ]
    data = "-".join(params)
    data = data.encode('utf-8')
    computed_sig = hmac.new(
        secret.encode('utf-8'),
        msg=data, digestmod=sha256
    ).digest()
    signature = b64encode(computed_sig).decode()
    return signature == api_signature
