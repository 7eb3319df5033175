#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests need, only those missing:
# CJK fonts for the PDFs and git for every job; poppler-utils, zbar-tools and imagemagick for the
# PDF tests, chromium for the browser tests, libreoffice-calc for the workbook tests, rsync for `deploy --to rsync:...` (and its test),
# npm (with Node.js) for gitlab-ci-local.
set -euo pipefail
need=()
# Read fc-list fully first: `fc-list | grep -q` under pipefail fails on SIGPIPE once grep has matched.
fonts=$(fc-list : family 2>/dev/null || true)
grep -q "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
# SYSTEM_DEPS selects what a CI job needs: build (the deploy job: fonts and git only),
# browser (the zensical job: the build plus chromium), all (the default: every test tool).
deps=${SYSTEM_DEPS:-all}
case "$deps" in
  build|browser|all) ;;
  *) echo "SYSTEM_DEPS must be build, browser or all, not '$deps'" >&2; exit 2 ;;
esac
if [ "$deps" = all ]; then
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v zbarimg >/dev/null || need+=(zbar-tools)
  # ImageMagick: the QR tests blur, rotate and add noise to a sheet as a phone photo would.
  [ -x /usr/bin/convert ] || command -v magick >/dev/null || need+=(imagemagick)
  command -v rsync >/dev/null || need+=(rsync)  # deploy --to rsync:... and its test
  command -v npm >/dev/null || need+=(npm)  # gitlab-ci-local for the city CI test (tests/npm)
  # LibreOffice Calc: the workbook tests save their corpus as a real spreadsheet program does.
  command -v soffice >/dev/null || need+=(libreoffice-calc)
fi
if [ "$deps" != build ]; then
  command -v chromium >/dev/null || need+=(chromium)
fi
command -v git >/dev/null || need+=(git)
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" fontconfig
fc-cache -f >/dev/null 2>&1 || true
