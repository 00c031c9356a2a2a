#!/usr/bin/env bash
# Makes sure the programs the test suite runs for real are here: python3 and php-cli for the independent
# reference signers (test/interop), redis-server for the shared replay store, chromium for the msw
# setupWorker test (test/browser); and, for Debian's /usr/bin/python3, the Django and DRF that the seed
# verifiers and the vendored django_hmac_authentication run on. Installs the missing ones
# from Debian when running as root; otherwise fails and names the package. It never skips a test.
set -euo pipefail

declare -A packages=([python3]=python3 [php]=php-cli [redis-server]=redis-server [chromium]=chromium)
missing=()
for command in "${!packages[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${packages[$command]}")
done
# Python modules, checked with the interpreter the tests run (Debian's, not one on PATH such as pyenv's).
declare -A python_modules=([django]=python3-django [rest_framework]=python3-djangorestframework)
for module in "${!python_modules[@]}"; do
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $module" >/dev/null 2>&1 || missing+=("${python_modules[$module]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[hmac-codegen] installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "[hmac-codegen] the test suite needs these Debian packages: ${missing[*]}. Install them (e.g. sudo apt-get install -y ${missing[*]}) and run npm test again." >&2
exit 1
