// Dates and timestamps: strict parsing, formatting and calendar arithmetic.
#include "domain/date.h"


namespace tov {
namespace {

using namespace std::chrono;

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Date Date::FromYmd(int y, unsigned m, unsigned d) {
  return Date(static_cast<int32_t>(
      sys_days(year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d))).time_since_epoch().count()));
}

year_month_day Date::ymd() const { return year_month_day(sys_days(std::chrono::days(days_))); }
int Date::year() const { return static_cast<int>(ymd().year()); }
unsigned Date::month() const { return static_cast<unsigned>(ymd().month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymd().day()); }

namespace {
// Writes `v` as `width` digits at `out` (v >= 0).
void PutDigits(char* out, unsigned v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}
}  // namespace

std::string Date::ToString() const {
  auto d = ymd();
  std::string s(10, '-');
  PutDigits(&s[0], static_cast<unsigned>(static_cast<int>(d.year())), 4);
  PutDigits(&s[5], static_cast<unsigned>(d.month()), 2);
  PutDigits(&s[8], static_cast<unsigned>(d.day()), 2);
  return s;
}

Date Date::AddMonths(int n) const {
  auto d = ymd();
  year_month ym = year_month(d.year(), d.month()) + std::chrono::months(n);
  auto last = year_month_day_last(ym.year(), month_day_last(ym.month())).day();
  auto dd = d.day() > last ? last : d.day();
  return Date::FromYmd(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()),
                       static_cast<unsigned>(dd));
}

std::optional<Date> ParseTypedDate(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (auto iso = ParseDate(s)) return iso;
  // D.M.YYYY or DD.MM.YYYY.
  const size_t a = s.find('.'), b = a == std::string_view::npos ? a : s.find('.', a + 1);
  if (b == std::string_view::npos || s.size() - b - 1 != 4 || a < 1 || a > 2 || b - a - 1 < 1 || b - a - 1 > 2)
    return std::nullopt;
  std::string iso(s.substr(b + 1));
  iso += '-';
  if (b - a - 1 == 1) iso += '0';
  iso += s.substr(a + 1, b - a - 1);
  iso += '-';
  if (a == 1) iso += '0';
  iso += s.substr(0, a);
  return ParseDate(iso);
}

std::optional<Date> ParseDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, &y) ||
      !Digits(s, 5, 2, &m) || !Digits(s, 8, 2, &d))
    return std::nullopt;
  if (y < 1800 || y > 2199) return std::nullopt;
  year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                     std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return Date::FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int AgeOn(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day()))
    --age;
  return age;
}

Timestamp Timestamp::FromSystemClock(system_clock::time_point tp) {
  return Timestamp(duration_cast<milliseconds>(tp.time_since_epoch()).count());
}

Date Timestamp::date() const {
  int64_t days = ms_ >= 0 ? ms_ / 86'400'000 : -((-ms_ + 86'399'999) / 86'400'000);
  return Date(static_cast<int32_t>(days));
}

std::string Timestamp::ToString() const {
  Date d = date();
  int64_t rem = ms_ - int64_t{d.days()} * 86'400'000;
  unsigned ms = static_cast<unsigned>(rem % 1000);
  unsigned secs = static_cast<unsigned>(rem / 1000);
  std::string s = d.ToString();
  s.resize(ms == 0 ? 20 : 24);
  s[10] = 'T';
  PutDigits(&s[11], secs / 3600, 2);
  s[13] = ':';
  PutDigits(&s[14], secs / 60 % 60, 2);
  s[16] = ':';
  PutDigits(&s[17], secs % 60, 2);
  if (ms != 0) {
    s[19] = '.';
    PutDigits(&s[20], ms, 3);
  }
  s.back() = 'Z';
  return s;
}

std::optional<Timestamp> ParseTimestamp(std::string_view s, bool allow_date_only) {
  auto date = ParseDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  if (s.size() == 10) {
    if (!allow_date_only) return std::nullopt;
    return Timestamp(int64_t{date->days() + 1} * 86'400'000 - 1);
  }
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int hh, mm, ss = 0, ms = 0;
  size_t p = 11;
  if (!Digits(s, p, 2, &hh) || p + 2 >= s.size() || s[p + 2] != ':' || !Digits(s, p + 3, 2, &mm))
    return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2, &ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      size_t start = p;
      int scale = 100;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        ms += (s[p] - '0') * scale;
        scale /= 10;
        ++p;
      }
      if (p == start || p - start > 9) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  int offset_min = 0;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
    offset_min = 0;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-') && p + 6 == s.size() && s[p + 3] == ':') {
    int oh, om;
    if (!Digits(s, p + 1, 2, &oh) || !Digits(s, p + 4, 2, &om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_min = (oh * 60 + om) * (s[p] == '+' ? 1 : -1);
  } else {
    return std::nullopt;  // a zone is required: record times are UTC instants
  }
  int64_t t = int64_t{date->days()} * 86'400'000 + ((hh * 60 + mm) * 60 + ss) * 1000LL + ms -
              offset_min * 60'000LL;
  // The instant itself must fall in the years ParseDate reads (1800–2199) in UTC, so that what
  // ToString() writes parses again: 1800-01-01T00:00+14:00 is 1799-12-31T10:00Z.
  static const int64_t kFirst = int64_t{Date::FromYmd(1800, 1, 1).days()} * 86'400'000;
  static const int64_t kEnd = int64_t{Date::FromYmd(2200, 1, 1).days()} * 86'400'000;
  if (t < kFirst || t >= kEnd) return std::nullopt;
  return Timestamp(t);
}

namespace {
// The last Sunday of `month` in `year` (1970-01-01, day 0, was a Thursday).
Date LastSunday(int year, unsigned month) {
  Date last = Date::FromYmd(year, month, 1).AddMonths(1).AddDays(-1);
  int weekday = ((last.days() + 4) % 7 + 7) % 7;  // 0 = Sunday
  return last.AddDays(-weekday);
}
}  // namespace

int DanishUtcOffsetMinutes(Timestamp t) {
  constexpr int64_t kDay = 86'400'000, kOneAm = 3'600'000;
  int year = t.date().year();
  if (year < 1980) return 60;
  Date begin = year == 1980 ? Date::FromYmd(1980, 4, 6) : LastSunday(year, 3);
  Date end = year == 1980 ? Date::FromYmd(1980, 9, 28) : LastSunday(year, year <= 1995 ? 9 : 10);
  int64_t ms = t.millis();
  bool summer =
      ms >= int64_t{begin.days()} * kDay + kOneAm && ms < int64_t{end.days()} * kDay + kOneAm;
  return summer ? 120 : 60;
}

Date DanishDate(Timestamp t) {
  return Timestamp(t.millis() + int64_t{DanishUtcOffsetMinutes(t)} * 60'000).date();
}

}  // namespace tov
