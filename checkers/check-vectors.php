<?php
// Checks hmac-codegen's golden vectors with a signer written from the x-hmac model alone, in plain PHP:
// what a PHP team runs to prove its side agrees, for any template scheme (a preset or a custom x-hmac),
// read from the resolved scheme each vectors.json carries.
//
//     hmac-codegen vectors api.yaml -o vectors.json
//     php check-vectors.php vectors.json [scheme ...]        # or - to read stdin
//
// Every vector's string to sign and signature are rebuilt here from the vector's request, the resolved
// scheme and the published test credentials, and must match byte for byte. Schemes of the rfc9421 and
// aws-sigv4 profiles are skipped (their standards have their own test suites), and so are vectors of a
// `json: python-compact` scheme: that form is Python's json.dumps, which PHP's json_encode does not
// reproduce (floats, escapes). To check your own signer, replace string_to_sign() and sign() with calls
// into it. Exit 0 when every vector checked agrees.
//
// Written from the README's "The x-hmac model" table and RFC 3986; it shares no code with hmac-codegen.
declare(strict_types=1);

function split_target(string $url): array
{
    $rest = preg_replace('~^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*~', '', $url, 1);
    $rest = explode('#', $rest, 2)[0];
    $parts = explode('?', $rest, 2);
    return [$parts[0] === '' ? '/' : $parts[0], $parts[1] ?? ''];
}

// RFC 3986 §2.1 like rawurldecode: a malformed escape stays literal.
function percent_decode(string $text): string
{
    return preg_replace_callback('/%([0-9A-Fa-f]{2})/', fn (array $m): string => chr(hexdec($m[1])), $text);
}

function percent_encode(string $bytes, string $safe, string $hexCase): string
{
    $out = '';
    for ($i = 0, $n = strlen($bytes); $i < $n; $i++) {
        $char = $bytes[$i];
        if (ctype_alnum($char) || ($char !== '' && strpos($safe, $char) !== false && ord($char) < 0x80)) {
            $out .= $char;
        } else {
            $escape = sprintf('%%%02X', ord($char));
            $out .= $hexCase === 'upper' ? $escape : strtolower($escape);
        }
    }
    return $out;
}

function canonical_path(string $raw, string $form): string
{
    if ($form === 'as-sent' || ($form === 'decoded' && strpos($raw, '%') === false)) {
        return $raw;
    }
    if ($form === 'decoded') {
        $decoded = percent_decode($raw);
        return preg_match('//u', $decoded) === 1 ? $decoded : $raw;
    }
    // reencoded: RFC 3986 §6.2.2.2 (unreserved escapes decoded), §6.2.2.1 (upper-case hex), the rest encoded.
    return preg_replace_callback(
        '/%[0-9A-Fa-f]{2}|./su',
        function (array $m): string {
            $token = $m[0];
            if ($token[0] === '%' && strlen($token) === 3) {
                $decoded = chr(hexdec(substr($token, 1)));
                return preg_match('/^[A-Za-z0-9\-._~]$/', $decoded) ? $decoded : strtoupper($token);
            }
            if (preg_match('/^[A-Za-z0-9\-._~!$&\'()*+,;=:@\/]$/', $token)) {
                return $token;
            }
            return strtoupper(implode('', array_map(fn (string $b): string => sprintf('%%%02X', ord($b)), str_split($token))));
        },
        $raw
    );
}

function canonical_query(string $raw, array $rule): string
{
    if ($rule['form'] === 'as-sent' || $raw === '') {
        return $raw;
    }
    $safe = $rule['safe'];
    $reencode = function (string $component) use ($rule, $safe): string {
        $plain = true;
        for ($i = 0, $n = strlen($component); $i < $n && $plain; $i++) {
            $plain = ord($component[$i]) < 0x80 && (ctype_alnum($component[$i]) || strpos($safe, $component[$i]) !== false);
        }
        if ($plain) {
            return $component;
        }
        $text = $rule['plus'] === 'space' ? str_replace('+', ' ', $component) : $component;
        return percent_encode(percent_decode($text), $safe, $rule['hexCase']);
    };
    $pairs = [];
    foreach (explode('&', $raw) as $segment) {
        if ($segment === '') {
            continue;
        }
        $kv = explode('=', $segment, 2);
        $value = $kv[1] ?? '';
        if ($rule['blanks'] === 'drop' && $value === '') {
            continue;
        }
        $pairs[] = [$reencode($kv[0]), $reencode($value)];
    }
    if ($rule['sort']) {
        // Byte order (strcmp), key then value; usort is stable since PHP 8.0.
        usort($pairs, fn (array $a, array $b): int => strcmp($a[0], $b[0]) ?: strcmp($a[1], $b[1]));
    }
    return implode('&', array_map(fn (array $p): string => "{$p[0]}={$p[1]}", $pairs));
}

function encode_digest(string $digest, string $encoding): string
{
    switch ($encoding) {
        case 'hex':
            return bin2hex($digest);
        case 'HEX':
            return strtoupper(bin2hex($digest));
        case 'base64':
            return base64_encode($digest);
        default:
            return rtrim(strtr(base64_encode($digest), '+/', '-_'), '=');
    }
}

function secret_key(string $secret, string $encoding): string
{
    if ($encoding === 'base64') {
        return base64_decode($secret, true);
    }
    return $encoding === 'hex' ? hex2bin($secret) : $secret;
}

// encodeURIComponent plus ' (what a URL library writes for a query carrier).
function query_component(string $text): string
{
    return str_replace(['%21', '%2A', '%28', '%29'], ['!', '*', '(', ')'], rawurlencode($text));
}

/** [text, bytes]: the scheme's components joined by its separator, the body component as raw bytes. */
function string_to_sign(array $scheme, array $vector, array $credentials): array
{
    $request = $vector['request'];
    $values = ['keyId' => $vector['keyId'], 'timestamp' => $vector['timestamp'], 'nonce' => $vector['nonce']];
    $url = $request['url'];
    $headers = array_change_key_case($request['headers'], CASE_LOWER);
    $carriers = ['keyId' => $scheme['keyId'], 'timestamp' => $scheme['timestamp']['carrier'] ?? null, 'nonce' => $scheme['nonce']['carrier'] ?? null];
    foreach ($carriers as $field => $carrier) {
        if ($carrier === null || $values[$field] === null) {
            continue;
        }
        if ($carrier['in'] === 'header') {
            $headers[strtolower($carrier['name'])] = $values[$field];
        } elseif ($carrier['in'] === 'query') {
            $question = strpos($url, '?');
            $separator = $question === false ? '?' : ($question === strlen($url) - 1 ? '' : '&');
            $url .= $separator . query_component($carrier['name']) . '=' . query_component($values[$field]);
        }
    }
    [$path, $query] = split_target($url);
    $rule = $scheme['body'];
    $body = in_array(strtoupper($request['method']), $rule['emptyFor'] ?? [], true) ? '' : $request['body'];
    $texts = [];
    foreach ($scheme['stringToSign']['components'] as $component) {
        switch (true) {
            case $component === 'method':
                $texts[] = strtoupper($request['method']);
                break;
            case $component === 'path':
                $texts[] = canonical_path($path, $scheme['path']['form']);
                break;
            case $component === 'query':
                $texts[] = canonical_query($query, $scheme['query']);
                break;
            case array_key_exists($component, $values):
                $texts[] = $values[$component] ?? '';
                break;
            case $component === 'bodyHash':
                $algorithm = $rule['hashAlgorithm'] === 'signature' ? $vector['algorithm'] : $rule['hashAlgorithm'];
                $texts[] = $body === '' && $rule['empty'] === 'empty-string' ? '' : encode_digest(hash($algorithm, $body, true), $rule['hashEncoding']);
                break;
            case $component === 'body':
                $texts[] = $body;
                break;
            case $component === 'secret':
                $texts[] = $credentials['secret'];
                break;
            case $component === 'signedHeaders':
                $texts[] = implode("\n", array_map(fn (string $n): string => strtolower($n) . ':' . ($headers[strtolower($n)] ?? ''), $scheme['signedHeaders']));
                break;
            case strncmp($component, 'header:', 7) === 0:
                $texts[] = $headers[strtolower(substr($component, 7))] ?? '';
                break;
            default:
                $texts[] = substr($component, strlen('literal:'));
        }
    }
    $text = implode($scheme['stringToSign']['separator'], $texts);
    return [$text, $text];
}

function sign(array $scheme, array $vector, array $credentials, string $bytes): string
{
    $key = secret_key($credentials['secret'], $scheme['secretEncoding']);
    return encode_digest(hash_hmac($vector['algorithm'], $bytes, $key, true), $scheme['signature']['encoding']);
}

[, $path] = $argv;
$names = array_slice($argv, 2);
$document = json_decode(file_get_contents($path === '-' ? 'php://stdin' : $path), true, 512, JSON_THROW_ON_ERROR);
$failures = 0;
foreach ($document['schemes'] as $name => $entry) {
    if ($names !== [] && !in_array($name, $names, true)) {
        continue;
    }
    $scheme = $entry['scheme'];
    if (isset($scheme['profile'])) {
        echo "SKIP $name: profile {$scheme['profile']} is not a template scheme\n";
        continue;
    }
    if ($scheme['body']['json'] !== 'as-sent') {
        echo "SKIP $name: json python-compact is Python's json.dumps; check it with check_vectors.py\n";
        continue;
    }
    $agreed = 0;
    foreach ($entry['vectors'] as $vector) {
        [$text, $bytes] = string_to_sign($scheme, $vector, $entry['credentials']);
        $signature = sign($scheme, $vector, $entry['credentials'], $bytes);
        if ($text === $vector['stringToSign'] && $signature === $vector['signature']) {
            $agreed++;
            continue;
        }
        $failures++;
        echo "MISMATCH $name: {$vector['description']}\n";
        echo '  expected ', json_encode($vector['stringToSign']), " -> {$vector['signature']}\n";
        echo '  got      ', json_encode($text), " -> $signature\n";
    }
    echo "$agreed/" . count($entry['vectors']) . " vectors agree ($name)\n";
}
exit($failures > 0 ? 1 : 0);
