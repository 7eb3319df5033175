#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests need, only those missing:
# CJK fonts for the PDFs, poppler-utils, zbar-tools and imagemagick for PDF tests, chromium for browser tests,
# rsync for `deploy --to rsync:...` (and its test).
set -euo pipefail
need=()
# Read fc-list fully first: `fc-list | grep -q` under pipefail fails on SIGPIPE once grep has matched.
fonts=$(fc-list : family 2>/dev/null || true)
grep -q "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
# SYSTEM_DEPS=build: only what building the site needs (CI's deploy job); the test tools otherwise.
if [ "${SYSTEM_DEPS:-all}" != build ]; then
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v zbarimg >/dev/null || need+=(zbar-tools)
  # ImageMagick: the QR tests blur, rotate and add noise to a sheet as a phone photo would.
  [ -x /usr/bin/convert ] || command -v magick >/dev/null || need+=(imagemagick)
  command -v chromium >/dev/null || need+=(chromium)
fi
command -v git >/dev/null || need+=(git)
command -v rsync >/dev/null || need+=(rsync)
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" fontconfig
fc-cache -f >/dev/null 2>&1 || true
