// CPR parsing with the century rule of the CPR office.
#include "domain/cpr.h"

#include <chrono>

namespace tov {

int CprYear(int yy, int d7) {
  if (d7 <= 3) return 1900 + yy;
  if (d7 == 4 || d7 == 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;  // 5–8
}

std::optional<Cpr> ParseCpr(std::string_view s) {
  std::string digits;
  if (s.size() == 11) {
    if (s[6] != '-') return std::nullopt;
    digits = std::string(s.substr(0, 6)) + std::string(s.substr(7));
  } else if (s.size() == 10) {
    digits = std::string(s);
  } else {
    return std::nullopt;
  }
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  auto num = [&](int i) { return (digits[i] - '0') * 10 + (digits[i + 1] - '0'); };
  int dd = num(0), mm = num(2), yy = num(4), d7 = digits[6] - '0';
  int year = CprYear(yy, d7);
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(mm),
                                  std::chrono::day(dd)};
  if (!ymd.ok()) return std::nullopt;
  return Cpr{digits, Date::FromYmd(year, static_cast<unsigned>(mm), static_cast<unsigned>(dd))};
}

std::string Cpr::Formatted() const { return digits.substr(0, 6) + "-" + digits.substr(6); }
std::string Cpr::Masked() const { return digits.substr(0, 6) + "-xxxx"; }

}  // namespace tov
