// Tests for the timeline's layout rules: ticks by span (no two labels overlap, gridlines to the
// axis's end), bars cut at today, markers of one day stacked.
#include "report/timeline_layout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace tov::timeline {
namespace {

constexpr double kWidth = 770;  // the plot width of the citizen page's 960-wide timeline

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }

TEST(TimelineTicks, AShortSpanGetsEveryMonthWithTheYearOnTheFirstAndOnJanuary) {
  const TimeAxis a = ChooseTimeTicks(D(2025, 10, 20), D(2026, 12, 15), kWidth);
  EXPECT_EQ(a.unit, TickUnit::kMonth);
  EXPECT_EQ(a.step, 1);
  ASSERT_EQ(a.ticks.size(), 14u);  // 1 Nov 2025 … 1 Dec 2026
  EXPECT_EQ(a.ticks.front().date, D(2025, 11, 1));
  EXPECT_EQ(a.ticks.back().date, D(2026, 12, 1));
  EXPECT_TRUE(a.ticks[0].with_year);
  EXPECT_FALSE(a.ticks[1].with_year);  // Dec 2025
  EXPECT_TRUE(a.ticks[2].with_year);   // Jan 2026
  EXPECT_FALSE(a.ticks[3].with_year);
}

TEST(TimelineTicks, ThreeYearsGetQuarters) {
  const TimeAxis a = ChooseTimeTicks(D(2023, 11, 5), D(2026, 12, 15), kWidth);
  EXPECT_EQ(a.unit, TickUnit::kMonth);
  EXPECT_EQ(a.step, 3);
  for (const TimeTick& t : a.ticks) EXPECT_EQ((t.date.month() - 1) % 3, 0u) << t.date.ToString();
  EXPECT_EQ(a.ticks.front().date, D(2024, 1, 1));
}

TEST(TimelineTicks, LongSpansGetYearsThenEveryTwoFiveAndTenYears) {
  const TimeAxis a17 = ChooseTimeTicks(D(2009, 3, 1), D(2027, 2, 1), kWidth);
  EXPECT_EQ(a17.unit, TickUnit::kYear);
  EXPECT_EQ(a17.step, 1);
  EXPECT_EQ(a17.ticks.front().date, D(2010, 1, 1));
  EXPECT_EQ(a17.ticks.back().date, D(2027, 1, 1));
  const TimeAxis a30 = ChooseTimeTicks(D(1996, 6, 1), D(2027, 2, 1), kWidth);
  EXPECT_EQ(a30.unit, TickUnit::kYear);
  EXPECT_EQ(a30.step, 2);
  EXPECT_EQ(a30.ticks.front().date, D(1998, 1, 1));
  const TimeAxis a100 = ChooseTimeTicks(D(1926, 6, 1), D(2027, 2, 1), kWidth);
  EXPECT_EQ(a100.step, 5);
  EXPECT_EQ(a100.ticks.front().date, D(1930, 1, 1));
  EXPECT_EQ(ChooseTimeTicks(D(1826, 6, 1), D(2027, 2, 1), kWidth).step, 10);
  const TimeAxis a300 = ChooseTimeTicks(D(1726, 6, 1), D(2027, 2, 1), kWidth);
  EXPECT_EQ(a300.step, 20);  // 10 years would be 25.6 px apart, less than a label and its gap
}

TEST(TimelineTicks, AnyLengthGivesLabelsApartAndGridlinesUpToTheEnd) {
  const Date hi = D(2026, 12, 31);
  for (int days = 2; days <= 80 * 366; days += days < 800 ? 7 : 97) {
    for (double width : {300.0, kWidth}) {
      const Date lo = hi.AddDays(-days);
      const TimeAxis a = ChooseTimeTicks(lo, hi, width);
      const std::string what = std::to_string(days) + " days in " + std::to_string(int(width)) + " px";
      double last_right = -1e9;
      for (size_t i = 0; i < a.ticks.size(); ++i) {
        const TimeTick& t = a.ticks[i];
        ASSERT_GE(t.date, lo) << what;
        ASSERT_LE(t.date, hi) << what;
        if (i > 0) {
          // Consecutive ticks are exactly one step apart: no gridline is missing.
          const Date prev = a.ticks[i - 1].date;
          if (a.unit == TickUnit::kMonth) {
            ASSERT_EQ(prev.AddMonths(a.step), t.date) << what;
          } else {
            ASSERT_EQ(prev.year() + a.step, t.date.year()) << what;
          }
        }
        if (!t.labelled) continue;
        const double x = AxisX(t.date, lo, hi, width), half = TickLabelWidth(a.unit, t) / 2;
        ASSERT_GE(x - half, last_right + kTickLabelGap) << what << ", tick " << t.date.ToString();
        ASSERT_GE(x - half, -18) << what;
        ASSERT_LE(x + half, width + 18) << what;
        last_right = x + half;
      }
      // The last gridline is less than one step before the end of the axis.
      const int step_days = a.unit == TickUnit::kMonth ? 31 * a.step : 366 * a.step;
      if (days > step_days) {
        ASSERT_FALSE(a.ticks.empty()) << what;
        EXPECT_LT(hi - a.ticks.back().date, step_days) << what;
      }
    }
  }
}

TEST(TimelineTicks, ALabelAtTheEdgeIsLeftOffButItsGridlineStays) {
  // 1 Jan 2026 lies 1 px from the left end: "jan 2026" would reach 27 px beyond it.
  const Date lo = D(2025, 12, 31), hi = lo.AddDays(770);
  const TimeAxis a = ChooseTimeTicks(lo, hi, 770, 18);
  ASSERT_FALSE(a.ticks.empty());
  EXPECT_EQ(a.ticks.front().date, D(2026, 1, 1));
  EXPECT_FALSE(a.ticks.front().labelled);
  ASSERT_GT(a.ticks.size(), 1u);
  EXPECT_TRUE(a.ticks[1].labelled);
  EXPECT_TRUE(a.ticks[1].with_year);  // the first label shown gives the year
}

TEST(TimelineClip, AnOpenSpanEndsToday) {
  const auto s = ClipToToday(D(2020, 1, 1), std::nullopt, D(2026, 12, 3));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->from, D(2020, 1, 1));
  EXPECT_EQ(s->to, D(2026, 12, 3));
}

TEST(TimelineClip, NothingRunsPastToday) {
  const auto s = ClipToToday(D(2026, 11, 1), D(2027, 6, 1), D(2026, 12, 3));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->to, D(2026, 12, 3));
  EXPECT_FALSE(ClipToToday(D(2026, 12, 4), std::nullopt, D(2026, 12, 3)));
  const auto on_today = ClipToToday(D(2026, 12, 3), std::nullopt, D(2026, 12, 3));
  ASSERT_TRUE(on_today);
  EXPECT_EQ(on_today->from, on_today->to);
}

TEST(TimelineClip, AClosedSpanBeforeTodayIsKept) {
  const auto s = ClipToToday(D(2019, 1, 1), D(2020, 2, 1), D(2026, 12, 3));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->from, D(2019, 1, 1));
  EXPECT_EQ(s->to, D(2020, 2, 1));
}

TEST(TimelineMarkers, MarkersOfOneDayStack) {
  EXPECT_EQ(StackMarkers({100, 100, 100}, 18), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(LaneCount(StackMarkers({100, 100, 100}, 18)), 3);
}

TEST(TimelineMarkers, MarkersApartShareTheFirstLane) {
  EXPECT_EQ(StackMarkers({10, 30, 50, 68}, 18), (std::vector<int>{0, 0, 0, 0}));
  EXPECT_EQ(LaneCount({}), 1);
}

TEST(TimelineMarkers, MarkersCloserThanTheirWidthStackAndTheLaneIsReused) {
  // Unsorted input; lanes come back in the input order.
  EXPECT_EQ(StackMarkers({120, 100, 110, 200}, 18), (std::vector<int>{0, 0, 1, 0}));
  // 100 in lane 0, 105 in lane 1, 118 fits lane 0 again (18 from 100).
  EXPECT_EQ(StackMarkers({100, 105, 118}, 18), (std::vector<int>{0, 1, 0}));
}

TEST(TimelineMarkers, NoMarkerCoversAnotherInItsLane) {
  std::vector<double> xs;
  for (int i = 0; i < 40; ++i) xs.push_back(double((i * 37) % 97));
  const std::vector<int> lanes = StackMarkers(xs, 18, 100);
  for (size_t i = 0; i < xs.size(); ++i)
    for (size_t j = i + 1; j < xs.size(); ++j)
      if (lanes[i] == lanes[j]) {
        EXPECT_GE(std::abs(xs[i] - xs[j]), 18) << i << " " << j;
      }
}

TEST(TimelineMarkers, BeyondTheLastLaneMarkersShareIt) {
  const std::vector<int> lanes = StackMarkers({5, 5, 5, 5}, 18, 2);
  EXPECT_EQ(LaneCount(lanes), 2);
  EXPECT_EQ(lanes[0], 0);
  EXPECT_EQ(lanes[1], 1);
}

}  // namespace
}  // namespace tov::timeline
