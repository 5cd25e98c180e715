// The rules for a new password (docs/security.md, "Passwords"; ASVS 2.1.1 and 2.1.7): at least
// 12 characters (Unicode code points, not bytes), at most crypto::kMaxPasswordBytes bytes, not
// one of the common passwords shipped with the program (data/common-passwords.txt, compared
// without regard to case), and not containing the user's own name.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace tov {

inline constexpr size_t kMinPasswordChars = 12;

// The problems of `password` as the new password of `user`, each on field `field`; empty when
// it may be used.
std::vector<FieldError> CheckNewPassword(const std::string& password, const std::string& user,
                                         const std::string& field = "password");

// Whether `password` (any case) is on the list of common passwords.
bool IsCommonPassword(const std::string& password);

}  // namespace tov
