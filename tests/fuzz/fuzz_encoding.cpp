// Fuzzes the text encodings (import/encoding.hpp): is_valid_utf8, is_ascii, EncodingDetector,
// to_utf8 and from_utf8, parse_encoding.
// Input: any bytes, taken as one attribute value (and, split at '\n', as the strings an
// EncodingDetector samples).
// Expected: is_valid_utf8 agrees with an independent decoder (RFC 3629); to_utf8(UTF-8) succeeds
// exactly on valid UTF-8 and returns it unchanged; to_utf8(GB18030) either returns valid UTF-8
// or throws DataError; valid UTF-8 survives UTF-8 -> GB18030 -> UTF-8 unchanged; the detector
// says GB18030 exactly when some non-ASCII line is not valid UTF-8. DataError is the only
// exception expected.
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "import/encoding.hpp"

using namespace rz::import;

namespace {

// RFC 3629 UTF-8, written differently from is_valid_utf8: by the table of well-formed byte
// sequences (Unicode 15, table 3-7).
bool reference_utf8(std::string_view s) {
  auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  size_t i = 0;
  while (i < s.size()) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const size_t left = s.size() - i;
    if (b(0) <= 0x7F) {
      i += 1;
    } else if (in(b(0), 0xC2, 0xDF)) {
      if (left < 2 || !in(b(1), 0x80, 0xBF)) return false;
      i += 2;
    } else if (in(b(0), 0xE0, 0xEF)) {
      const unsigned lo = b(0) == 0xE0 ? 0xA0 : 0x80, hi = b(0) == 0xED ? 0x9F : 0xBF;
      if (left < 3 || !in(b(1), lo, hi) || !in(b(2), 0x80, 0xBF)) return false;
      i += 3;
    } else if (in(b(0), 0xF0, 0xF4)) {
      const unsigned lo = b(0) == 0xF0 ? 0x90 : 0x80, hi = b(0) == 0xF4 ? 0x8F : 0xBF;
      if (left < 4 || !in(b(1), lo, hi) || !in(b(2), 0x80, 0xBF) || !in(b(3), 0x80, 0xBF))
        return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rz::fuzz::fail;
  const std::string_view bytes = rz::fuzz::as_text(data, size);
  (void)parse_encoding(bytes);

  const bool valid = is_valid_utf8(bytes);
  if (valid != reference_utf8(bytes))
    fail(valid ? "is_valid_utf8 accepts ill-formed UTF-8" : "is_valid_utf8 refuses valid UTF-8");
  if (is_ascii(bytes) && !valid) fail("ASCII is not valid UTF-8");

  // As UTF-8: unchanged when valid, DataError otherwise.
  try {
    if (to_utf8(bytes, Encoding::utf8, "fuzz") != bytes) fail("to_utf8(UTF-8) changed the text");
    if (!valid) fail("to_utf8(UTF-8) accepted ill-formed UTF-8");
  } catch (const rz::DataError&) {
    if (valid) fail("to_utf8(UTF-8) refused valid UTF-8");
  }

  // As GB18030: valid UTF-8 out, or DataError.
  rz::fuzz::expect_project_errors([&] {
    const std::string utf8 = to_utf8(bytes, Encoding::gb18030, "fuzz");
    if (!reference_utf8(utf8)) fail("to_utf8(GB18030) returned ill-formed UTF-8");
  });

  // Valid UTF-8 through GB18030 and back is unchanged (GB18030 encodes every code point).
  if (valid) {
    rz::fuzz::expect_project_errors([&] {
      const std::string gb = from_utf8(bytes, Encoding::gb18030, "fuzz");
      if (to_utf8(gb, Encoding::gb18030, "fuzz") != bytes)
        fail("UTF-8 -> GB18030 -> UTF-8 changed the text");
    });
    if (from_utf8(bytes, Encoding::utf8) != bytes) fail("from_utf8(UTF-8) changed the text");
  }

  // The detector over the lines.
  EncodingDetector detector;
  bool non_ascii = false, invalid = false;
  size_t start = 0;
  while (start <= bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    detector.add(line);
    if (!is_ascii(line)) {
      non_ascii = true;
      invalid = invalid || !reference_utf8(line);
    }
    start = end + 1;
  }
  if (detector.saw_non_ascii() != non_ascii) fail("EncodingDetector::saw_non_ascii");
  if ((detector.result() == Encoding::gb18030) != invalid) fail("EncodingDetector::result");
  return 0;
}
