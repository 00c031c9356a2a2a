<?php
// Checks a signer against hmac-codegen's golden vectors: what a PHP team runs on its side.
//
//     hmac-codegen vectors api.yaml -o vectors.json
//     php check-vectors.php vectors.json <scheme> <preset>
//
// For every vector, sign() below gets the vector's inputs and the published test credentials and must
// produce the vector's string to sign and signature byte for byte. Here it is the independent
// reference (reference.php); a team calls its own code instead (e.g. TokenSigner). Exit 0 when all agree.
declare(strict_types=1);

require __DIR__ . '/reference.php';

function sign(array $vector, array $credentials, string $preset): array
{
    // Replace this with your own signer.
    $request = $vector['request'];
    return run_case([
        'op' => 'sign',
        'preset' => $preset,
        'method' => $request['method'],
        'url' => $request['url'],
        'headers' => $request['headers'],
        'body_b64' => base64_encode($request['body']),
        'secret' => $credentials['secret'],
        'key_id' => $vector['keyId'],
        'timestamp' => $vector['timestamp'],
        'nonce' => $vector['nonce'],
        'algorithm' => $vector['algorithm'],
    ]);
}

[, $path, $schemeName, $preset] = $argv;
$document = json_decode(file_get_contents($path === '-' ? 'php://stdin' : $path), true, 512, JSON_THROW_ON_ERROR);
$scheme = $document['schemes'][$schemeName];
$failures = 0;
foreach ($scheme['vectors'] as $vector) {
    $ours = sign($vector, $scheme['credentials'], $preset);
    if (($ours['string_to_sign'] ?? null) !== $vector['stringToSign'] || ($ours['signature'] ?? null) !== $vector['signature']) {
        $failures++;
        echo "MISMATCH {$vector['description']}\n";
        echo '  expected ', json_encode($vector['stringToSign']), " -> {$vector['signature']}\n";
        echo '  got      ', json_encode($ours['string_to_sign'] ?? null), ' -> ', $ours['signature'] ?? ($ours['error'] ?? ''), "\n";
    }
}
$total = count($scheme['vectors']);
echo ($total - $failures) . "/$total vectors agree ($schemeName, $preset)\n";
exit($failures > 0 ? 1 : 0);
