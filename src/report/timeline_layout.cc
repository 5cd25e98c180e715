// The citizen page's timeline layout: axis ticks by span, bars cut at today, stacked markers.
// See timeline_layout.h for the contracts and docs/design.md ("The timeline") for the rules in words.
#include "report/timeline_layout.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace tov::timeline {
namespace {

constexpr double kCharWidth = 7;

struct Candidate {
  TickUnit unit;
  int step;
};

// The ticks of one candidate, labelled as the contract says, or nullopt when two labels
// would come closer than kTickLabelGap.
std::optional<TimeAxis> TryTicks(Date lo, Date hi, double width, double overhang, Candidate c) {
  TimeAxis axis{c.unit, c.step, {}};
  // The first candidate at or before lo: its month, or the year divisible by the step.
  int first_year = lo.year() - lo.year() % c.step;
  if (first_year > lo.year()) first_year -= c.step;  // negative years
  Date d = c.unit == TickUnit::kMonth ? Date::FromYmd(lo.year(), lo.month(), 1) : Date::FromYmd(first_year, 1, 1);
  bool year_shown = false;
  double last_right = 0;
  bool any_label = false;
  for (;; d = c.unit == TickUnit::kMonth ? d.AddMonths(1) : Date::FromYmd(d.year() + c.step, 1, 1)) {
    if (d > hi) break;
    // The next year tick would be past hi: stop before building a date beyond the calendar.
    const bool last_year_tick = c.unit == TickUnit::kYear && d.year() + c.step > hi.year();
    if (d < lo) {
      if (last_year_tick) break;
      continue;
    }
    if (c.unit == TickUnit::kMonth && (d.year() * 12 + int(d.month()) - 1) % c.step != 0) continue;
    TimeTick t;
    t.date = d;
    t.with_year = c.unit == TickUnit::kMonth && (!year_shown || d.month() == 1);
    const double x = AxisX(d, lo, hi, width);
    const double half = TickLabelWidth(c.unit, t) / 2;
    t.labelled = x - half >= -overhang && x + half <= width + overhang;
    if (t.labelled) {
      if (any_label && x - half < last_right + kTickLabelGap) return std::nullopt;
      any_label = true;
      last_right = x + half;
      year_shown = true;
    }
    axis.ticks.push_back(t);
    if (last_year_tick) break;
  }
  return axis;
}

}  // namespace

double TickLabelWidth(TickUnit unit, const TimeTick& tick) {
  if (unit == TickUnit::kYear) return 4 * kCharWidth;
  return (tick.with_year ? 8 : 3) * kCharWidth;
}

double AxisX(Date d, Date lo, Date hi, double width) {
  return width * double(d - lo) / double(std::max(1, hi - lo));
}

TimeAxis ChooseTimeTicks(Date lo, Date hi, double width, double overhang) {
  const double span = std::max(1, hi - lo);
  static constexpr std::array<Candidate, 6> kFixed = {{{TickUnit::kMonth, 1}, {TickUnit::kMonth, 2},
                                                       {TickUnit::kMonth, 3}, {TickUnit::kMonth, 6},
                                                       {TickUnit::kYear, 1}, {TickUnit::kYear, 2}}};
  auto fits_roughly = [&](Candidate c) {
    // Fewer ticks than could ever fit: skips the month candidates of a span of centuries.
    const double step_days = c.unit == TickUnit::kMonth ? 28.0 * c.step : 365.0 * c.step;
    return span / step_days * (3 * kCharWidth + kTickLabelGap) <= 2 * width;
  };
  for (Candidate c : kFixed)
    if (fits_roughly(c))
      if (auto axis = TryTicks(lo, hi, width, overhang, c)) return *axis;
  // 5, 10, 20, 50, 100, … years: in the end at most one label fits, so this stops.
  static constexpr std::array<int, 3> kMantissas = {5, 10, 20};
  for (int scale = 1; scale <= 1000; scale *= 10)
    for (int m : kMantissas) {
      const Candidate c{TickUnit::kYear, m * scale};
      if (fits_roughly(c))
        if (auto axis = TryTicks(lo, hi, width, overhang, c)) return *axis;
    }
  return TimeAxis{TickUnit::kYear, 20000, {}};  // a span beyond 20,000 years: no ticks
}

std::optional<DaySpan> ClipToToday(Date from, std::optional<Date> to, Date today) {
  if (from > today) return std::nullopt;
  Date end = std::min(to.value_or(today), today);
  return DaySpan{from, std::max(from, end)};
}

std::vector<int> StackMarkers(const std::vector<double>& xs, double width, int max_lanes) {
  std::vector<size_t> order(xs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return xs[a] < xs[b]; });
  std::vector<int> lanes(xs.size(), 0);
  std::vector<double> last;  // the x of each lane's last marker
  for (size_t i : order) {
    int lane = -1;
    for (size_t k = 0; k < last.size(); ++k)
      if (xs[i] - last[k] >= width) {
        lane = int(k);
        break;
      }
    if (lane < 0 && int(last.size()) < std::max(1, max_lanes)) {
      lane = int(last.size());
      last.push_back(xs[i]);
    }
    if (lane < 0) lane = int(std::min_element(last.begin(), last.end()) - last.begin());
    last[size_t(lane)] = xs[i];
    lanes[i] = lane;
  }
  return lanes;
}

int LaneCount(const std::vector<int>& lanes) {
  return lanes.empty() ? 1 : 1 + *std::max_element(lanes.begin(), lanes.end());
}

}  // namespace tov::timeline
