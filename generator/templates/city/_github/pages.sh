#!/usr/bin/env bash
# The gh-pages branch that GitHub Pages serves (written by `wuye init`; the workflows run it):
#   pages.sh publish SITE      the site at the root, pull requests' previews/ kept
#   pages.sh preview PR SITE   the site of pull request PR at previews/pr-PR/
#   pages.sh remove PR         deletes previews/pr-PR/
#   pages.sh log DEST          copies the published transparency log (log/) to DEST/log;
#                              exits 1 when gh-pages has none yet
# PAGES_REMOTE: the repository to push to (default: this repository on GitHub, with GITHUB_TOKEN).
set -euo pipefail
remote=${PAGES_REMOTE:-https://x-access-token:${GITHUB_TOKEN}@github.com/${GITHUB_REPOSITORY}.git}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! git clone -q --depth 1 --branch gh-pages --single-branch "$remote" "$work/pages" 2>/dev/null; then
  git init -q -b gh-pages "$work/pages"
fi
pages=$work/pages
git -C "$pages" config user.name "github-actions[bot]"
git -C "$pages" config user.email "41898282+github-actions[bot]@users.noreply.github.com"
case "$1" in
  log)
    if [ ! -f "$pages/log/checkpoint" ]; then echo "gh-pages 上还没有公开日志（log/checkpoint）"; exit 1; fi
    mkdir -p "$2"
    cp -R "$pages/log" "$2/"
    echo "已取回公开日志：$2/log"
    exit 0 ;;
  publish)
    wuye deploy --out "$2" --to "$pages" --keep .git --keep .nojekyll --keep previews
    touch "$pages/.nojekyll"
    message="发布网站 ${GITHUB_SHA:-}" ;;
  preview)
    rm -rf "$pages/previews/pr-$2"
    mkdir -p "$pages/previews"
    wuye deploy --out "$3" --to "$pages/previews/pr-$2"
    touch "$pages/.nojekyll"
    message="预览：拉取请求 #$2" ;;
  remove)
    rm -rf "$pages/previews/pr-$2"
    message="删除预览：拉取请求 #$2" ;;
  *) echo "用法：pages.sh publish SITE | preview PR SITE | remove PR | log DEST" >&2; exit 2 ;;
esac
git -C "$pages" add -A
if git -C "$pages" diff --cached --quiet; then
  echo "gh-pages 没有变化"
  exit 0
fi
git -C "$pages" commit -q -m "$message"
git -C "$pages" push -q "$remote" HEAD:gh-pages
echo "$message：已推送到 gh-pages"
