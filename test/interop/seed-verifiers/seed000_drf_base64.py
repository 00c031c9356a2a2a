# Extracted from /work/shared/seeds/000_5128f66c79067b73.txt, lines 95-109: the fixed Django verifier's
# signature function ("New Verification Function"), indentation restored, otherwise as printed.
import base64
import hashlib
import hmac
def compute_hmac_signature_b64(
    *,
    secret: bytes,
    canonical_string: str,
) -> str:
    """Compute Base64 encoded HMAC-SHA256 signature."""
    digest = hmac.new(
        secret,
        canonical_string.encode("utf-8"),
        hashlib.sha256,
    ).digest()
    return base64.b64encode(digest).decode()
