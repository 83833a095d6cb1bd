#!/usr/bin/env bash
# Extracts every tr("...") message of the code into po/ruralzone.pot and merges it into each
# po/<lang>.po (new messages come in untranslated: translate them, tests/po/check_messages.sh
# fails until then).
set -euo pipefail
cd "$(dirname "$0")/.."
LC_ALL=C.UTF-8 xgettext --keyword=tr --flag=tr:1:no-c-format --from-code=UTF-8 --language=C++ --no-location \
  --omit-header --no-wrap -o po/ruralzone.pot $(git ls-files '*.cpp' | grep -v '^tests/')
for po in po/*.po; do
  LC_ALL=C.UTF-8 msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching "$po" po/ruralzone.pot
done
