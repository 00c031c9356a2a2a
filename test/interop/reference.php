<?php
// Independent reference for seed 004's Nextcloud side: TokenSigner's rules in PHP (rawurlencode,
// hash_hmac), and seed 000's base64 fix. Written from the seed's audit, not from hmac-codegen.
// Protocol as reference.py: {"cases": [...]} on stdin, {"results": [...]} on stdout.
declare(strict_types=1);

function canonicalize_query(string $query): string {
    $pairs = [];
    foreach (explode('&', $query) as $part) {
        if ($part === '') {
            continue;
        }
        $kv = explode('=', $part, 2);
        $key = rawurldecode(str_replace('+', ' ', $kv[0]));
        $value = rawurldecode(str_replace('+', ' ', $kv[1] ?? ''));
        $pairs[] = [str_replace('%7E', '~', rawurlencode($key)), str_replace('%7E', '~', rawurlencode($value))];
    }
    // strcmp, not <=>: PHP 8 compares numeric strings as numbers ("10" <=> "9"), which would not be
    // the byte order the DRF side sorts by.
    usort($pairs, fn(array $a, array $b): int => strcmp($a[0], $b[0]) ?: strcmp($a[1], $b[1]));
    return implode('&', array_map(fn(array $p): string => $p[0] . '=' . $p[1], $pairs));
}

function build_canonical_string(string $method, string $url, string $timestamp, string $nonce, string $body): string {
    $question = strpos($url, '?');
    $path = $question === false ? $url : substr($url, 0, $question);
    $query = $question === false ? '' : substr($url, $question + 1);
    // DRF signs request.path, the decoded path, so the signer must too.
    return implode("\n", [strtoupper($method), rawurldecode($path), canonicalize_query($query), $timestamp, $nonce, hash('sha256', $body)]);
}

function sign_case(array $case, bool $base64): array {
    $canonical = build_canonical_string($case['method'], $case['url'], $case['timestamp'], $case['nonce'], base64_decode($case['body_b64'] ?? '', true));
    $secret = base64_decode($case['secret'], true);
    $signature = $base64 ? base64_encode(hash_hmac('sha256', $canonical, $secret, true)) : hash_hmac('sha256', $canonical, $secret);
    return [
        'string_to_sign' => $canonical,
        'signature' => $signature,
        'headers' => ['X-Client-Id' => $case['key_id'], 'X-Timestamp' => $case['timestamp'], 'X-Nonce' => $case['nonce'], 'X-Signature' => $signature],
    ];
}

function header_value(array $headers, string ...$names): ?string {
    $lower = array_change_key_case($headers, CASE_LOWER);
    foreach ($names as $name) {
        if (isset($lower[strtolower($name)])) {
            return $lower[strtolower($name)];
        }
    }
    return null;
}

function verify_case(array $case, bool $base64): array {
    $h = $case['headers'];
    $timestamp = header_value($h, 'X-Timestamp', 'X-NC-TIMESTAMP');
    $nonce = header_value($h, 'X-Nonce', 'X-NC-NONCE');
    $signature = header_value($h, 'X-Signature', 'X-NC-SIGNATURE');
    if ($timestamp === null || $nonce === null || $signature === null || header_value($h, 'X-Client-Id', 'X-NC-CLIENT-ID') === null) {
        return ['ok' => false, 'reason' => 'missing_credentials'];
    }
    if (abs((int) $case['now'] - (int) $timestamp) > 300) {
        return ['ok' => false, 'reason' => 'stale_timestamp'];
    }
    $expected = sign_case(['timestamp' => $timestamp, 'nonce' => $nonce, 'key_id' => ''] + $case, $base64)['signature'];
    $ok = hash_equals($expected, $signature);
    return $ok ? ['ok' => true] : ['ok' => false, 'reason' => 'bad_signature'];
}

function run_case(array $case): array
{
    if (!in_array($case['preset'], ['nextcloud-drf', 'nextcloud-drf-base64'], true)) {
        return ['error' => 'unsupported preset ' . $case['preset']];
    }
    $base64 = $case['preset'] === 'nextcloud-drf-base64';
    return $case['op'] === 'sign' ? sign_case($case, $base64) : verify_case($case, $base64);
}

// Run as a script (not when check-vectors.php requires it for its functions).
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') !== __FILE__) {
    return;
}
$flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
if (($argv[1] ?? '') === '--lines') {
    // Serve mode for the end-to-end tests: one JSON case per line in, one JSON result per line out.
    while (($line = fgets(STDIN)) !== false) {
        echo json_encode(run_case(json_decode($line, true, 512, JSON_THROW_ON_ERROR)), $flags), "\n";
        fflush(STDOUT);
    }
    exit(0);
}
$input = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
echo json_encode(['results' => array_map('run_case', $input['cases'])], $flags);
