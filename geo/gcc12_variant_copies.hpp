#pragma once
// Included first by the files that copy rows of geo::Value: GCC 12 reports copies of
// std::variant<..., std::string> as maybe-uninitialized where they are not (GCC bug 107919);
// clang and GCC 13 do not. The pragma holds for the rest of the including file, nowhere else.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
