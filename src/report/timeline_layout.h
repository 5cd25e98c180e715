// Layout rules of the citizen page's timeline (issue 14): which ticks its time axis gets at a
// given span, how its bars are cut at today, and how its day markers (plans, expected releases,
// housing offers) are stacked so that none covers another. Pure functions: dates and widths in
// pixels in, ticks, spans and lanes out; src/web/page_citizen.cc draws them.
#pragma once

#include <optional>
#include <vector>

#include "domain/date.h"

namespace tov::timeline {

enum class TickUnit { kMonth, kYear };

struct TimeTick {
  Date date;               // the first day of a month (kMonth) or of a year (kYear)
  bool labelled = true;    // false: a gridline only (its label would cross the drawing's edge)
  bool with_year = false;  // a month label that also gives the year ("jan 2024"): the first
                           // labelled tick and every January; year labels are the year alone
};

struct TimeAxis {
  TickUnit unit = TickUnit::kMonth;
  int step = 1;                 // months (1, 2, 3, 6) or years (1, 2, 5, 10, 20, 50, 100, …)
  std::vector<TimeTick> ticks;  // every tick in [lo, hi], in order
};

// Gap in pixels kept between two neighbouring tick labels.
inline constexpr double kTickLabelGap = 10;

// The estimated width in pixels of a tick's label at 12 px: 7 px a character (a bound for the
// three-letter month names of Danish and English, and for digits), "jan" 21, "jan 2024" 56,
// "2024" 28.
double TickLabelWidth(TickUnit unit, const TimeTick& tick);

// The x of `d` on an axis from lo (x = 0) to hi (x = width).
double AxisX(Date d, Date lo, Date hi, double width);

// The ticks of a time axis from lo to hi drawn `width` pixels wide: the finest of every 1, 2, 3
// or 6 months (on calendar months: quarters start in January, April, July, October) or every 1,
// 2, 5, 10, 20, 50, 100… years (on years divisible by the step) whose labels, centred on their
// ticks, keep kTickLabelGap apart. A label that would reach more than `overhang` pixels beyond
// either end of the axis is left off; its gridline stays. REQUIRES: lo < hi, width > 0.
TimeAxis ChooseTimeTicks(Date lo, Date hi, double width, double overhang = 18);

struct DaySpan {
  Date from;
  Date to;  // from <= to
};

// The part of a span from `from` to `to` (open: no end yet) that a timeline drawn as of `today`
// shows: an open span ends at today and nothing runs past today. nullopt when it starts after
// today.
std::optional<DaySpan> ClipToToday(Date from, std::optional<Date> to, Date today);

// Lanes (0 = the first row) for markers centred at `xs`, each `width` pixels wide: taken from
// left to right (ties in input order), a marker goes to the lowest lane where it keeps at least
// `width` from the marker before it, so markers of one day, or closer than their width, stack
// instead of covering each other. Returns one lane per x in the input order. At most
// `max_lanes` lanes are opened (REQUIRES: >= 1); beyond them a marker goes to the lane whose last
// marker is furthest left (it may then overlap it).
std::vector<int> StackMarkers(const std::vector<double>& xs, double width, int max_lanes = 8);

// The number of lanes that `lanes` (from StackMarkers) uses: 1 + the largest, 1 when empty.
int LaneCount(const std::vector<int>& lanes);

}  // namespace tov::timeline
