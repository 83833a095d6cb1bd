#pragma once
// Text that an earlier, wrong conversion damaged before it reached us.
#include <string>
#include <string_view>

namespace rz::import {

// True when decoded UTF-8 holds U+FFFD, the replacement character a converter writes for bytes
// it could not read, or "锟斤拷", what U+FFFD becomes when its UTF-8 is read as GBK.
bool has_replacement_characters(std::string_view utf8);

// A shapefile field name is at most 10 bytes, so a UTF-8 name of 4 Chinese characters loses its
// last character's tail ("户籍人口" -> 9 bytes + 1 stray byte). Returns the name without an
// incomplete UTF-8 sequence at its end when that is the only thing wrong with it; otherwise the
// bytes unchanged.
std::string without_cut_utf8_tail(std::string_view bytes);

}  // namespace rz::import
