<?php
/**
 * Independent PHP oracle for Nextcloud's side of seeds 004 and 000 (apps/weather_apis TokenSigner),
 * written from the seed texts only (none of hmac-codegen's code was read to write this file).
 *
 * Seed 004's rules for TokenSigner, line by line:
 *   METHOD uppercased; PATH the exact request path; CANONICAL_QUERY: split the raw query on `&`, keep
 *   duplicates, `+` to space then rawurldecode, rawurlencode, `%7E` back to `~`, sort by
 *   (encoded_key, encoded_value), join `k=v&k=v`; TIMESTAMP unix seconds as a string; NONCE 32 hex chars
 *   from random_bytes(16); BODY_SHA256 the hex SHA-256 of the raw body, of the empty body for GET.
 *   Signature hash_hmac('sha256', $canonical, $secret) (hex), secret = base64_decode($b64, true).
 * Seed 000: base64_encode(hash_hmac('sha256', $canonical, $secret, true)).
 *
 * What the seed leaves open, and the reading taken: the path is the one the client requests, as written
 * in its URL (parse_url, still percent-encoded: PHP has no decoded request.path on the client side);
 * an empty `&&` piece is skipped; a piece without `=` is a key with an empty value; the sort compares
 * bytes (strcmp), not PHP's numeric-aware `<=>`.
 *
 * Nextcloud only signs; "verify" recomputes with the signer and compares with hash_equals (no case folding).
 * Protocol: as reference.py ({"cases": [...]} on stdin, or --lines).
 */

declare(strict_types=1);

const SKEW_SECONDS = 300;

function tokensigner_canonicalize_query(string $query): string {
    if ($query === '') {
        return '';
    }
    $pairs = [];
    foreach (explode('&', $query) as $piece) {
        if ($piece === '') {
            continue;
        }
        $parts = explode('=', $piece, 2);
        $key = tokensigner_encode(rawurldecode(str_replace('+', ' ', $parts[0])));
        $value = tokensigner_encode(rawurldecode(str_replace('+', ' ', $parts[1] ?? '')));
        $pairs[] = [$key, $value];
    }
    usort($pairs, static fn(array $a, array $b): int => strcmp($a[0], $b[0]) ?: strcmp($a[1], $b[1]));
    return implode('&', array_map(static fn(array $pair): string => $pair[0] . '=' . $pair[1], $pairs));
}

function tokensigner_encode(string $text): string {
    return str_replace('%7E', '~', rawurlencode($text));
}

function tokensigner_body_sha256_hex(string $method, string $body): string {
    return hash('sha256', strtoupper($method) === 'GET' ? '' : $body);
}

function tokensigner_build_canonical_string(string $method, string $url, string $timestamp, string $nonce, string $body): string {
    $path = (string) parse_url($url, PHP_URL_PATH);
    $query = (string) parse_url($url, PHP_URL_QUERY);
    return implode("\n", [
        strtoupper($method),
        $path,
        tokensigner_canonicalize_query($query),
        $timestamp,
        $nonce,
        tokensigner_body_sha256_hex($method, $body),
    ]);
}

function tokensigner_signature(string $canonical, string $secret, bool $base64): string {
    return $base64
        ? base64_encode(hash_hmac('sha256', $canonical, $secret, true))
        : hash_hmac('sha256', $canonical, $secret);
}

function secret_bytes(string $b64): string {
    $secret = base64_decode($b64, true);
    if ($secret === false) {
        throw new InvalidArgumentException('secret is not strict base64');
    }
    return $secret;
}

function sign_case(array $case, bool $base64): array {
    $timestamp = (string) ($case['timestamp'] ?? time());
    $nonce = (string) ($case['nonce'] ?? bin2hex(random_bytes(16)));
    $body = base64_decode((string) ($case['body_b64'] ?? ''), true);
    $canonical = tokensigner_build_canonical_string((string) $case['method'], (string) $case['url'], $timestamp, $nonce, (string) $body);
    $signature = tokensigner_signature($canonical, secret_bytes((string) $case['secret']), $base64);
    return [
        'string_to_sign' => $canonical,
        'signature' => $signature,
        'headers' => [
            'X-Client-Id' => (string) ($case['key_id'] ?? ''),
            'X-Timestamp' => $timestamp,
            'X-Nonce' => $nonce,
            'X-Signature' => $signature,
        ],
    ];
}

function header_value(array $headers, string ...$names): ?string {
    foreach ($names as $name) {
        foreach ($headers as $key => $value) {
            if (strcasecmp((string) $key, $name) === 0 && $value !== '') {
                return (string) $value;
            }
        }
    }
    return null;
}

function verify_case(array $case, bool $base64): array {
    $headers = $case['headers'] ?? [];
    $timestamp = header_value($headers, 'X-Timestamp', 'X-NC-TIMESTAMP');
    $nonce = header_value($headers, 'X-Nonce', 'X-NC-NONCE');
    $signature = header_value($headers, 'X-Signature', 'X-NC-SIGNATURE');
    if (header_value($headers, 'X-Client-Id', 'X-NC-CLIENT-ID') === null || $timestamp === null || $nonce === null || $signature === null) {
        return ['ok' => false, 'reason' => 'missing_headers'];
    }
    $now = isset($case['now']) ? (float) $case['now'] : (float) time();
    if (!ctype_digit($timestamp) || abs($now - (int) $timestamp) > SKEW_SECONDS) {
        return ['ok' => false, 'reason' => 'stale_timestamp'];
    }
    $body = (string) base64_decode((string) ($case['body_b64'] ?? ''), true);
    $canonical = tokensigner_build_canonical_string((string) $case['method'], (string) $case['url'], $timestamp, $nonce, $body);
    $expected = tokensigner_signature($canonical, secret_bytes((string) $case['secret']), $base64);
    return hash_equals($expected, $signature) ? ['ok' => true] : ['ok' => false, 'reason' => 'invalid_signature'];
}

function run_case(array $case): array {
    $base64 = match ($case['preset'] ?? '') {
        'nextcloud-drf' => false,
        'nextcloud-drf-base64' => true,
        default => null,
    };
    if ($base64 === null) {
        return ['error' => 'unknown preset ' . ($case['preset'] ?? '')];
    }
    try {
        return $case['op'] === 'sign' ? sign_case($case, $base64) : verify_case($case, $base64);
    } catch (Throwable $error) {
        return ['error' => get_class($error) . ': ' . $error->getMessage()];
    }
}

// Run only when executed (check-vectors.php requires this file for run_case).
if (get_included_files()[0] !== __FILE__) {
    return;
}
$flags = JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR;
if (($argv[1] ?? '') === '--lines') {
    while (($line = fgets(STDIN)) !== false) {
        echo json_encode(run_case(json_decode($line, true, 512, JSON_THROW_ON_ERROR)), $flags), "\n";
        flush();
    }
    exit(0);
}
$input = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
echo json_encode(['results' => array_map('run_case', $input['cases'])], $flags);
