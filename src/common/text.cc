// UTF-8 and NUL checks of outside text.
#include "common/text.h"

namespace tov {

std::optional<std::string> TextProblem(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  auto bad = [](size_t i) { return "is not valid UTF-8 (byte " + std::to_string(i + 1) + ")"; };
  auto cont = [&](size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < n && p[i] >= lo && p[i] <= hi;
  };
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c == 0) return "contains a NUL byte (byte " + std::to_string(i + 1) + ")";
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The well-formed sequences of RFC 3629, section 4: the second byte's range depends on the
    // first, which rules out overlong forms, surrogates and code points above U+10FFFF.
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return bad(i);
    }
    if (!cont(i + 1, lo, hi)) return bad(i);
    for (size_t k = 2; k < len; ++k)
      if (!cont(i + k)) return bad(i);
    i += len;
  }
  return std::nullopt;
}

}  // namespace tov
