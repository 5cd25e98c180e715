// UTF-8 and NUL checks of outside text.
#include "common/text.h"

#include <vector>

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

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsCprSeparator(char c) { return c == '-' || c == ' ' || c == '.' || c == '/'; }

// The length of a CPR-shaped run of `s` from `i` (a digit not after a digit), or 0.
size_t CprLikeLength(const std::string& s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  if (j - i >= 10) return j - i;
  // Grouped: 6 + 4, or 2 + 2 + 2 + 4, one separator between groups.
  for (const auto& groups : {std::vector<size_t>{6, 4}, std::vector<size_t>{2, 2, 2, 4}}) {
    size_t at = i;
    bool ok = true;
    for (size_t g = 0; g < groups.size() && ok; ++g) {
      if (g > 0) {
        if (at >= s.size() || !IsCprSeparator(s[at])) ok = false;
        ++at;
      }
      for (size_t d = 0; d < groups[g] && ok; ++d, ++at)
        if (at >= s.size() || !IsDigit(s[at])) ok = false;
    }
    if (ok && (at >= s.size() || !IsDigit(s[at]))) return at - i;
  }
  return 0;
}

}  // namespace

std::string RedactCprLike(std::string s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsDigit(s[i]) || (i > 0 && IsDigit(s[i - 1]))) continue;
    size_t len = CprLikeLength(s, i);
    if (len) {
      s.replace(i, len, "**********");
      i += 9;
    }
  }
  return s;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace tov
