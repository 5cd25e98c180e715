// CPR numbers (Det Centrale Personregister): DDMMYY-SSSS, the dash optional.
//
// The century comes from the 7th digit (docs/journal-format.md): 0–3 → 1900s; 4 and 9 → 2000s if YY ≤ 36,
// else 1900s; 5–8 → 2000s if YY ≤ 57, else 1800s. There is no modulus-11 check: it was dropped
// in 2007 and valid numbers fail it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tov {

struct Cpr {
  std::string digits;  // the ten digits, no dash
  Date birth_date;

  std::string Formatted() const;  // DDMMYY-SSSS
  std::string Masked() const;     // DDMMYY-xxxx
};

// Parses a CPR number; nullopt when it is not ten digits (optionally DDMMYY-SSSS) or the
// date it names does not exist.
std::optional<Cpr> ParseCpr(std::string_view text);

// The century rule alone: the full year for two-digit `yy` and the 7th digit `d7`.
int CprYear(int yy, int d7);

}  // namespace tov
