#!/usr/bin/env bash
# Every message the code passes to tr() has its Chinese translation in po/zh_CN.po: extracts
# them anew with xgettext (an independent reading of the sources) and compares with msgcmp.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
LC_ALL=C.UTF-8 xgettext --keyword=tr --flag=tr:1:no-c-format --from-code=UTF-8 --language=C++ \
  --no-location --omit-header --no-wrap -o "$work/ruralzone.pot" \
  $(git ls-files '*.cpp' | grep -v '^tests/') 2>"$work/xgettext.err" || {
  cat "$work/xgettext.err" >&2
  exit 1
}
# xgettext drops what is not ASCII from a msgid ("layer «{}»" becomes "layer {}"): the code would
# look up a msgid the catalogue does not have and stay English. Quotes go in as arguments
# (in_quotes, geo/messages.hpp), Chinese words too.
if grep -q 'non-ASCII' "$work/xgettext.err"; then
  grep -B1 -A3 'non-ASCII' "$work/xgettext.err" >&2
  echo "a tr() message is not pure ASCII" >&2
  exit 1
fi
msgfmt --check -o /dev/null po/zh_CN.po
# msgcmp: every msgid of the template must be in the catalogue, translated (not fuzzy).
LC_ALL=C.UTF-8 msgcmp po/zh_CN.po "$work/ruralzone.pot"
untranslated="$(LC_ALL=C.UTF-8 msgattrib --untranslated --no-obsolete po/zh_CN.po | grep -c '^msgid' || true)"
if [ "$untranslated" -gt 0 ]; then
  echo "po/zh_CN.po: $untranslated message(s) without a translation" >&2
  exit 1
fi
echo "po/zh_CN.po translates every message"
