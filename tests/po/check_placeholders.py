#!/usr/bin/env python3
"""Every translation of po/*.po takes the same fmt arguments as its msgid.

The code formats a translated message with fmt::format(fmt::runtime(tr("...")), args...): a
translation whose placeholders do not fit the arguments throws fmt::format_error at run time (on
an error path, hiding the real error) or prints the wrong value. For each translated entry the
sequence of replacement fields of msgstr must equal that of msgid, in order: the same argument
ids ({} or {0}), the same sign, '#', '0', precision and type ({:g}, {:.1f}, {:+.1f} ...). Only a
static fill, alignment and width may differ ({:<24} -> {:<12}: Chinese text is wider); they pad
and never consume an argument. {{ and }} are text. A string mixing automatic {} and indexed {0}
fields fails too (fmt rejects it).

Usage: check_placeholders.py [po files]   (default: po/*.po of the source tree)
"""
import glob
import os
import re
import sys

SPEC = re.compile(
    r"^(?:(?P<fill>[^{}])?(?P<align>[<>^]))?(?P<sign>[+\- ])?(?P<alt>#)?(?P<zero>0)?"
    r"(?P<width>\d+|\{\d*\})?(?P<precision>\.(?:\d+|\{\d*\}))?(?P<locale>L)?(?P<type>[A-Za-z?]?)$")


class PlaceholderError(Exception):
    pass


def fields(text):
    """The replacement fields of a fmt format string, in order, as comparable keys."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "{":
            if text.startswith("{{", i):
                i += 2
                continue
            depth, j = 1, i + 1
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            if depth:
                raise PlaceholderError(f"unclosed '{{' at {i}")
            body = text[i + 1:j - 1]
            arg, _, spec = body.partition(":")
            m = SPEC.match(spec)
            if not m:
                raise PlaceholderError(f"bad format spec {{{body}}}")
            width = m.group("width") or ""
            key = (arg, m.group("sign") or "", m.group("alt") or "", m.group("zero") or "",
                   width if width.startswith("{") else "", m.group("precision") or "",
                   m.group("locale") or "", m.group("type"))
            out.append(("{" + body + "}", key))
            i = j
        elif c == "}":
            if not text.startswith("}}", i):
                raise PlaceholderError(f"lone '}}' at {i}")
            i += 2
        else:
            i += 1
    ids = {key[0] == "" for _, key in out}
    if len(ids) > 1:
        raise PlaceholderError("mixes automatic {} and indexed {0} fields")
    return out


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def entries(path):
    """(line, msgid, msgstr, exemption) of the po file's live entries (not obsolete, not the
    header); exemption is the reason of a "# placeholders: ..." comment, else None."""
    entry, key = {}, None
    result = []

    def flush():
        if "msgid" in entry and entry["msgid"] and "msgstr" in entry:
            result.append((entry["line"], entry["msgid"], entry["msgstr"], entry.get("exempt")))

    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            s = raw.strip()
            if s.startswith("# placeholders:"):
                if "msgid" in entry:
                    flush()
                    entry, key = {}, None
                entry["exempt"] = s[len("# placeholders:"):].strip()
                continue
            if not s or s.startswith("#"):
                if not s and entry:
                    flush()
                    entry, key = {}, None
                continue
            m = re.match(r'^(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d+\])\s+"(.*)"$', s)
            if m:
                if m.group(1) == "msgid" and "msgid" in entry:
                    flush()
                    entry = {}
                key = m.group(1)
                entry[key] = unquote(m.group(2))
                if key == "msgid":
                    entry["line"] = n
            elif s.startswith('"') and key:
                entry[key] += unquote(s[1:-1])
    if entry:
        flush()
    return result


def shown(text):
    return text.replace("\n", "\\n")


def check(path):
    failures = 0
    for line, msgid, msgstr, exempt in entries(path):
        if not msgstr:
            continue  # untranslated: check_messages.sh's business
        if exempt:
            print(f"{path}:{line}: not checked, \"{shown(msgid)}\": {exempt}")
            continue
        try:
            want = fields(msgid)
        except PlaceholderError as e:
            print(f"{path}:{line}: msgid \"{shown(msgid)}\": {e}", file=sys.stderr)
            failures += 1
            continue
        try:
            got = fields(msgstr)
        except PlaceholderError as e:
            print(f"{path}:{line}: the translation of \"{shown(msgid)}\" {e}: \"{shown(msgstr)}\"",
                  file=sys.stderr)
            failures += 1
            continue
        if [k for _, k in want] != [k for _, k in got]:
            print(f"{path}:{line}: the translation of \"{shown(msgid)}\" has the placeholders "
                  f"{' '.join(t for t, _ in got) or '(none)'}, its msgid "
                  f"{' '.join(t for t, _ in want) or '(none)'}: \"{shown(msgstr)}\"", file=sys.stderr)
            failures += 1
    return failures


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(root, "po", "*.po")))
    failures = sum(check(p) for p in files)
    if failures:
        print(f"{failures} translation(s) whose placeholders do not fit their msgid",
              file=sys.stderr)
        return 1
    print("every translation has its msgid's placeholders, in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
