// The rules for a new password.
#include "app/passwords.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "security/crypto.h"

namespace tov {
namespace reference {
extern const std::string_view kCommonPasswords;  // generated from data/common-passwords.txt
}  // namespace reference

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Code points of valid UTF-8 (continuation bytes are not counted).
size_t Characters(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const std::unordered_set<std::string_view>& CommonPasswords() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string_view>;
    std::string_view all = reference::kCommonPasswords;
    while (!all.empty()) {
      size_t end = all.find('\n');
      std::string_view line = all.substr(0, end);
      if (!line.empty()) s->insert(line);
      if (end == std::string_view::npos) break;
      all.remove_prefix(end + 1);
    }
    return s;
  }();
  return *set;
}

}  // namespace

bool IsCommonPassword(const std::string& password) {
  return CommonPasswords().count(Lower(password)) > 0;
}

std::vector<FieldError> CheckNewPassword(const std::string& password, const std::string& user,
                                         const std::string& field) {
  std::vector<FieldError> errors;
  if (password.size() > crypto::kMaxPasswordBytes) {
    errors.push_back(
        {field, "is too long", "too_long", {std::to_string(crypto::kMaxPasswordBytes)}});
  } else if (Characters(password) < kMinPasswordChars) {
    errors.push_back({field,
                      "must be at least " + std::to_string(kMinPasswordChars) + " characters",
                      "too_short",
                      {std::to_string(kMinPasswordChars)}});
  } else if (IsCommonPassword(password)) {
    errors.push_back(
        {field, "is one of the most common passwords; choose another", "common_password", {}});
  } else if (!user.empty() && Lower(password).find(Lower(user)) != std::string::npos) {
    errors.push_back({field, "must not contain the user name", "contains_user_name", {}});
  } else if (std::all_of(password.begin(), password.end(),
                         [&](char c) { return c == password[0]; })) {
    errors.push_back({field, "must not be one character repeated", "one_character", {}});
  }
  return errors;
}

}  // namespace tov
