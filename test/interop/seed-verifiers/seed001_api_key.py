# Extracted from /work/shared/seeds/001_746566ad24c8e3d8.txt, lines 238-280 (server) and 290-304 (client),
# "Api Key Exposure in Django with Hmac Signatures". Copied as printed; the only change is this header.
# The client lines are kept as a function (seed_client_headers) because the seed runs them at import time.
import base64
import hashlib
import hmac
import time
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

def build_signature(api_key: str, api_secret: bytes, method: str, path: str, timestamp: str, body: str) -> str:
    message = f'{method}\n{path}\n{timestamp}\n{api_key}\n{body}'
    mac = hmac.new(api_secret, message.encode('utf-8'), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode('utf-8')

def verify_request(request: HttpRequest, api_key: str, api_secret: bytes, received_signature: str, timestamp: str, skew_seconds: int = 300) -> bool:
    # Prevent replay by limiting timestamp window
    now = str(int(time.time()))
    if abs(int(now) - int(timestamp)) > skew_seconds:
        return False
    expected = build_signature(api_key, api_secret, request.method, request.path, timestamp, request.body.decode('utf-8') if request.body else '')
    return constant_time_compare(expected, received_signature)

class HmacAuthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api_key = request.META.get('HTTP_X_API_KEY')
        signature = request.META.get('HTTP_X_SIGNATURE')
        timestamp = request.META.get('HTTP_X_TIMESTAMP')
        if api_key and signature and timestamp:
            # Use a secure lookup for api_secret tied to api_key
            api_secret = self.get_secret_for_key(api_key)
            if api_secret and verify_request(request, api_key, api_secret, signature, timestamp):
                # Proceed only after verification
                response = self.get_response(request)
                # Ensure sensitive headers are not logged
                return response
        return HttpResponse(status=401)

    def get_secret_for_key(self, api_key: str) -> bytes:
        # Retrieve secret from a secure store, e.g., environment or vault
        # Example mapping; in practice use a secure lookup
        mapping = {'service-a': b'super-secret-key-1'}
        return mapping.get(api_key, b'')


def seed_client_headers(api_key, api_secret, method, path, timestamp, body):
    # Lines 290-304 with the seed's literals as parameters (its values: 'service-a', b'super-secret-key-1',
    # 'POST', '/api/v1/orders', str(int(time.time())), '{"item": "widget", "qty": 3}').
    message = f'{method}\n{path}\n{timestamp}\n{api_key}\n{body}'
    signature = base64.b64encode(hmac.new(api_secret, message.encode('utf-8'), hashlib.sha256).digest()).decode('utf-8')

    headers = {
        'X-API-Key': api_key,
        'X-Timestamp': timestamp,
        'X-Signature': signature,
        'Content-Type': 'application/json',
    }
    return message, signature, headers
